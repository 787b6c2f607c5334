#pragma once
// Volumes as Docker's API shows them, and its create and prune bodies,
// over the volume service. On the engine's thread.

#include "base/error.h"
#include "engine/api/docker/engine.h"

#include <QJsonObject>
#include <QStringList>

namespace muelle::engine::volumes {
struct Volume;
}

namespace muelle::engine::docker {

QJsonObject volumeJson(const volumes::Volume &volume);
// The volume a POST /volumes/create body makes.
Result<QJsonObject> createVolume(Engine &engine, const QJsonObject &body);
// POST /volumes/prune's answer (`all`: named volumes too, not only
// anonymous ones; `labels`: label filters).
Result<QJsonObject> pruneVolumes(Engine &engine, bool all, const QStringList &labels);

} // namespace muelle::engine::docker
