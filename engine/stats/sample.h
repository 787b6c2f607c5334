#pragma once
// One reading of a running container's resources, as the desktop app charts
// them: CPU in percent of one core (so 200 = two cores busy), memory as
// docker stats shows it (without the inactive page cache), and the
// network and block I/O counters since the container started.

#include "engine/cgroups/cgroups.h"

#include <QJsonObject>
#include <QList>

namespace muelle::engine::stats {

struct Sample {
    qint64 timeMs = 0; // since the epoch
    double cpuPercent = 0;
    quint64 memoryBytes = 0;
    quint64 memoryLimit = 0;
    quint64 networkRx = 0;
    quint64 networkTx = 0;
    quint64 blockRead = 0;
    quint64 blockWrite = 0;
    quint64 pids = 0;
};

// The counters a percentage is computed from: this reading's and the last.
struct CpuCounters {
    quint64 containerNs = 0;
    quint64 systemNs = 0;
};

struct NetworkCounters {
    quint64 rx = 0;
    quint64 tx = 0;
};

// The sample of a cgroup reading; `previous` is the last reading's counters
// (zero at first: the CPU share is then 0).
Sample sampleOf(
    const cgroups::Stats &stats, const NetworkCounters &network, const CpuCounters &previous, qint64 timeMs);

// The counters of each interface but loopback in a process's network
// namespace (/proc/<pid>/net/dev); none when it cannot be read.
struct InterfaceCounters {
    QString name;
    quint64 rxBytes = 0, rxPackets = 0, rxErrors = 0, rxDropped = 0;
    quint64 txBytes = 0, txPackets = 0, txErrors = 0, txDropped = 0;
};
QList<InterfaceCounters> interfacesOf(int pid);

// The bytes moved on all of them.
NetworkCounters networkOf(int pid);

// {"Time": ms, "CPU": %, "Memory", "MemoryLimit", "NetworkRx", "NetworkTx",
//  "BlockRead", "BlockWrite", "Pids"}: how D-Bus and the app carry a sample.
QJsonObject sampleJson(const Sample &sample);

} // namespace muelle::engine::stats
