#include "engine/api/rest/containers.h"

#include "engine/api/docker/containers.h"
#include "engine/api/docker/logs.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/hijack.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/paths.h"
#include "http/body.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <csignal>
#include <unistd.h>

namespace muelle::engine::rest {
namespace {

using containers::ContainerService;

http::Response status(int code)
{
    http::Response response;
    response.status = code;
    addEngineHeaders(response);
    return response;
}

QString nameParameter(const http::Request &request)
{
    return request.params.value(QStringLiteral("name"));
}

std::optional<int> optionalInt(const http::Request &request, const QString &key)
{
    const QString value = queryValue(request, key);
    bool ok = false;
    const int number = value.toInt(&ok);
    return ok ? std::optional<int>(number) : std::nullopt;
}

Result<int> signalOf(const QString &text)
{
    if (text.isEmpty())
        return SIGKILL;
    const auto number = containers::signalNumber(text);
    if (!number)
        return fail(Code::InvalidArgument, QStringLiteral("Invalid signal: %1").arg(text));
    return *number;
}

// Runs `work` with the service on the engine's thread; `work` replies.
void withService(Engine &engine, http::Exchange &exchange, std::function<void(ContainerService &, Reply)> work)
{
    answerOnEngineLater(exchange, &engine.containers,
        [&engine, work = std::move(work)](Reply reply) { work(engine.containers, std::move(reply)); });
}

void replyDone(const Reply &reply, const Result<> &result, int okStatus = 204)
{
    reply(result ? status(okStatus) : errorResponse(result.error()));
}

// docker's unix time with an optional fraction: "1700000000.123456789".
Result<std::pair<QDateTime, int>> unixTime(const QString &text)
{
    const QStringList parts = text.split(u'.');
    bool ok = false;
    const qint64 seconds = parts.value(0).toLongLong(&ok);
    if (!ok || parts.size() > 2)
        return fail(Code::InvalidArgument, QStringLiteral("invalid value for time: %1").arg(text));
    int nanos = 0;
    if (parts.size() == 2)
        nanos = parts[1].leftJustified(9, u'0').left(9).toInt();
    return std::pair{ QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).addMSecs(nanos / 1'000'000), nanos };
}

} // namespace

void createContainer(Engine &engine, http::Exchange &exchange)
{
    auto body = std::make_unique<http::BufferSink>(1024 * 1024);
    http::BufferSink *sink = body.get();
    exchange.receiveBody(std::move(body), [&engine, &exchange, sink](Result<> received) {
        if (!received)
            return respondError(exchange, { Code::InvalidArgument, received.error().message });
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(sink->data(), &parseError);
        if (!document.isObject())
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("invalid JSON: %1").arg(parseError.errorString()) });
        auto spec = containerspec::Spec::fromDockerJson(document.object());
        if (!spec)
            return respondError(exchange, spec.error());
        if (spec->image.isEmpty())
            return respondError(exchange, { Code::InvalidArgument, QStringLiteral("No command specified") });
        const QString name = queryValue(exchange.request(), QStringLiteral("name"));
        withService(engine, exchange, [name, spec = *spec](ContainerService &service, Reply reply) {
            service.store().create(name, spec, [reply](Result<containers::ContainerStore::Created> created) {
                if (!created)
                    return reply(errorResponse(created.error()));
                reply(json(QJsonObject{ { QStringLiteral("Id"), created->id },
                               { QStringLiteral("Warnings"), QJsonArray::fromStringList(created->warnings) } },
                    201));
            });
        });
    });
}

