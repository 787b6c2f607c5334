#include "engine/api/docker/stats.h"

#include "engine/containers/service.h"
#include "engine/stats/recorder.h"
#include "engine/stats/sample.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

namespace muelle::engine::docker {
namespace {

QJsonObject cpuJson(const cgroups::Stats &stats)
{
    QJsonArray perCpu;
    for (quint64 value : stats.perCpuNs)
        perCpu.append(double(value));
    QJsonObject usage{ { QStringLiteral("total_usage"), double(stats.cpuTotalNs) },
        { QStringLiteral("usage_in_kernelmode"), double(stats.cpuKernelNs) },
        { QStringLiteral("usage_in_usermode"), double(stats.cpuUserNs) } };
    if (!perCpu.isEmpty())
        usage.insert(QStringLiteral("percpu_usage"), perCpu);
    return { { QStringLiteral("cpu_usage"), usage }, { QStringLiteral("system_cpu_usage"), double(stats.systemCpuNs) },
        { QStringLiteral("online_cpus"), stats.onlineCpus },
        { QStringLiteral("throttling_data"),
            QJsonObject{ { QStringLiteral("periods"), 0 },
                { QStringLiteral("throttled_periods"), double(stats.throttledPeriods) },
                { QStringLiteral("throttled_time"), double(stats.throttledTimeNs) } } } };
}

// The container's interfaces, read in its network namespace through its init process.
QJsonObject networksJson(int pid)
{
    QJsonObject networks;
    for (const stats::InterfaceCounters &counters : stats::interfacesOf(pid)) {
        networks.insert(counters.name,
            QJsonObject{ { QStringLiteral("rx_bytes"), double(counters.rxBytes) },
                { QStringLiteral("rx_packets"), double(counters.rxPackets) },
                { QStringLiteral("rx_errors"), double(counters.rxErrors) },
                { QStringLiteral("rx_dropped"), double(counters.rxDropped) },
                { QStringLiteral("tx_bytes"), double(counters.txBytes) },
                { QStringLiteral("tx_packets"), double(counters.txPackets) },
                { QStringLiteral("tx_errors"), double(counters.txErrors) },
                { QStringLiteral("tx_dropped"), double(counters.txDropped) } });
    }
    return networks;
}

} // namespace

// One sample in Docker's shape; `previous` is the last one's (empty at first).
QJsonObject statsJson(const containers::Container &container, const cgroups::Stats &stats,
    const QJsonObject &previousCpu, const QString &previousRead)
{
    QJsonObject memoryStat;
    for (const auto &[key, value] : stats.memoryStat)
        memoryStat.insert(key, double(value));
    QJsonArray blkio;
    for (const cgroups::BlkioEntry &entry : stats.blkio) {
        blkio.append(QJsonObject{ { QStringLiteral("major"), double(entry.major) },
            { QStringLiteral("minor"), double(entry.minor) }, { QStringLiteral("op"), entry.op },
            { QStringLiteral("value"), double(entry.value) } });
    }
    QJsonObject memory{ { QStringLiteral("usage"), double(stats.memoryUsage) }, { QStringLiteral("stats"), memoryStat },
        { QStringLiteral("limit"), double(stats.memoryLimit) } };
    if (stats.memoryMaxUsage)
        memory.insert(QStringLiteral("max_usage"), double(stats.memoryMaxUsage));
    if (stats.memoryFailcnt)
        memory.insert(QStringLiteral("failcnt"), double(stats.memoryFailcnt));
    QJsonObject sample{
        { QStringLiteral("read"), containers::nowRfc3339Nano() },
        { QStringLiteral("preread"), previousRead.isEmpty() ? QStringLiteral("0001-01-01T00:00:00Z") : previousRead },
        { QStringLiteral("pids_stats"),
            QJsonObject{ { QStringLiteral("current"), double(stats.pidsCurrent) },
                { QStringLiteral("limit"), double(stats.pidsLimit) } } },
        { QStringLiteral("blkio_stats"), QJsonObject{ { QStringLiteral("io_service_bytes_recursive"), blkio } } },
        { QStringLiteral("num_procs"), 0 },
        { QStringLiteral("storage_stats"), QJsonObject() },
        { QStringLiteral("cpu_stats"), cpuJson(stats) },
        { QStringLiteral("precpu_stats"),
            previousCpu.isEmpty()
                ? QJsonObject{ { QStringLiteral("cpu_usage"), QJsonObject{ { QStringLiteral("total_usage"), 0 } } },
                    { QStringLiteral("throttling_data"), QJsonObject() } }
                : previousCpu },
        { QStringLiteral("memory_stats"), memory },
        { QStringLiteral("name"), u'/' + container.name },
        { QStringLiteral("id"), container.id },
    };
    const QJsonObject networks = networksJson(container.state.pid);
    if (!networks.isEmpty())
        sample.insert(QStringLiteral("networks"), networks);
    return sample;
}

Result<QJsonArray> statsHistoryJson(Engine &engine, const QString &name, const QString &resolution)
{
    if (resolution != u"second" && resolution != u"minute")
        return fail(Code::InvalidArgument,
            QStringLiteral("resolution must be \"second\" or \"minute\", not \"%1\"").arg(resolution));
    auto history
        = engine.stats.history(name, resolution == u"second" ? stats::Resolution::Second : stats::Resolution::Minute);
    if (!history)
        return fail(history.error());
    QJsonArray samples;
    for (const stats::Sample &sample : std::as_const(*history))
        samples.append(stats::sampleJson(sample));
    return samples;
}

Result<QJsonObject> topJson(Engine &engine, const QString &name, const QString &psArgs)
{
    auto container = engine.containers.store().find(name);
    if (!container)
        return fail(container.error());
    if (!container->running())
        return fail(Code::Conflict, QStringLiteral("Container %1 is not running").arg(container->shortId()));
    auto pids = engine.containers.store().cgroupOf(*container).pids();
    if (!pids)
        return fail(pids.error());
    QProcess ps;
    ps.start(QStringLiteral("ps"), psArgs.split(u' ', Qt::SkipEmptyParts));
    if (!ps.waitForFinished(10'000) || ps.exitCode() != 0)
        return fail({ Code::Internal,
            QStringLiteral("Error running ps: %1").arg(QString::fromUtf8(ps.readAllStandardError().trimmed())) });
    const QList<QByteArray> lines = ps.readAllStandardOutput().split('\n');
    const QStringList titles = QString::fromUtf8(lines.value(0)).split(u' ', Qt::SkipEmptyParts);
    const qsizetype pidColumn = titles.indexOf(QStringLiteral("PID"));
    if (pidColumn < 0)
        return fail({ Code::InvalidArgument, QStringLiteral("Couldn't find PID field in ps output") });
    QJsonArray processes;
    for (const QByteArray &line : lines.mid(1)) {
        const QStringList fields = QString::fromUtf8(line).split(u' ', Qt::SkipEmptyParts);
        if (fields.size() < titles.size() || !pids->contains(fields[pidColumn].toInt()))
            continue;
        // The last column (the command) keeps its spaces.
        QStringList row = fields.mid(0, titles.size() - 1);
        row.append(fields.mid(titles.size() - 1).join(u' '));
        processes.append(QJsonArray::fromStringList(row));
    }
    return QJsonObject{ { QStringLiteral("Titles"), QJsonArray::fromStringList(titles) },
        { QStringLiteral("Processes"), processes } };
}

} // namespace muelle::engine::docker
