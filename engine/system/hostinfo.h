#pragma once
// Facts about the host the engine reports in /info and /version: kernel,
// operating system, CPUs, memory, cgroup version. Read from /proc, /sys and
// /etc/os-release; nothing is cached, nothing is written.

#include <QString>

namespace muelle::engine::system {

enum class CgroupVersion { V1, V2 };

struct HostInfo {
    QString hostname;
    QString kernelVersion; // uname -r
    QString operatingSystem; // PRETTY_NAME of /etc/os-release
    QString osVersion; // VERSION_ID
    QString architecture; // uname -m ("x86_64")
    int cpus = 0;
    qint64 memoryBytes = 0; // MemTotal
    CgroupVersion cgroupVersion = CgroupVersion::V1;
};

HostInfo hostInfo();

// The architecture as Go and the Docker API name it ("amd64", "arm64").
QString goArchitecture(const QString &machine);

} // namespace muelle::engine::system
