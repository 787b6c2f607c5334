// cgroup v2: one unified tree, the container's files at <root><path>. Times
// are in microseconds; docker reports nanoseconds.
#include "engine/cgroups/files.h"

namespace muelle::engine::cgroups::detail {

namespace {

Result<QString> existingDir(const QString &root, const QString &path)
{
    Result<QString> dir = below(root, path);
    if (!dir)
        return dir;
    if (!isDirectory(*dir))
        return fail(Code::NotFound, QStringLiteral("cgroup \"%1\" not found under \"%2\"").arg(path, root));
    return dir;
}

void readCpu(const QString &dir, Stats &stats)
{
    const KeyValues cpu = readKeyValues(dir + QLatin1String("/cpu.stat"));
    stats.cpuTotalNs = valueOf(cpu, u"usage_usec") * 1000;
    stats.cpuUserNs = valueOf(cpu, u"user_usec") * 1000;
    stats.cpuKernelNs = valueOf(cpu, u"system_usec") * 1000;
    stats.throttledPeriods = valueOf(cpu, u"nr_throttled");
    stats.throttledTimeNs = valueOf(cpu, u"throttled_usec") * 1000;
}

void readMemory(const QString &dir, Stats &stats)
{
    stats.memoryUsage = readNumber(dir + QLatin1String("/memory.current")).value_or(0);
    // "max" reads as 0; Cgroup::stats() puts the host's RAM in its place.
    stats.memoryLimit = readNumber(dir + QLatin1String("/memory.max")).value_or(0);
    stats.memoryMaxUsage = readNumber(dir + QLatin1String("/memory.peak")).value_or(0); // Linux 5.19+
    stats.memoryStat = readKeyValues(dir + QLatin1String("/memory.stat"));
    stats.oomKills = valueOf(readKeyValues(dir + u'/' + oomFileV2), u"oom_kill");
}

// "8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0" per device.
QList<BlkioEntry> parseIoStat(const QByteArray &contents)
{
    QList<BlkioEntry> entries;
    for (const QByteArray &line : contents.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        const QList<QByteArray> device = fields.first().split(':');
        if (device.size() != 2)
            continue;
        for (const QByteArray &field : fields.sliced(1)) {
            const qsizetype equals = field.indexOf('=');
            const QByteArray key = field.left(equals);
            if (equals < 0 || (key != "rbytes" && key != "wbytes"))
                continue;
            BlkioEntry entry;
            entry.major = device[0].toULongLong();
            entry.minor = device[1].toULongLong();
            entry.op = key == "rbytes" ? QStringLiteral("read") : QStringLiteral("write");
            entry.value = field.mid(equals + 1).toULongLong();
            entries.append(entry);
        }
    }
    return entries;
}

} // namespace

Result<Stats> statsV2(const QString &root, const QString &path)
{
    const Result<QString> dir = existingDir(root, path);
    if (!dir)
        return fail(dir.error());
    Stats stats;
    readCpu(*dir, stats);
    readMemory(*dir, stats);
    stats.pidsCurrent = readNumber(*dir + QLatin1String("/pids.current")).value_or(0);
    stats.pidsLimit = readNumber(*dir + QLatin1String("/pids.max")).value_or(0); // "max": unlimited, 0
    stats.blkio = parseIoStat(readFile(*dir + QLatin1String("/io.stat")).value_or(QByteArray()));
    return stats;
}

quint64 oomKillsV2(const QString &root, const QString &path)
{
    const Result<QString> dir = existingDir(root, path);
    return dir ? valueOf(readKeyValues(*dir + u'/' + oomFileV2), u"oom_kill") : 0;
}

Result<QList<int>> pidsV2(const QString &root, const QString &path)
{
    const Result<QString> dir = existingDir(root, path);
    if (!dir)
        return fail(dir.error());
    return readProcs(*dir + QLatin1String("/cgroup.procs"));
}

} // namespace muelle::engine::cgroups::detail
