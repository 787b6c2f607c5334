#include "engine/api/rest/volumes.h"

#include "engine/api/docker/json.h"
#include "engine/api/docker/volumes.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/volumes/volumes.h"

#include <QJsonArray>

namespace muelle::engine::rest {
namespace {

} // namespace

void listVolumes(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    volumes::Filters wanted;
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (it.key() == u"name") {
            wanted.names = it.value();
        } else if (it.key() == u"label") {
            wanted.labels = it.value();
        } else if (it.key() == u"driver") {
            wanted.drivers = it.value();
        } else if (it.key() == u"dangling" && it.value().size() == 1
            && QStringList(
                { QStringLiteral("true"), QStringLiteral("1"), QStringLiteral("false"), QStringLiteral("0") })
                   .contains(it.value().first())) {
            wanted.dangling = it.value().first() == u"true" || it.value().first() == u"1";
        } else {
            return respondError(exchange,
                { Code::InvalidArgument,
                    QStringLiteral("invalid filter '%1=%2'").arg(it.key(), it.value().join(u',')) });
        }
    }
    answerOnEngine(exchange, &engine.containers, [&engine, wanted]() -> http::Response {
        auto list = engine.volumes.list(wanted);
        if (!list)
            return errorResponse(list.error());
        QJsonArray entries;
        for (const volumes::Volume &volume : *list)
            entries.append(docker::volumeJson(volume));
        return json(
            QJsonObject{ { QStringLiteral("Volumes"), entries }, { QStringLiteral("Warnings"), QJsonArray() } });
    });
}

void createVolume(Engine &engine, http::Exchange &exchange)
{
    withJsonBody(exchange, [&engine, &exchange](const QJsonObject &body) {
        answerOnEngine(
            exchange, &engine.containers, [&engine, body] { return json(docker::createVolume(engine, body), 201); });
    });
}

void inspectVolume(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("name"));
    answerOnEngine(exchange, &engine.containers, [&engine, name]() -> http::Response {
        auto volume = engine.volumes.get(name);
        if (!volume)
            return errorResponse(volume.error());
        return json(docker::volumeJson(*volume));
    });
}

void removeVolume(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("name"));
    const bool force = queryFlag(exchange.request(), QStringLiteral("force"));
    answerOnEngine(exchange, &engine.containers, [&engine, name, force]() -> http::Response {
        if (auto removed = engine.volumes.remove(name, force); !removed)
            return errorResponse(removed.error());
        return noContent();
    });
}

void pruneVolumes(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    bool all = false;
    QStringList labels;
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (it.key() == u"label") {
            labels = it.value();
        } else if (it.key() == u"all" && it.value().size() == 1) {
            all = it.value().first() == u"true" || it.value().first() == u"1";
        } else {
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(it.key()) });
        }
    }
    answerOnEngine(exchange, &engine.containers,
        [&engine, all, labels] { return json(docker::pruneVolumes(engine, all, labels)); });
}

} // namespace muelle::engine::rest
