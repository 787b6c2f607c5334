#include "engine/api/rest/images.h"

#include "engine/api/docker/images.h"
#include "engine/api/docker/system.h"
#include "engine/api/rest/bodies.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/api/rest/volumes.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "http/body.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

namespace muelle::engine::rest {

namespace {

using images::familiar;

Result<images::Filters> imageFilters(const QHash<QString, QStringList> &given, images::ImageService &service)
{
    images::Filters filters;
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        const QString &key = it.key();
        if (key == u"dangling") {
            for (const QString &value : it.value()) {
                if (value != u"true" && value != u"false" && value != u"1" && value != u"0")
                    return fail(Code::InvalidArgument, QStringLiteral("invalid filter 'dangling=%1'").arg(value));
                filters.dangling = value == u"true" || value == u"1";
            }
        } else if (key == u"reference") {
            filters.references = it.value();
        } else if (key == u"label") {
            filters.labels = it.value();
        } else if (key == u"before" || key == u"since") {
            for (const QString &value : it.value()) {
                auto id = service.resolve(value);
                if (!id)
                    return fail(id.error());
                (key == u"before" ? filters.before : filters.since) = *id;
            }
        } else if (key == u"until") {
            for (const QString &value : it.value()) {
                auto until = untilTime(value);
                if (!until)
                    return fail(until.error());
                filters.until = *until;
            }
        } else {
            return fail(Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(key));
        }
    }
    return filters;
}

QString nameParameter(const http::Request &request)
{
    return request.params.value(QStringLiteral("name"));
}

QByteArray progressLine(const distribution::Progress &progress)
{
    return QJsonDocument(docker::progressJson(progress)).toJson(QJsonDocument::Compact) + "\r\n";
}

QByteArray errorLine(const Error &error)
{
    const QJsonObject line{ { QStringLiteral("errorDetail"),
                                QJsonObject{ { QStringLiteral("message"), error.message } } },
        { QStringLiteral("error"), error.message } };
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + "\r\n";
}

// Runs a pull or push on the engine's thread, streaming its progress.
using StartJob = std::function<std::shared_ptr<images::Job>(distribution::ProgressSink, images::ImageService::Done)>;
void streamJob(Engine &engine, http::Exchange &exchange, StartJob start)
{
    auto stream = Stream::open(exchange, &engine.images, "application/json");
    QMetaObject::invokeMethod(&engine.images, [stream, start = std::move(start)] {
        auto job = start([stream](const distribution::Progress &progress) { stream->write(progressLine(progress)); },
            [stream](Result<> done) {
                if (!done && stream->started())
                    stream->write(errorLine(done.error()));
                stream->finish(done);
            });
        if (job)
            stream->onGone([job] { job->cancel(); });
    });
}

distribution::Credentials registryAuth(const http::Request &request, Result<> &valid)
{
    auto credentials = distribution::credentialsFromHeader(request.headers.value("X-Registry-Auth"));
    if (!credentials) {
        valid = fail(credentials.error());
        return {};
    }
    return *credentials;
}

} // namespace

void listImages(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    const bool all = queryFlag(exchange.request(), QStringLiteral("all"));
    answerOnEngine(exchange, &engine.images, [&engine, all, filters = *filters]() -> http::Response {
        auto wanted = imageFilters(filters, engine.images);
        if (!wanted)
            return errorResponse(wanted.error());
        wanted->all = all;
        auto images = engine.images.list(*wanted);
        if (!images)
            return errorResponse(images.error());
        QJsonArray list;
        for (const metadata::Image &image : std::as_const(*images)) {
            auto config = engine.images.config(image.id);
            QJsonObject entry = docker::imageSummaryJson(image, config ? config->labels : QMap<QString, QString>(), -1);
            // RepoDigests are always sent; the CLI shows them with --digests.
            list.append(entry);
        }
        return json(list);
    });
}

void inspectImage(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    answerOnEngine(exchange, &engine.images, [&engine, name] { return json(docker::imageJson(engine, name)); });
}

void imageHistory(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    answerOnEngine(exchange, &engine.images, [&engine, name] { return json(docker::imageHistoryJson(engine, name)); });
}

