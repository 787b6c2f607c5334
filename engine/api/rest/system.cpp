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

void pruneBuildCache(const DaemonFacts &, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto filters = parseFilters(request);
    if (!filters)
        return respondError(exchange, filters.error());
    static const QStringList known{ QStringLiteral("until"), QStringLiteral("id"), QStringLiteral("parent"),
        QStringLiteral("type"), QStringLiteral("description"), QStringLiteral("inuse"), QStringLiteral("shared"),
        QStringLiteral("private") };
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (!known.contains(it.key()))
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("Invalid filter '%1'").arg(it.key()) });
    }
    for (const QString &number : { QStringLiteral("keep-storage"), QStringLiteral("reserved-space") }) {
        bool ok = true;
        if (const QString value = queryValue(request, number); !value.isEmpty())
            value.toLongLong(&ok);
        if (!ok)
            return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid %1").arg(number) });
    }
    // muelled has no image builder yet, so it keeps no build cache (system
    // df lists none): there is nothing to delete.
    exchange.respond(json(
        QJsonObject{ { QStringLiteral("CachesDeleted"), QJsonArray() }, { QStringLiteral("SpaceReclaimed"), 0 } }));
}

} // namespace muelle::engine::rest
