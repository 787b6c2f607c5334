#include "engine/api/rest/networks.h"

#include "engine/api/docker/networks.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/network/service.h"

#include <QJsonArray>

namespace muelle::engine::rest {
namespace {

using network::NetworkRecord;

} // namespace

void listNetworks(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    static const QStringList known = { QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("driver"),
        QStringLiteral("scope"), QStringLiteral("type"), QStringLiteral("label") };
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (!known.contains(it.key()))
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(it.key()) });
    }
    answerOnEngine(exchange, &engine.containers,
        [&engine, filters = *filters]() -> http::Response { return json(docker::networksJson(engine, filters)); });
}

void inspectNetwork(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("id"));
    answerOnEngine(exchange, &engine.containers, [&engine, name] { return json(docker::networkJson(engine, name)); });
}

void createNetwork(Engine &engine, http::Exchange &exchange)
{
    withJsonBody(exchange, [&engine, &exchange](const QJsonObject &body) {
        answerOnEngine(
            exchange, &engine.containers, [&engine, body] { return json(docker::createNetwork(engine, body), 201); });
    });
}

void removeNetwork(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("id"));
    answerOnEngine(exchange, &engine.containers, [&engine, name]() -> http::Response {
        if (auto removed = engine.networks.remove(name); !removed)
            return errorResponse(removed.error());
        return noContent();
    });
}

void connectNetwork(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("id"));
    withJsonBody(exchange, [&engine, &exchange, name](const QJsonObject &body) {
        const QString container = body.value(QStringLiteral("Container")).toString();
        const QJsonObject endpoint = body.value(QStringLiteral("EndpointConfig")).toObject();
        const QString ip
            = endpoint.value(QStringLiteral("IPAMConfig")).toObject().value(QStringLiteral("IPv4Address")).toString();
        if (!endpoint.value(QStringLiteral("Aliases")).toArray().isEmpty())
            return respondError(exchange,
                { Code::Unimplemented,
                    QStringLiteral("aliases given at network connect are not supported by muelle yet") });
        answerOnEngine(exchange, &engine.containers, [&engine, name, container, ip]() -> http::Response {
            if (auto connected = engine.containers.networking().connect(container, name, ip); !connected)
                return errorResponse(connected.error());
            http::Response response;
            addEngineHeaders(response);
            return response;
        });
    });
}

void disconnectNetwork(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("id"));
    withJsonBody(exchange, [&engine, &exchange, name](const QJsonObject &body) {
        const QString container = body.value(QStringLiteral("Container")).toString();
        answerOnEngine(exchange, &engine.containers, [&engine, name, container]() -> http::Response {
            if (auto left = engine.containers.networking().disconnect(container, name); !left)
                return errorResponse(left.error());
            http::Response response;
            addEngineHeaders(response);
            return response;
        });
    });
}

void pruneNetworks(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    if (!filters->isEmpty())
        return respondError(exchange,
            { Code::Unimplemented,
                QStringLiteral("network prune filters are not supported by muelle yet: %1")
                    .arg(filters->keys().join(QStringLiteral(", "))) });
    answerOnEngine(exchange, &engine.containers, [&engine] { return json(docker::pruneNetworks(engine)); });
}

} // namespace muelle::engine::rest
