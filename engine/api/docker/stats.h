#pragma once
// A container's resources as Docker's API shows them: one sample of GET
// /containers/{id}/stats, GET /containers/{id}/top's body, and muelled's
// own stats history. On the engine's thread.

#include "base/error.h"
#include "engine/api/docker/engine.h"

#include <QJsonArray>
#include <QJsonObject>

namespace muelle::engine::containers {
struct Container;
}
namespace muelle::engine::cgroups {
struct Stats;
}

namespace muelle::engine::docker {

// One sample in Docker's shape; `previousCpu` and `previousRead` are the
// last sample's cpu_stats and read time (empty at first).
QJsonObject statsJson(const containers::Container &container, const cgroups::Stats &stats,
    const QJsonObject &previousCpu, const QString &previousRead);
// GET /containers/{name}/top's body: ps run with psArgs, its rows those of
// the container's processes.
Result<QJsonObject> topJson(Engine &engine, const QString &name, const QString &psArgs);
// GET /containers/{name}/stats/history?resolution=second|minute — muelled's
// own route: the container's recorded samples, oldest first (engine/stats).
// InvalidArgument for another resolution.
Result<QJsonArray> statsHistoryJson(Engine &engine, const QString &name, const QString &resolution);

} // namespace muelle::engine::docker
