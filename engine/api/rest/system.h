#pragma once
// GET/HEAD /_ping, GET /version, GET /info, POST /build/prune.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void ping(const DaemonFacts &facts, http::Exchange &exchange);
void version(const DaemonFacts &facts, http::Exchange &exchange);
void info(const DaemonFacts &facts, Engine &engine, http::Exchange &exchange);
// docker builder prune, and docker system prune's last step.

} // namespace muelle::engine::rest
