#include "engine/cgroups/cgroups.h"
#include "engine/cgroups/files.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <unistd.h>

namespace muelle::engine::cgroups {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
QByteArray unescapeMountPath(QByteArrayView field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int code = field.sliced(i + 1, 3).toByteArray().toInt(&ok, 8);
            if (ok) {
                out.append(char(code));
                i += 3;
                continue;
            }
        }
        out.append(field[i]);
    }
    return out;
}

} // namespace

Hierarchy Hierarchy::fromMountinfo(QByteArrayView mountinfo)
{
    // "36 35 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw": the mount
    // point is the fifth field, the type the first after the " - " separator.
    // The last mount on /sys/fs/cgroup is the one that is visible.
    Hierarchy hierarchy{ Version::V1, QStringLiteral("/sys/fs/cgroup") };
    for (const QByteArray &line : mountinfo.toByteArray().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        const qsizetype separator = fields.indexOf(QByteArray("-"));
        if (fields.size() < 5 || separator < 5 || separator + 1 >= fields.size())
            continue;
        if (unescapeMountPath(fields[4]) != "/sys/fs/cgroup")
            continue;
        hierarchy.version = fields[separator + 1] == "cgroup2" ? Version::V2 : Version::V1;
    }
    return hierarchy;
}

Hierarchy Hierarchy::detect(const QString &mountinfoPath)
{
    return fromMountinfo(detail::readFile(mountinfoPath).value_or(QByteArray()));
}

Result<Stats> Cgroup::stats() const
{
    Result<Stats> stats = hierarchy_.version == Version::V1 ? detail::statsV1(hierarchy_.root, path_)
                                                            : detail::statsV2(hierarchy_.root, path_);
    if (!stats)
        return stats;
    stats->systemCpuNs = detail::hostCpuNs();
    stats->onlineCpus = detail::onlineCpus();
    if (stats->memoryLimit == 0 || stats->memoryLimit >= detail::unlimitedMemory)
        stats->memoryLimit = detail::hostMemoryBytes();
    return stats;
}

quint64 Cgroup::oomKills() const
{
    return hierarchy_.version == Version::V1 ? detail::oomKillsV1(hierarchy_.root, path_)
                                             : detail::oomKillsV2(hierarchy_.root, path_);
}

QString Cgroup::oomFile() const
{
    return hierarchy_.version == Version::V1
        ? hierarchy_.root + QStringLiteral("/memory") + path_ + u'/' + detail::oomFileV1
        : hierarchy_.root + path_ + u'/' + detail::oomFileV2;
}

Result<QList<int>> Cgroup::pids() const
{
    return hierarchy_.version == Version::V1 ? detail::pidsV1(hierarchy_.root, path_)
                                             : detail::pidsV2(hierarchy_.root, path_);
}

namespace detail {

std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

std::optional<quint64> readNumber(const QString &path)
{
    const std::optional<QByteArray> contents = readFile(path);
    if (!contents)
        return std::nullopt;
    bool ok = false;
    const quint64 value = contents->trimmed().toULongLong(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

KeyValues readKeyValues(const QString &path)
{
    KeyValues pairs;
    const std::optional<QByteArray> contents = readFile(path);
    if (!contents)
        return pairs;
    for (const QByteArray &line : contents->split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() != 2)
            continue;
        bool ok = false;
        const quint64 value = fields[1].toULongLong(&ok);
        if (ok)
            pairs.append({ QString::fromUtf8(fields[0]), value });
    }
    return pairs;
}

quint64 valueOf(const KeyValues &pairs, QStringView key)
{
    for (const auto &[name, value] : pairs) {
        if (name == key)
            return value;
    }
    return 0;
}

Result<QList<int>> readProcs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const int error = errno;
        const bool gone = error == 0 || !QFileInfo::exists(path);
        return fail(systemError(QStringLiteral("open"), path, gone ? ENOENT : error));
    }
    QList<int> pids;
    for (const QByteArray &line : file.readAll().split('\n')) {
        bool ok = false;
        const int pid = line.trimmed().toInt(&ok);
        if (ok)
            pids.append(pid);
    }
    return pids;
}

bool isDirectory(const QString &path)
{
    return QFileInfo(path).isDir();
}

Result<QString> below(const QString &dir, const QString &path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.contains(QStringLiteral("..")))
        return fail(Code::InvalidArgument, QStringLiteral("cgroup path \"%1\" climbs out of its hierarchy").arg(path));
    return parts.isEmpty() ? dir : dir + u'/' + parts.join(u'/');
}

quint64 hostMemoryBytes()
{
    const std::optional<QByteArray> meminfo = readFile(QStringLiteral("/proc/meminfo"));
    for (const QByteArray &line : meminfo.value_or(QByteArray()).split('\n')) {
        if (line.startsWith("MemTotal:"))
            return line.mid(9).simplified().split(' ').first().toULongLong() * 1024;
    }
    return 0;
}

quint64 nsPerTick()
{
    const long ticks = ::sysconf(_SC_CLK_TCK);
    return 1'000'000'000ULL / quint64(ticks > 0 ? ticks : 100);
}

quint64 hostCpuNs()
{
    // Docker's system_cpu_usage: user, nice, system, idle, iowait, irq and
    // softirq of the "cpu" line (steal and guest are left out).
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    if (fields.isEmpty() || fields.first() != "cpu")
        return 0;
    quint64 ticks = 0;
    for (qsizetype i = 1; i < fields.size() && i <= 7; ++i)
        ticks += fields[i].toULongLong();
    return ticks * nsPerTick();
}

int onlineCpus()
{
    // The host's, not the cpuset's: docker multiplies the share of the host's
    // CPU time (system_cpu_usage covers all online CPUs) by this number.
    const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? int(cpus) : 1;
}

} // namespace detail

} // namespace muelle::engine::cgroups
