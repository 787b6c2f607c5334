#pragma once
// GET /containers/{id}/stats (docker stats) and GET /containers/{id}/top.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void containerStats(Engine &engine, http::Exchange &exchange);
void containerTop(Engine &engine, http::Exchange &exchange);

// GET /containers/{name}/stats/history?resolution=second|minute — muelled's
// own route, not Docker's (docker/stats.h).
void containerStatsHistory(Engine &engine, http::Exchange &exchange);

} // namespace muelle::engine::rest
