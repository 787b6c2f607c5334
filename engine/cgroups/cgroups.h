#pragma once
// A container's control group, read for `docker stats` and for the OOM
// killer's verdict. Both hierarchies: cgroup v1 (one mount per controller,
// the container at <mount>/<cgroupsPath>) and v2 (one unified tree). The
// limits themselves are applied by the OCI runtime from config.json; here
// they are only read back.

#include "base/error.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace muelle::engine::cgroups {

enum class Version { V1, V2 };

// How this host mounts cgroups. `root` is "/sys/fs/cgroup" outside tests.
struct Hierarchy {
    Version version = Version::V1;
    QString root;
    // Reads /proc/self/mountinfo (or `mountinfoPath`): v2 when /sys/fs/cgroup
    // is cgroup2 (a hybrid host with an empty v2 tree at
    // /sys/fs/cgroup/unified is v1). An unreadable file means v1.
    static Hierarchy detect(const QString &mountinfoPath = QStringLiteral("/proc/self/mountinfo"));
    // The same decision from mountinfo's text.
    static Hierarchy fromMountinfo(QByteArrayView mountinfo);
};

struct BlkioEntry {
    quint64 major = 0;
    quint64 minor = 0;
    QString op; // "read" | "write" (docker's io_service_bytes_recursive; other ops are left out)
    quint64 value = 0;
};

struct Stats {
    // cpu
    quint64 cpuTotalNs = 0;
    quint64 cpuUserNs = 0; // usage in user mode
    quint64 cpuKernelNs = 0;
    QList<quint64> perCpuNs; // v1 only
    quint64 systemCpuNs = 0; // the host's, from /proc/stat, for the percentage
    int onlineCpus = 0;
    quint64 throttledPeriods = 0;
    quint64 throttledTimeNs = 0;
    // memory
    quint64 memoryUsage = 0; // bytes, including cache (docker subtracts inactive_file)
    quint64 memoryLimit = 0; // the cgroup's, or the host's RAM when unlimited
    quint64 memoryMaxUsage = 0; // v1, or v2's memory.peak when the kernel has it
    quint64 memoryFailcnt = 0;
    QList<std::pair<QString, quint64>> memoryStat; // memory.stat as is
    quint64 oomKills = 0;
    // pids
    quint64 pidsCurrent = 0;
    quint64 pidsLimit = 0; // 0 = unlimited
    // block I/O
    QList<BlkioEntry> blkio;
};

class Cgroup {
public:
    Cgroup(Hierarchy hierarchy, QString path) : hierarchy_(std::move(hierarchy)), path_(std::move(path)) { }

    // NotFound when the cgroup is gone (the container stopped). A controller
    // that is not mounted or a file this kernel lacks leaves its stats at 0.
    Result<Stats> stats() const;
    // The OOM kills counted in this cgroup (memory.oom_control's oom_kill on
    // v1, memory.events' oom_kill on v2); 0 when unknown.
    quint64 oomKills() const;
    // The file that counts them, which need not exist yet (the shim reads it
    // when the container exits): <root>/memory/<path>/memory.oom_control on
    // v1, <root>/<path>/memory.events on v2.
    QString oomFile() const;
    // The PIDs in the cgroup (docker top), from cgroup.procs (on v1 the pids
    // controller's, else the memory controller's). NotFound when it is gone.
    Result<QList<int>> pids() const;

private:
    Hierarchy hierarchy_;
    QString path_; // "/muelle/<id>"
};

} // namespace muelle::engine::cgroups
