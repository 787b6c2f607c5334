#pragma once
// The /networks endpoints: Docker's wire format over the network service.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void listNetworks(Engine &engine, http::Exchange &exchange); // GET /networks
void inspectNetwork(Engine &engine, http::Exchange &exchange); // GET /networks/{id}
void createNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/create
void removeNetwork(Engine &engine, http::Exchange &exchange); // DELETE /networks/{id}
void connectNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/{id}/connect
void disconnectNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/{id}/disconnect
void pruneNetworks(Engine &engine, http::Exchange &exchange); // POST /networks/prune

} // namespace muelle::engine::rest
