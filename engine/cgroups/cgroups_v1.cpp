// cgroup v1: one hierarchy per controller, <root>/<controller><path>. Docker
// hosts usually mount cpu and cpuacct together ("cpu,cpuacct", with symlinks
// named after each); some mount them apart.
#include "engine/cgroups/files.h"

#include <QDir>
#include <QHash>

namespace muelle::engine::cgroups::detail {

namespace {

// The mount of `controller` under `root`: <root>/<controller>, or a joint
// mount such as <root>/cpu,cpuacct when there is no link by that name.
QString controllerDir(const QString &root, const QString &controller)
{
    const QString direct = root + u'/' + controller;
    if (isDirectory(direct))
        return direct;
    const QStringList entries = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (entry.split(u',').contains(controller))
            return root + u'/' + entry;
    }
    return direct;
}

// The cgroup's directory in `controller`'s hierarchy; empty when that
// controller does not have it.
QString cgroupDir(const QString &root, const QString &controller, const QString &path)
{
    const Result<QString> dir = below(controllerDir(root, controller), path);
    return dir && isDirectory(*dir) ? *dir : QString();
}

const QStringList &statControllers()
{
    static const QStringList names{ QStringLiteral("cpuacct"), QStringLiteral("cpu"), QStringLiteral("memory"),
        QStringLiteral("pids"), QStringLiteral("blkio") };
    return names;
}

void readCpu(const QString &cpuacct, const QString &cpu, Stats &stats)
{
    if (!cpuacct.isEmpty()) {
        stats.cpuTotalNs = readNumber(cpuacct + QLatin1String("/cpuacct.usage")).value_or(0);
        const QByteArray perCpu = readFile(cpuacct + QLatin1String("/cpuacct.usage_percpu")).value_or(QByteArray());
        for (const QByteArray &field : perCpu.simplified().split(' ')) {
            bool ok = false;
            const quint64 ns = field.toULongLong(&ok);
            if (ok)
                stats.perCpuNs.append(ns);
        }
        // cpuacct.stat counts USER_HZ ticks.
        const KeyValues ticks = readKeyValues(cpuacct + QLatin1String("/cpuacct.stat"));
        stats.cpuUserNs = valueOf(ticks, u"user") * nsPerTick();
        stats.cpuKernelNs = valueOf(ticks, u"system") * nsPerTick();
    }
    if (!cpu.isEmpty()) {
        const KeyValues throttling = readKeyValues(cpu + QLatin1String("/cpu.stat"));
        stats.throttledPeriods = valueOf(throttling, u"nr_throttled");
        stats.throttledTimeNs = valueOf(throttling, u"throttled_time");
    }
}

void readMemory(const QString &memory, Stats &stats)
{
    if (memory.isEmpty())
        return;
    stats.memoryUsage = readNumber(memory + QLatin1String("/memory.usage_in_bytes")).value_or(0);
    // Left at 0 or the kernel's huge "no limit", Cgroup::stats() puts the
    // host's RAM in its place.
    stats.memoryLimit = readNumber(memory + QLatin1String("/memory.limit_in_bytes")).value_or(0);
    stats.memoryMaxUsage = readNumber(memory + QLatin1String("/memory.max_usage_in_bytes")).value_or(0);
    stats.memoryFailcnt = readNumber(memory + QLatin1String("/memory.failcnt")).value_or(0);
    stats.memoryStat = readKeyValues(memory + QLatin1String("/memory.stat"));
    stats.oomKills = valueOf(readKeyValues(memory + u'/' + oomFileV1), u"oom_kill");
}

void readPidsController(const QString &pids, Stats &stats)
{
    if (pids.isEmpty())
        return;
    stats.pidsCurrent = readNumber(pids + QLatin1String("/pids.current")).value_or(0);
    stats.pidsLimit = readNumber(pids + QLatin1String("/pids.max")).value_or(0); // "max": unlimited, 0
}

// "8:0 Read 4096" lines, and a closing "Total 4096".
QList<BlkioEntry> parseServiceBytes(const QByteArray &contents)
{
    QList<BlkioEntry> entries;
    for (const QByteArray &line : contents.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() != 3)
            continue;
        const QList<QByteArray> device = fields[0].split(':');
        const QString op = QString::fromUtf8(fields[1]).toLower();
        if (device.size() != 2 || (op != u"read" && op != u"write"))
            continue;
        BlkioEntry entry;
        entry.major = device[0].toULongLong();
        entry.minor = device[1].toULongLong();
        entry.op = op;
        entry.value = fields[2].toULongLong();
        entries.append(entry);
    }
    return entries;
}

void readBlkio(const QString &blkio, Stats &stats)
{
    if (blkio.isEmpty())
        return;
    // The throttling layer sees every bio whatever the I/O scheduler; the
    // scheduler's own counters (CFQ, gone since Linux 5.0) are the fallback.
    for (const char *name : { "/blkio.throttle.io_service_bytes_recursive", "/blkio.io_service_bytes_recursive" }) {
        stats.blkio = parseServiceBytes(readFile(blkio + QLatin1String(name)).value_or(QByteArray()));
        if (!stats.blkio.isEmpty())
            return;
    }
}

} // namespace

Result<Stats> statsV1(const QString &root, const QString &path)
{
    if (Result<QString> checked = below(root, path); !checked)
        return fail(checked.error());
    QHash<QString, QString> dirs;
    for (const QString &controller : statControllers()) {
        const QString dir = cgroupDir(root, controller, path);
        if (!dir.isEmpty())
            dirs.insert(controller, dir);
    }
    if (dirs.isEmpty())
        return fail(Code::NotFound, QStringLiteral("cgroup \"%1\" not found under \"%2\"").arg(path, root));

    Stats stats;
    readCpu(dirs.value(QStringLiteral("cpuacct")), dirs.value(QStringLiteral("cpu")), stats);
    readMemory(dirs.value(QStringLiteral("memory")), stats);
    readPidsController(dirs.value(QStringLiteral("pids")), stats);
    readBlkio(dirs.value(QStringLiteral("blkio")), stats);
    return stats;
}

quint64 oomKillsV1(const QString &root, const QString &path)
{
    const QString memory = cgroupDir(root, QStringLiteral("memory"), path);
    if (memory.isEmpty())
        return 0;
    return valueOf(readKeyValues(memory + u'/' + oomFileV1), u"oom_kill");
}

Result<QList<int>> pidsV1(const QString &root, const QString &path)
{
    for (const QString &controller : { QStringLiteral("pids"), QStringLiteral("memory") }) {
        const QString dir = cgroupDir(root, controller, path);
        if (!dir.isEmpty())
            return readProcs(dir + QLatin1String("/cgroup.procs"));
    }
    if (Result<QString> checked = below(root, path); !checked)
        return fail(checked.error());
    return fail(Code::NotFound, QStringLiteral("cgroup \"%1\" not found under \"%2\"").arg(path, root));
}

} // namespace muelle::engine::cgroups::detail
