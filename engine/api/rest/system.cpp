#include "engine/api/rest/system.h"

#include "engine/api/docker/apiversion.h"
#include "engine/api/docker/system.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/system/hostinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::rest {

namespace {

} // namespace

void ping(const DaemonFacts &, http::Exchange &exchange)
{
    http::Response response = http::Response::text(200, "OK");
    addEngineHeaders(response);
    response.headers.set("Cache-Control", "no-cache, no-store, must-revalidate");
    response.headers.set("Pragma", "no-cache");
    // The classic builder: the docker CLI then builds through POST /build.
    response.headers.set("Builder-Version", "1");
    exchange.respond(std::move(response));
}

void version(const DaemonFacts &facts, http::Exchange &exchange)
{
    exchange.respond(json(docker::versionJson(facts)));
}

void info(const DaemonFacts &facts, Engine &engine, http::Exchange &exchange)
{
    answerOnEngine(exchange, &engine.images, [&facts, &engine] { return json(docker::infoJson(facts, engine)); });
}

} // namespace muelle::engine::rest
