#pragma once
// The /volumes endpoints: Docker's wire format over the volume service.

#include "engine/api/rest/restapi.h"
#include "engine/volumes/volumes.h"

#include <QJsonObject>

namespace muelle::engine::rest {

// A volume as Docker's API shows it.
QJsonObject volumeJson(const volumes::Volume &volume);
// On the engine's thread (the D-Bus façade calls these too): the volume a
// POST /volumes/create body makes; POST /volumes/prune's answer (`all`:
// named volumes too, not only anonymous ones).
Result<QJsonObject> createVolume(Engine &engine, const QJsonObject &body);
Result<QJsonObject> pruneVolumes(Engine &engine, bool all, const QStringList &labels);

void listVolumes(Engine &engine, http::Exchange &exchange); // GET /volumes
void createVolume(Engine &engine, http::Exchange &exchange); // POST /volumes/create
void inspectVolume(Engine &engine, http::Exchange &exchange); // GET /volumes/{name}
void removeVolume(Engine &engine, http::Exchange &exchange); // DELETE /volumes/{name}
void pruneVolumes(Engine &engine, http::Exchange &exchange); // POST /volumes/prune

} // namespace muelle::engine::rest
