#pragma once
// Internal to engine/cgroups: reading the kernel's cgroup and /proc files,
// and the per-version readers cgroups.cpp dispatches to. A file that cannot
// be read (a controller that is not mounted, a file an older kernel lacks)
// is std::nullopt or 0 here; only the cgroup's own absence is an error.

#include "engine/cgroups/cgroups.h"

#include <optional>

namespace muelle::engine::cgroups::detail {

using KeyValues = QList<std::pair<QString, quint64>>;

// Where the kernel counts OOM kills ("oom_kill N").
inline constexpr QLatin1StringView oomFileV1{ "memory.oom_control" };
inline constexpr QLatin1StringView oomFileV2{ "memory.events" };

std::optional<QByteArray> readFile(const QString &path);
// The file's one number; nullopt when missing or not a number ("max").
std::optional<quint64> readNumber(const QString &path);
// "key value" lines (memory.stat, cpu.stat, memory.events...), in order.
KeyValues readKeyValues(const QString &path);
quint64 valueOf(const KeyValues &pairs, QStringView key);
// cgroup.procs; NotFound when the file is gone.
Result<QList<int>> readProcs(const QString &path);
bool isDirectory(const QString &path);
// `path` below `dir`; `path` is "/muelle/<id>" and may not climb with "..".
Result<QString> below(const QString &dir, const QString &path);

// The host's side of the numbers.
quint64 hostMemoryBytes();
quint64 hostCpuNs(); // /proc/stat's first line, as docker's system_cpu_usage
quint64 nsPerTick(); // 1e9 / USER_HZ
int onlineCpus();
// Memory limits at or above this are the kernel's "no limit".
inline constexpr quint64 unlimitedMemory = quint64(1) << 62;

Result<Stats> statsV1(const QString &root, const QString &path);
quint64 oomKillsV1(const QString &root, const QString &path);
Result<QList<int>> pidsV1(const QString &root, const QString &path);

Result<Stats> statsV2(const QString &root, const QString &path);
quint64 oomKillsV2(const QString &root, const QString &path);
Result<QList<int>> pidsV2(const QString &root, const QString &path);

} // namespace muelle::engine::cgroups::detail
