#pragma once
// The /containers endpoints: Docker's wire format over the container service.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void createContainer(Engine &engine, http::Exchange &exchange); // POST /containers/create
void listContainers(Engine &engine, http::Exchange &exchange); // GET /containers/json
void inspectContainer(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/json
void startContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/start
void stopContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/stop
void restartContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/restart
void killContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/kill
void pauseContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/pause
void unpauseContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/unpause
void waitContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/wait
void attachContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/attach
void resizeContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/resize
void renameContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/rename
void updateContainer(Engine &engine, http::Exchange &exchange); // POST /containers/{name}/update
void removeContainer(Engine &engine, http::Exchange &exchange); // DELETE /containers/{name}
void pruneContainers(Engine &engine, http::Exchange &exchange); // POST /containers/prune
void containerLogs(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/logs

} // namespace muelle::engine::rest
