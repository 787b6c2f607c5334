#include "engine/api/rest/archive.h"

#include "engine/api/rest/bodies.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"

#include <QFile>
#include <QJsonDocument>

namespace muelle::engine::rest {
namespace {

using containers::PathStat;

QString nameOf(const http::Request &request)
{
    return request.params.value(QStringLiteral("name"));
}

Result<QString> pathOf(const http::Request &request)
{
    const QString path = queryValue(request, QStringLiteral("path"));
    if (path.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("path parameter is required"));
    return path;
}

// The X-Docker-Container-Path-Stat header: the stat as base64 JSON.
http::Response statResponse(const PathStat &stat)
{
    const QJsonObject object{ { QStringLiteral("name"), stat.name }, { QStringLiteral("size"), stat.size },
        { QStringLiteral("mode"), qint64(stat.mode) },
        { QStringLiteral("mtime"), stat.mtime.toString(Qt::ISODateWithMs) },
        { QStringLiteral("linkTarget"), stat.linkTarget } };
    http::Response response;
    addEngineHeaders(response);
    response.headers.set(
        "X-Docker-Container-Path-Stat", QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64());
    return response;
}

} // namespace

void statContainerPath(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameOf(exchange.request());
    auto path = pathOf(exchange.request());
    if (!path)
        return respondError(exchange, path.error());
    answerOnEngineLater(exchange, &engine.containers, [&engine, name, path = *path](Reply reply) {
        engine.containers.files().statPath(name, path,
            [reply](Result<PathStat> stat) { reply(stat ? statResponse(*stat) : errorResponse(stat.error())); });
    });
}

void getContainerArchive(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameOf(exchange.request());
    auto path = pathOf(exchange.request());
    if (!path)
        return respondError(exchange, path.error());
    answerOnEngineLater(exchange, &engine.containers, [&engine, name, path = *path](Reply reply) {
        engine.containers.files().archivePath(name, path, [reply](Result<containers::PathArchive> archived) {
            if (!archived)
                return reply(errorResponse(archived.error()));
            http::Response response = statResponse(archived->stat);
            response.headers.set("Content-Type", "application/x-tar");
            response.stream = std::make_unique<TarSource>(archived->tar);
            reply(std::move(response));
        });
    });
}

void putContainerArchive(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = nameOf(request);
    auto path = pathOf(request);
    if (!path)
        return respondError(exchange, path.error());
    containers::CopyInOptions options;
    options.noOverwriteDirNonDir = queryFlag(request, QStringLiteral("noOverwriteDirNonDir"));
    options.copyUidGid = queryFlag(request, QStringLiteral("copyUIDGID"));
    const QString scratch = engine.images.scratchFile();
    exchange.receiveBody(std::make_unique<FileSink>(scratch),
        [&engine, &exchange, name, path = *path, options, scratch](Result<> received) {
            if (!received) {
                QFile::remove(scratch);
                return respondError(exchange,
                    { Code::InvalidArgument, QStringLiteral("read the archive: %1").arg(received.error().message) });
            }
            answerOnEngineLater(exchange, &engine.containers, [&engine, name, path, options, scratch](Reply reply) {
                engine.containers.files().extractToPath(
                    name, path, scratch, options, [reply, scratch](Result<> extracted) {
                        QFile::remove(scratch);
                        if (!extracted)
                            return reply(errorResponse(extracted.error()));
                        http::Response response;
                        addEngineHeaders(response);
                        reply(std::move(response));
                    });
            });
        });
}

// GET /containers/{name}/changes: docker diff.
void containerChanges(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameOf(exchange.request());
    answerOnEngineLater(exchange, &engine.containers, [&engine, name](Reply reply) {
        engine.containers.rootfs().changes(name, [reply](Result<QList<containers::Change>> changes) {
            if (!changes)
                return reply(errorResponse(changes.error()));
            QJsonArray list;
            for (const containers::Change &change : std::as_const(*changes))
                list.append(
                    QJsonObject{ { QStringLiteral("Path"), change.path }, { QStringLiteral("Kind"), change.kind } });
            reply(json(list));
        });
    });
}

// GET /containers/{name}/export: docker export.
void exportContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameOf(exchange.request());
    answerOnEngineLater(exchange, &engine.containers, [&engine, name](Reply reply) {
        engine.containers.rootfs().exportRoot(name, [reply](Result<std::shared_ptr<archive::TarStream>> tar) {
            if (!tar)
                return reply(errorResponse(tar.error()));
            http::Response response;
            response.headers.set("Content-Type", "application/x-tar");
            addEngineHeaders(response);
            response.stream = std::make_unique<TarSource>(*tar);
            reply(std::move(response));
        });
    });
}

} // namespace muelle::engine::rest
