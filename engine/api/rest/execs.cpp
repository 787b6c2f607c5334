#include "engine/api/rest/execs.h"

#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/hijack.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "http/body.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sys/socket.h>
#include <unistd.h>

namespace muelle::engine::rest {
namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    if (value.isString())
        list.append(value.toString());
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

// Writes `message` to a hijacked stream as Docker does when an exec fails
// after the upgrade: on stdout, framed unless the exec has a TTY.
void writeFailure(int fd, const QString &message, bool tty)
{
    QByteArray payload = message.toUtf8() + "\r\n";
    if (!tty) {
        const quint32 size = quint32(payload.size());
        const char header[8] = { 1, 0, 0, 0, char(size >> 24), char(size >> 16), char(size >> 8), char(size) };
        payload.prepend(QByteArray(header, 8));
    }
    ::send(fd, payload.constData(), size_t(payload.size()), MSG_NOSIGNAL);
}

} // namespace

void createExec(Engine &engine, http::Exchange &exchange)
{
    const QString name = exchange.request().params.value(QStringLiteral("name"));
    withJsonBody(exchange, [&engine, &exchange, name](const QJsonObject &body) {
        containers::ExecSpec spec;
        spec.cmd = strings(body.value(QStringLiteral("Cmd")));
        spec.env = strings(body.value(QStringLiteral("Env")));
        spec.user = body.value(QStringLiteral("User")).toString();
        spec.workingDir = body.value(QStringLiteral("WorkingDir")).toString();
        spec.tty = body.value(QStringLiteral("Tty")).toBool();
        spec.attachStdin = body.value(QStringLiteral("AttachStdin")).toBool();
        spec.attachStdout = body.value(QStringLiteral("AttachStdout")).toBool();
        spec.attachStderr = body.value(QStringLiteral("AttachStderr")).toBool();
        spec.privileged = body.value(QStringLiteral("Privileged")).toBool();
        auto consoleSize
            = containerspec::parseConsoleSize(body.value(QStringLiteral("ConsoleSize")), QStringLiteral("ConsoleSize"));
        if (!consoleSize)
            return respondError(exchange, consoleSize.error());
        spec.consoleSize = *consoleSize;
        if (!spec.workingDir.isEmpty() && !spec.workingDir.startsWith(u'/'))
            return respondError(exchange,
                { Code::InvalidArgument,
                    QStringLiteral("the working directory '%1' is invalid, it needs to be an absolute path")
                        .arg(spec.workingDir) });
        answerOnEngine(exchange, &engine.containers, [&engine, name, spec]() -> http::Response {
            auto id = engine.containers.execs().create(name, spec);
            if (!id)
                return errorResponse(id.error());
            return json(QJsonObject{ { QStringLiteral("Id"), *id } }, 201);
        });
    });
}