void listContainers(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    containers::ListOptions options;
    options.all = queryFlag(request, QStringLiteral("all"));
    options.limit = optionalInt(request, QStringLiteral("limit")).value_or(-1);
    const QString filters = queryValue(request, QStringLiteral("filters"));
    if (!filters.isEmpty()) {
        const QJsonObject object = QJsonDocument::fromJson(filters.toUtf8()).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QStringList values = it.value().isObject() ? it.value().toObject().keys() : [&] {
                QStringList list;
                for (const QJsonValue &v : it.value().toArray())
                    list.append(v.toString());
                return list;
            }();
            const QString key = it.key();
            if (key == u"id")
                options.ids = values;
            else if (key == u"name")
                options.names = values;
            else if (key == u"status")
                options.statuses = values;
            else if (key == u"ancestor")
                options.ancestors = values;
            else if (key == u"label")
                options.labels = values;
            else if (key == u"exited")
                options.exited = values;
            else if (key == u"before" && !values.isEmpty())
                options.before = values.first();
            else if (key == u"since" && !values.isEmpty())
                options.since = values.first();
            else
                return respondError(
                    exchange, { Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(key) });
        }
    }
    const bool size = queryFlag(request, QStringLiteral("size"));
    answerOnEngine(exchange, &engine.containers, [&engine, options, size]() -> http::Response {
        auto list = engine.containers.store().list(options);
        if (!list)
            return errorResponse(list.error());
        QJsonArray entries;
        for (const containers::Container &container : *list) {
            QJsonObject entry
                = docker::listEntryJson(container, engine.images.config(container.image).value_or(oci::ImageConfig()),
                    engine.containers.networking().networksOf(container));
            if (size)
                docker::insertSizes(entry, engine, container);
            entries.append(entry);
        }
        return json(entries);
    });
}

void inspectContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const bool size = queryFlag(exchange.request(), QStringLiteral("size"));
    answerOnEngine(exchange, &engine.containers, [&engine, name, size]() -> http::Response {
        auto container = engine.containers.store().find(name);
        if (!container)
            return errorResponse(container.error());
        const Paths &paths = engine.containers.store().paths();
        QJsonObject body
            = docker::inspectJson(*container, engine.images.config(container->image).value_or(oci::ImageConfig()),
                paths, engine.containers.networking().networksOf(*container));
        if (size)
            docker::insertSizes(body, engine, *container);
        return json(body);
    });
}

void startContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    withService(engine, exchange, [name](ContainerService &service, Reply reply) {
        service.supervisor().start(name, [reply](Result<bool> started) {
            if (!started)
                return reply(errorResponse(started.error()));
            reply(status(*started ? 204 : 304));
        });
    });
}

void stopContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const auto timeout = optionalInt(exchange.request(), QStringLiteral("t"));
    withService(engine, exchange, [name, timeout](ContainerService &service, Reply reply) {
        service.supervisor().stop(name, timeout, [reply](Result<bool> stopped) {
            if (!stopped)
                return reply(errorResponse(stopped.error()));
            reply(status(*stopped ? 204 : 304));
        });
    });
}

void restartContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const auto timeout = optionalInt(exchange.request(), QStringLiteral("t"));
    withService(engine, exchange, [name, timeout](ContainerService &service, Reply reply) {
        service.supervisor().restart(name, timeout, [reply](Result<> restarted) { replyDone(reply, restarted); });
    });
}

void killContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    auto signal = signalOf(queryValue(exchange.request(), QStringLiteral("signal")));
    if (!signal)
        return respondError(exchange, signal.error());
    withService(engine, exchange, [name, signal = *signal](ContainerService &service, Reply reply) {
        service.supervisor().kill(name, signal, [reply](Result<> killed) { replyDone(reply, killed); });
    });
}

void pauseContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    withService(engine, exchange, [name](ContainerService &service, Reply reply) {
        service.supervisor().pause(name, [reply](Result<> paused) { replyDone(reply, paused); });
    });
}

void unpauseContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    withService(engine, exchange, [name](ContainerService &service, Reply reply) {
        service.supervisor().unpause(name, [reply](Result<> resumed) { replyDone(reply, resumed); });
    });
}

void waitContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const QString text = queryValue(exchange.request(), QStringLiteral("condition"));
    containers::WaitCondition condition = containers::WaitCondition::NotRunning;
    if (text == u"next-exit")
        condition = containers::WaitCondition::NextExit;
    else if (text == u"removed")
        condition = containers::WaitCondition::Removed;
    else if (!text.isEmpty() && text != u"not-running")
        return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid condition: \"%1\"").arg(text) });
    // Docker sends the status line at once and the body at the exit: the
    // CLI starts a container only once its wait is known to be registered.
    auto stream = Stream::open(exchange, &engine.containers, "application/json");
    QMetaObject::invokeMethod(&engine.containers, [&engine, stream, name, condition] {
        engine.containers.supervisor().wait(name, condition, [stream](Result<containers::WaitResult> waited) {
            if (!waited)
                return stream->finish(fail(waited.error()));
            const QJsonObject body{ { QStringLiteral("StatusCode"), waited->statusCode },
                { QStringLiteral("Error"),
                    waited->error.isEmpty() ? QJsonValue()
                                            : QJsonObject{ { QStringLiteral("Message"), waited->error } } } };
            stream->write(QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n');
            stream->finish({});
        });
        stream->write({}); // the status line, unless answered already
    });
}

void attachContainer(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = nameParameter(request);
    const bool in = queryFlag(request, QStringLiteral("stdin"));
    const bool out = queryFlag(request, QStringLiteral("stdout"));
    const bool err = queryFlag(request, QStringLiteral("stderr"));
    const bool upgrade = request.headers.value("Upgrade").toLower() == "tcp";
    // Docker answers at once and streams once there is something: the CLI
    // attaches to a container before it starts it.
    auto *connectionThread = new QObject; // on the connection's thread
    QMetaObject::invokeMethod(&engine.containers, [&engine, &exchange, connectionThread, name, in, out, err, upgrade] {
        auto found = engine.containers.store().find(name);
        Result<> allowed = found ? containers::allowed(*found, containers::Action::Attach) : fail(found.error());
        const bool tty = found && found->spec.tty;
        QMetaObject::invokeMethod(
            connectionThread, [&engine, &exchange, connectionThread, allowed, name, in, out, err, upgrade, tty] {
                delete connectionThread;
                if (!allowed)
                    return respondError(exchange, allowed.error());
                http::Response response = hijackResponse(upgrade, tty);
                exchange.upgrade(
                    std::move(response), [&engine, name, in, out, err](QIODevice *socket, QByteArray pending) {
                        const int clientFd = takeDescriptor(socket, pending);
                        if (clientFd < 0)
                            return;
                        auto *relayThread = new QObject; // this connection's thread
                        QMetaObject::invokeMethod(
                            &engine.containers, [&engine, relayThread, clientFd, pending, name, in, out, err] {
                                engine.containers.supervisor().attach(name, in, out, err,
                                    [relayThread, clientFd, pending](Result<shim::Attachment> attached) {
                                        QMetaObject::invokeMethod(
                                            relayThread, [relayThread, clientFd, pending, attached] {
                                                delete relayThread;
                                                if (!attached)
                                                    return void(::close(clientFd));
                                                relayHijacked(clientFd, pending, attached->fd, attached->pending);
                                            });
                                    });
                            });
                    });
            });
    });
}

void resizeContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const int rows = optionalInt(exchange.request(), QStringLiteral("h")).value_or(-1);
    const int columns = optionalInt(exchange.request(), QStringLiteral("w")).value_or(-1);
    if (rows < 0 || columns < 0 || rows > 65535 || columns > 65535)
        return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid resize parameters") });
    withService(engine, exchange, [name, rows, columns](ContainerService &service, Reply reply) {
        service.supervisor().resize(name, rows, columns, [reply](Result<> resized) { replyDone(reply, resized, 200); });
    });
}

void renameContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const QString newName = queryValue(exchange.request(), QStringLiteral("name"));
    answerOnEngine(exchange, &engine.containers, [&engine, name, newName]() -> http::Response {
        auto renamed = engine.containers.store().rename(name, newName);
        return renamed ? status(204) : errorResponse(renamed.error());
    });
}

void updateContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    withJsonBody(exchange, [&engine, &exchange, name](const QJsonObject &body) {
        withService(engine, exchange, [name, body](ContainerService &service, Reply reply) {
            service.supervisor().update(name, body, [reply](Result<> updated) {
                if (!updated)
                    return reply(errorResponse(updated.error()));
                reply(json(QJsonObject{ { QStringLiteral("Warnings"), QJsonArray() } }));
            });
        });
    });
}

void removeContainer(Engine &engine, http::Exchange &exchange)
{
    const QString name = nameParameter(exchange.request());
    const bool force = queryFlag(exchange.request(), QStringLiteral("force"));
    const bool volumes = queryFlag(exchange.request(), QStringLiteral("v"));
    withService(engine, exchange, [name, force, volumes](ContainerService &service, Reply reply) {
        service.supervisor().remove(name, force, volumes, [reply](Result<> removed) { replyDone(reply, removed); });
    });
}

void pruneContainers(Engine &engine, http::Exchange &exchange)
{
    withService(engine, exchange, [](ContainerService &service, Reply reply) {
        service.supervisor().prune([reply](Result<QStringList> removed) {
            if (!removed)
                return reply(errorResponse(removed.error()));
            reply(json(QJsonObject{ { QStringLiteral("ContainersDeleted"),
                                        removed->isEmpty() ? QJsonValue() : QJsonArray::fromStringList(*removed) },
                { QStringLiteral("SpaceReclaimed"), 0 } }));
        });
    });
}

void containerLogs(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = nameParameter(request);
    docker::LogStreamOptions options;
    options.follow = queryFlag(request, QStringLiteral("follow"));
    options.timestamps = queryFlag(request, QStringLiteral("timestamps"));
    options.read.stdoutLines = queryFlag(request, QStringLiteral("stdout"));
    options.read.stderrLines = queryFlag(request, QStringLiteral("stderr"));
    if (!options.read.stdoutLines && !options.read.stderrLines)
        return respondError(
            exchange, { Code::InvalidArgument, QStringLiteral("Bad parameters: you must choose at least one stream") });
    const QString tail = queryValue(request, QStringLiteral("tail"));
    if (!tail.isEmpty() && tail != u"all") {
        bool ok = false;
        const qint64 lines = tail.toLongLong(&ok);
        if (ok && lines >= 0)
            options.read.tail = lines;
    }
    for (const auto &[key, time, nanos] :
        { std::tuple{ QStringLiteral("since"), &options.read.since, &options.read.sinceNanos },
            std::tuple{ QStringLiteral("until"), &options.read.until, &options.read.untilNanos } }) {
        const QString value = queryValue(request, key);
        if (value.isEmpty() || value == u"0")
            continue;
        auto parsed = unixTime(value);
        if (!parsed)
            return respondError(exchange, parsed.error());
        *time = parsed->first;
        *nanos = parsed->second;
    }
    auto *context = new QObject;
    QMetaObject::invokeMethod(&engine.containers, [&engine, &exchange, context, name, options]() mutable {
        auto source = engine.containers.store().logSource(name);
        auto shared = std::make_shared<Result<containers::LogSource>>(source);
        QMetaObject::invokeMethod(context, [&engine, &exchange, context, shared, options]() mutable {
            delete context;
            if (!*shared)
                return respondError(exchange, shared->error());
            options.path = (*shared)->path;
            options.maxFiles = (*shared)->maxFiles;
            options.tty = (*shared)->tty;
            options.follow = options.follow && (*shared)->running;
            docker::LogBody body = docker::openLogBody(options);
            http::Response response;
            addEngineHeaders(response);
            response.headers.set("Content-Type",
                options.tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
            response.stream = std::move(body.source);
            exchange.respond(std::move(response));
            if (options.follow) {
                const QString id = (*shared)->id;
                QMetaObject::invokeMethod(&engine.containers, [&engine, id, stopped = body.containerStopped] {
                    engine.containers.supervisor().wait(id, containers::WaitCondition::NotRunning,
                        [stopped](Result<containers::WaitResult>) { stopped(); });
                });
            }
        });
    });
}

} // namespace muelle::engine::rest
