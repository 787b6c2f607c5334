#pragma once
// The exec endpoints: POST /containers/{id}/exec, POST /exec/{id}/start,
// GET /exec/{id}/json, POST /exec/{id}/resize.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void createExec(Engine &engine, http::Exchange &exchange);
void startExec(Engine &engine, http::Exchange &exchange);
void inspectExec(Engine &engine, http::Exchange &exchange);
void resizeExec(Engine &engine, http::Exchange &exchange);

} // namespace muelle::engine::rest
