#pragma once
// The /volumes endpoints: Docker's wire format over the volume service.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void listVolumes(Engine &engine, http::Exchange &exchange); // GET /volumes
void createVolume(Engine &engine, http::Exchange &exchange); // POST /volumes/create
void inspectVolume(Engine &engine, http::Exchange &exchange); // GET /volumes/{name}
void removeVolume(Engine &engine, http::Exchange &exchange); // DELETE /volumes/{name}
void pruneVolumes(Engine &engine, http::Exchange &exchange); // POST /volumes/prune

} // namespace muelle::engine::rest
