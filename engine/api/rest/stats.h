#pragma once
// GET /containers/{id}/stats (docker stats) and GET /containers/{id}/top.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void containerStats(Engine &engine, http::Exchange &exchange);
void containerTop(Engine &engine, http::Exchange &exchange);

} // namespace muelle::engine::rest
