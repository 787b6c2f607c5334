#include "engine/shim/client.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace muelle::engine::shim {
namespace {

constexpr int commandTimeoutMs = 60'000;

Result<QByteArray> replyOf(const QByteArray &line)
{
    const std::optional<Reply> reply = parseReply(std::string_view(line.constData(), size_t(line.size())));
    if (!reply)
        return fail(Code::Internal,
            QStringLiteral("unexpected answer from the shim: %1").arg(QString::fromUtf8(line.trimmed())));
    if (!reply->ok)
        return fail(Code::FailedPrecondition, QString::fromStdString(reply->text));
    return QByteArray::fromStdString(reply->text);
}

QByteArray lineOf(const Command &command)
{
    return QByteArray::fromStdString(formatCommand(command));
}

Result<> nothing(const Result<QByteArray> &reply)
{
    return reply ? Result<>() : fail(reply.error());
}

} // namespace

void launch(const QString &program, const Options &options, QObject *context, std::function<void(Result<int>)> done)
{
    QStringList args;
    for (const std::string &arg : toArguments(options))
        args.append(QString::fromStdString(arg));
    auto *process = new QProcess(context);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    QObject::connect(process, &QProcess::finished, context, [process, done] {
        process->deleteLater();
        const QByteArray answer = process->readAllStandardOutput();
        if (answer.isEmpty()) {
            done(fail(Code::Internal,
                QStringLiteral("muelle-shim failed: %1")
                    .arg(QString::fromUtf8(process->readAllStandardError().trimmed()))));
            return;
        }
        auto reply = replyOf(answer);
        if (!reply)
            return done(fail(reply.error()));
        done(reply->toInt());
    });
    QObject::connect(
        process, &QProcess::errorOccurred, context, [process, program, done](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return;
            process->deleteLater();
            done(fail(Code::Internal, QStringLiteral("cannot run %1: %2").arg(program, process->errorString())));
        });
    process->start(program, args, QIODevice::ReadOnly);
}

void ShimClient::start(std::function<void(Result<int>)> done) const
{
    call(Command::start(),
        [done](Result<QByteArray> reply) { done(reply ? Result<int>(reply->toInt()) : fail(reply.error())); });
}

void ShimClient::kill(int signal, std::function<void(Result<>)> done) const
{
    call(Command::kill(signal), [done](Result<QByteArray> reply) {
        if (done)
            done(nothing(reply));
    });
}

void ShimClient::resize(int rows, int columns, std::function<void(Result<>)> done) const
{
    call(Command::resize(rows, columns), [done](Result<QByteArray> reply) { done(nothing(reply)); });
}

void ShimClient::call(const Command &command, std::function<void(Result<QByteArray>)> done) const
{
    const QString socket = socket_;
    auto *connection = new QLocalSocket(context_);
    auto *timer = new QTimer(connection);
    auto answered = std::make_shared<bool>(false);
    const auto finish = [connection, answered, done](Result<QByteArray> result) {
        if (std::exchange(*answered, true))
            return;
        connection->deleteLater();
        done(std::move(result));
    };
    QObject::connect(connection, &QLocalSocket::connected, connection,
        [connection, line = lineOf(command)] { connection->write(line); });
    QObject::connect(connection, &QLocalSocket::readyRead, connection, [connection, finish] {
        if (connection->canReadLine())
            finish(replyOf(connection->readLine()));
    });
    const auto gone = [socket, finish] {
        finish(fail(Code::Unavailable, QStringLiteral("the container's shim is gone (%1)").arg(socket)));
    };
    QObject::connect(connection, &QLocalSocket::disconnected, connection, gone);
    QObject::connect(connection, &QLocalSocket::errorOccurred, connection, gone);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, connection,
        [finish] { finish(fail(Code::Unavailable, QStringLiteral("the container's shim does not answer"))); });
    timer->start(commandTimeoutMs);
    connection->connectToServer(socket);
}

std::optional<Exit> exitFromStateFile(const QString &dir)
{
    QFile file(dir + u'/' + QLatin1StringView(stateName.data(), qsizetype(stateName.size())));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    if (state.value(QStringLiteral("status")).toString() != QLatin1String("exited"))
        return std::nullopt;
    return Exit{ state.value(QStringLiteral("exitCode")).toInt(), state.value(QStringLiteral("oomKilled")).toBool(),
        state.value(QStringLiteral("finishedAt")).toString() };
}

void ShimClient::watch(std::function<void(std::optional<Exit>)> exited) const
{
    auto *connection = new QLocalSocket(context_);
    auto told = std::make_shared<bool>(false);
    const auto tell = [connection, told, exited](std::optional<Exit> exit) {
        if (std::exchange(*told, true))
            return;
        connection->deleteLater();
        exited(std::move(exit));
    };
    QObject::connect(
        connection, &QLocalSocket::connected, connection, [connection] { connection->write(lineOf(Command::wait())); });
    QObject::connect(connection, &QLocalSocket::readyRead, connection, [connection, tell] {
        if (!connection->canReadLine())
            return;
        const QByteArray line = connection->readLine();
        const std::optional<ExitLine> exit = parseExit(std::string_view(line.constData(), size_t(line.size())));
        if (!exit)
            return tell(std::nullopt);
        tell(Exit{ exit->code, exit->oomKilled, QString::fromStdString(exit->finishedAt) });
    });
    QObject::connect(connection, &QLocalSocket::disconnected, connection, [tell] { tell(std::nullopt); });
    QObject::connect(connection, &QLocalSocket::errorOccurred, connection,
        [tell](QLocalSocket::LocalSocketError) { tell(std::nullopt); });
    connection->connectToServer(socket_);
}

Result<Attachment> ShimClient::attach(bool in, bool out, bool err) const
{
    const QString &socket = socket_;
    const QByteArray path = socket.toLocal8Bit();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (size_t(path.size()) >= sizeof address.sun_path)
        return fail(Code::Internal, QStringLiteral("shim socket path too long: %1").arg(socket));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()) + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        const int e = errno;
        if (fd >= 0)
            ::close(fd);
        return fail(systemError(QStringLiteral("connect"), socket, e));
    }
    const QByteArray command = lineOf(Command::attach(in, out, err));
    QByteArray received;
    bool ok = ::send(fd, command.constData(), size_t(command.size()), MSG_NOSIGNAL) == command.size();
    while (ok && !received.contains('\n')) {
        pollfd ready{ fd, POLLIN, 0 };
        char buffer[4096];
        ssize_t n = 0;
        ok = ::poll(&ready, 1, 5000) == 1 && (n = ::read(fd, buffer, sizeof buffer)) > 0;
        if (ok)
            received.append(buffer, n);
    }
    const qsizetype newline = received.indexOf('\n');
    auto reply = ok ? replyOf(received.left(newline))
                    : fail(Code::Unavailable, QStringLiteral("the container's shim does not answer"));
    if (!reply) {
        ::close(fd);
        return fail(reply.error());
    }
    return Attachment{ fd, received.mid(newline + 1) };
}

} // namespace muelle::engine::shim