void tagImage(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = nameParameter(request);
    auto target
        = docker::referenceOf(queryValue(request, QStringLiteral("repo")), queryValue(request, QStringLiteral("tag")));
    if (!target)
        return respondError(exchange, target.error());
    answerOnEngine(exchange, &engine.images, [&engine, name, target = *target]() -> http::Response {
        if (auto tagged = engine.images.tag(name, target); !tagged)
            return errorResponse(tagged.error());
        http::Response response;
        response.status = 201;
        addEngineHeaders(response);
        return response;
    });
}

void removeImage(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = nameParameter(request);
    const bool force = queryFlag(request, QStringLiteral("force"));
    const bool noPrune = queryFlag(request, QStringLiteral("noprune"));
    answerOnEngine(exchange, &engine.images, [&engine, name, force, noPrune]() -> http::Response {
        auto removed = engine.images.remove(name, force, noPrune);
        if (!removed)
            return errorResponse(removed.error());
        return json(docker::removalsJson(*removed));
    });
}

void pruneImages(Engine &engine, http::Exchange &exchange)
{
    auto filters = parseFilters(exchange.request());
    if (!filters)
        return respondError(exchange, filters.error());
    answerOnEngine(exchange, &engine.images, [&engine, filters = *filters]() -> http::Response {
        QHash<QString, QStringList> rest = filters;
        const QStringList dangling = rest.take(QStringLiteral("dangling"));
        const bool all = dangling.contains(QStringLiteral("false")) || dangling.contains(QStringLiteral("0"));
        auto wanted = imageFilters(rest, engine.images);
        if (!wanted)
            return errorResponse(wanted.error());
        auto pruned = engine.images.prune(all, *wanted);
        if (!pruned)
            return errorResponse(pruned.error());
        return json(QJsonObject{ { QStringLiteral("ImagesDeleted"), docker::removalsJson(pruned->first) },
            { QStringLiteral("SpaceReclaimed"), pruned->second } });
    });
}

void importImage(Engine &engine, http::Exchange &exchange);

void createImage(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    if (request.query.hasQueryItem(QStringLiteral("fromSrc")))
        return importImage(engine, exchange);
    const QString from = queryValue(request, QStringLiteral("fromImage"));
    if (from.isEmpty())
        return respondError(exchange, { Code::InvalidArgument, QStringLiteral("fromImage is required") });
    auto reference = docker::referenceOf(from, queryValue(request, QStringLiteral("tag")));
    if (!reference)
        return respondError(exchange, reference.error());
    oci::Platform platform = oci::Platform::host();
    const QString wanted = queryValue(request, QStringLiteral("platform"));
    if (!wanted.isEmpty()) {
        auto parsed = oci::Platform::parse(wanted);
        if (!parsed)
            return respondError(exchange, { Code::InvalidArgument, parsed.error().message });
        platform = *parsed;
    }
    Result<> valid;
    const distribution::Credentials credentials = registryAuth(request, valid);
    if (!valid)
        return respondError(exchange, valid.error());
    streamJob(engine, exchange, [&engine, reference = *reference, credentials, platform](auto progress, auto done) {
        return engine.images.pull(reference, credentials, platform, progress, done);
    });
}

void pushImage(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto reference = docker::referenceOf(nameParameter(request), queryValue(request, QStringLiteral("tag")));
    if (!reference)
        return respondError(exchange, reference.error());
    Result<> valid;
    const distribution::Credentials credentials = registryAuth(request, valid);
    if (!valid)
        return respondError(exchange, valid.error());
    streamJob(engine, exchange, [&engine, reference = *reference, credentials](auto progress, auto done) {
        return engine.images.push(reference, credentials, progress, done);
    });
}

void saveImages(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    QStringList names = queryValues(request, QStringLiteral("names"));
    if (!nameParameter(request).isEmpty())
        names = QStringList{ nameParameter(request) };
    if (names.isEmpty())
        return respondError(exchange, { Code::InvalidArgument, QStringLiteral("no image names given") });
    answerOnEngine(exchange, &engine.images, [&engine, names]() -> http::Response {
        auto entries = engine.images.save(names);
        if (!entries)
            return errorResponse(entries.error());
        http::Response response;
        response.headers.set("Content-Type", "application/x-tar");
        addEngineHeaders(response);
        response.stream = std::make_unique<TarSource>(images::tarOf(std::move(*entries)));
        return response;
    });
}

