#pragma once
// GET /containers/{id}/stats (docker stats) and GET /containers/{id}/top.

#include "engine/api/rest/restapi.h"

#include <QJsonArray>
#include <QJsonObject>

namespace muelle::engine::rest {

void containerStats(Engine &engine, http::Exchange &exchange);
void containerTop(Engine &engine, http::Exchange &exchange);
// GET /containers/{name}/top's body (ps run with psArgs, its rows those of
// the container's processes), on the engine's thread.
Result<QJsonObject> topJson(Engine &engine, const QString &name, const QString &psArgs);

// GET /containers/{name}/stats/history?resolution=second|minute — muelled's
// own route, not Docker's: the container's recorded samples, oldest first
// (engine/stats). InvalidArgument for another resolution.
void containerStatsHistory(Engine &engine, http::Exchange &exchange);
Result<QJsonArray> statsHistoryJson(Engine &engine, const QString &name, const QString &resolution);

} // namespace muelle::engine::rest