void startExec(Engine &engine, http::Exchange &exchange)
{
    const QString id = exchange.request().params.value(QStringLiteral("id"));
    const bool upgrade = exchange.request().headers.value("Upgrade").toLower() == "tcp";
    withJsonBody(exchange, [&engine, &exchange, id, upgrade](const QJsonObject &body) {
        const bool detach = body.value(QStringLiteral("Detach")).toBool();
        if (detach) {
            return answerOnEngineLater(exchange, &engine.containers, [&engine, id](Reply reply) {
                engine.containers.execs().start(id, false, [reply](Result<std::optional<shim::Attachment>> started) {
                    if (!started)
                        return reply(errorResponse(started.error()));
                    http::Response response;
                    addEngineHeaders(response);
                    reply(std::move(response));
                });
            });
        }
        // Checked before the upgrade, so a bad ID is a plain HTTP error.
        auto *connectionThread = new QObject;
        QMetaObject::invokeMethod(&engine.containers, [&engine, &exchange, connectionThread, id, upgrade] {
            auto exec = engine.containers.execs().find(id);
            Result<> ok = !exec ? Result<>(fail(exec.error()))
                : exec->started
                ? Result<>(fail(Code::Conflict, QStringLiteral("Error: Exec command %1 has already run").arg(id)))
                : Result<>();
            const bool tty = exec && exec->spec.tty;
            QMetaObject::invokeMethod(connectionThread, [&engine, &exchange, connectionThread, ok, id, upgrade, tty] {
                delete connectionThread;
                if (!ok)
                    return respondError(exchange, ok.error());
                http::Response response = hijackResponse(upgrade, tty);
                exchange.upgrade(std::move(response), [&engine, id, tty](QIODevice *socket, QByteArray pending) {
                    const int clientFd = takeDescriptor(socket, pending);
                    if (clientFd < 0)
                        return;
                    auto *relayThread = new QObject;
                    QMetaObject::invokeMethod(&engine.containers, [&engine, relayThread, clientFd, pending, id, tty] {
                        engine.containers.execs().start(id, true,
                            [relayThread, clientFd, pending, tty](Result<std::optional<shim::Attachment>> started) {
                                QMetaObject::invokeMethod(relayThread, [relayThread, clientFd, pending, started, tty] {
                                    delete relayThread;
                                    if (!started || !*started) {
                                        if (!started)
                                            writeFailure(clientFd, started.error().message, tty);
                                        return void(::close(clientFd));
                                    }
                                    relayHijacked(clientFd, pending, (*started)->fd, (*started)->pending);
                                });
                            });
                    });
                });
            });
        });
    });
}

void inspectExec(Engine &engine, http::Exchange &exchange)
{
    const QString id = exchange.request().params.value(QStringLiteral("id"));
    answerOnEngine(exchange, &engine.containers, [&engine, id]() -> http::Response {
        auto exec = engine.containers.execs().find(id);
        if (!exec)
            return errorResponse(exec.error());
        const containers::ExecSpec &spec = exec->spec;
        return json(QJsonObject{
            { QStringLiteral("ID"), exec->id },
            { QStringLiteral("Running"), exec->running },
            { QStringLiteral("ExitCode"), exec->exitCode ? QJsonValue(*exec->exitCode) : QJsonValue() },
            { QStringLiteral("ProcessConfig"),
                QJsonObject{ { QStringLiteral("tty"), spec.tty }, { QStringLiteral("entrypoint"), spec.cmd.value(0) },
                    { QStringLiteral("arguments"), QJsonArray::fromStringList(spec.cmd.mid(1)) },
                    { QStringLiteral("privileged"), spec.privileged }, { QStringLiteral("user"), spec.user } } },
            { QStringLiteral("OpenStdin"), spec.attachStdin },
            { QStringLiteral("OpenStderr"), spec.attachStderr },
            { QStringLiteral("OpenStdout"), spec.attachStdout },
            { QStringLiteral("CanRemove"), false },
            { QStringLiteral("ContainerID"), exec->containerId },
            { QStringLiteral("DetachKeys"), QString() },
            { QStringLiteral("Pid"), exec->pid },
        });
    });
}

void resizeExec(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString id = request.params.value(QStringLiteral("id"));
    bool rowsOk = false, columnsOk = false;
    const int rows = queryValue(request, QStringLiteral("h")).toInt(&rowsOk);
    const int columns = queryValue(request, QStringLiteral("w")).toInt(&columnsOk);
    if (!rowsOk || !columnsOk || rows < 0 || columns < 0 || rows > 65535 || columns > 65535)
        return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid resize parameters") });
    answerOnEngineLater(exchange, &engine.containers, [&engine, id, rows, columns](Reply reply) {
        engine.containers.execs().resize(id, rows, columns, [reply](Result<> resized) {
            if (!resized)
                return reply(errorResponse(resized.error()));
            http::Response response;
            addEngineHeaders(response);
            reply(std::move(response));
        });
    });
}

} // namespace muelle::engine::rest