void loadImages(Engine &engine, http::Exchange &exchange)
{
    const QString path = engine.images.scratchFile();
    exchange.receiveBody(std::make_unique<FileSink>(path), [&engine, &exchange, path](Result<> received) {
        if (!received) {
            QFile::remove(path);
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("load: %1").arg(received.error().message) });
        }
        auto stream = Stream::open(exchange, &engine.images, "application/json");
        QMetaObject::invokeMethod(&engine.images, [&engine, stream, path] {
            engine.images.load(
                path,
                [stream](const QString &line) {
                    stream->write(QJsonDocument(QJsonObject{ { QStringLiteral("stream"), line + u'\n' } })
                                      .toJson(QJsonDocument::Compact)
                        + "\r\n");
                },
                [stream](Result<> done) {
                    if (!done && stream->started())
                        stream->write(errorLine(done.error()));
                    stream->finish(done);
                });
        });
    });
}

// POST /images/create?fromSrc=-&repo=&tag=&message= with the tarball as body.
void importImage(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    if (queryValue(request, QStringLiteral("fromSrc")) != u"-")
        return respondError(exchange,
            { Code::Unimplemented,
                QStringLiteral("import from a URL is not supported: send the tarball (fromSrc=-)") });
    if (!queryValues(request, QStringLiteral("changes")).isEmpty())
        return respondError(
            exchange, { Code::Unimplemented, QStringLiteral("docker import --change is not supported yet") });
    std::optional<oci::Reference> tag;
    const QString repository = queryValue(request, QStringLiteral("repo"));
    if (!repository.isEmpty()) {
        auto reference = docker::referenceOf(repository, queryValue(request, QStringLiteral("tag")));
        if (!reference)
            return respondError(exchange, reference.error());
        if (reference->digest)
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("cannot import with a digest reference") });
        tag = *reference;
    }
    const QString message = queryValue(request, QStringLiteral("message"));
    const QString path = engine.images.scratchFile();
    exchange.receiveBody(std::make_unique<FileSink>(path), [&engine, &exchange, path, tag, message](Result<> received) {
        if (!received) {
            QFile::remove(path);
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("import: %1").arg(received.error().message) });
        }
        auto stream = Stream::open(exchange, &engine.images, "application/json");
        QMetaObject::invokeMethod(&engine.images, [&engine, stream, path, tag, message] {
            engine.images.importRootfs(path, tag, message, [stream](Result<oci::Digest> id) {
                if (id)
                    stream->write(QJsonDocument(QJsonObject{ { QStringLiteral("status"), id->toString() } })
                                      .toJson(QJsonDocument::Compact)
                        + "\r\n");
                stream->finish(id ? Result<>() : Result<>(fail(id.error())));
            });
        });
    });
}

void login(Engine &engine, http::Exchange &exchange)
{
    auto body = std::make_unique<http::BufferSink>(64 * 1024);
    http::BufferSink *sink = body.get();
    exchange.receiveBody(std::move(body), [&engine, &exchange, sink](Result<> received) {
        if (!received)
            return respondError(exchange, { Code::InvalidArgument, received.error().message });
        const QJsonObject object = QJsonDocument::fromJson(sink->data()).object();
        const distribution::Credentials credentials{ object.value(u"username").toString(),
            object.value(u"password").toString(), object.value(u"identitytoken").toString() };
        const QString server = object.value(u"serveraddress").toString();
        auto *replyContext = new QObject;
        QMetaObject::invokeMethod(&engine.images, [&engine, &exchange, replyContext, credentials, server] {
            engine.images.login(server, credentials, [&exchange, replyContext](Result<QString> status) {
                auto response
                    = std::make_shared<http::Response>(status ? json(QJsonObject{ { QStringLiteral("Status"), *status },
                                                           { QStringLiteral("IdentityToken"), QString() } })
                                                              : errorResponse(status.error()));
                QMetaObject::invokeMethod(replyContext, [&exchange, replyContext, response] {
                    exchange.respond(std::move(*response));
                    delete replyContext;
                });
            });
        });
    });
}

void diskUsage(Engine &engine, http::Exchange &exchange)
{
    answerOnEngine(exchange, &engine.images, [&engine] { return json(docker::diskUsageJson(engine)); });
}

} // namespace muelle::engine::rest
