#include "engine/stats/sample.h"

#include <QFile>

namespace muelle::engine::stats {

Sample sampleOf(const cgroups::Stats &stats, const NetworkCounters &network, const CpuCounters &previous, qint64 timeMs)
{
    Sample sample;
    sample.timeMs = timeMs;
    const quint64 containerDelta = stats.cpuTotalNs - std::min(previous.containerNs, stats.cpuTotalNs);
    const quint64 systemDelta = stats.systemCpuNs - std::min(previous.systemNs, stats.systemCpuNs);
    // docker stats' formula: the container's share of all CPUs' time, times their number.
    if (previous.systemNs && systemDelta && stats.onlineCpus)
        sample.cpuPercent = 100.0 * double(containerDelta) / double(systemDelta) * stats.onlineCpus;
    quint64 inactive = 0;
    for (const auto &[key, value] : stats.memoryStat) {
        if (key == u"total_inactive_file" || key == u"inactive_file")
            inactive = value;
    }
    sample.memoryBytes = stats.memoryUsage - std::min(inactive, stats.memoryUsage);
    sample.memoryLimit = stats.memoryLimit;
    sample.networkRx = network.rx;
    sample.networkTx = network.tx;
    for (const cgroups::BlkioEntry &entry : stats.blkio)
        (entry.op == u"read" ? sample.blockRead : sample.blockWrite) += entry.value;
    sample.pids = stats.pidsCurrent;
    return sample;
}

QList<InterfaceCounters> interfacesOf(int pid)
{
    QList<InterfaceCounters> interfaces;
    QFile dev(QStringLiteral("/proc/%1/net/dev").arg(pid));
    if (pid <= 0 || !dev.open(QIODevice::ReadOnly))
        return interfaces;
    const QList<QByteArray> lines = dev.readAll().split('\n');
    for (const QByteArray &line : lines.mid(2)) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() == "lo")
            continue;
        const QList<QByteArray> f = line.mid(colon + 1).simplified().split(' ');
        if (f.size() < 16)
            continue;
        interfaces.append({ QString::fromLatin1(line.left(colon).trimmed()), f[0].toULongLong(), f[1].toULongLong(),
            f[2].toULongLong(), f[3].toULongLong(), f[8].toULongLong(), f[9].toULongLong(), f[10].toULongLong(),
            f[11].toULongLong() });
    }
    return interfaces;
}

NetworkCounters networkOf(int pid)
{
    NetworkCounters counters;
    for (const InterfaceCounters &interface : interfacesOf(pid)) {
        counters.rx += interface.rxBytes;
        counters.tx += interface.txBytes;
    }
    return counters;
}

QJsonObject sampleJson(const Sample &sample)
{
    return { { QStringLiteral("Time"), double(sample.timeMs) }, { QStringLiteral("CPU"), sample.cpuPercent },
        { QStringLiteral("Memory"), double(sample.memoryBytes) },
        { QStringLiteral("MemoryLimit"), double(sample.memoryLimit) },
        { QStringLiteral("NetworkRx"), double(sample.networkRx) },
        { QStringLiteral("NetworkTx"), double(sample.networkTx) },
        { QStringLiteral("BlockRead"), double(sample.blockRead) },
        { QStringLiteral("BlockWrite"), double(sample.blockWrite) }, { QStringLiteral("Pids"), double(sample.pids) } };
}

} // namespace muelle::engine::stats
