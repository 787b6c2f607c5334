#include "http/server.h"

#include "http/log.h"
#include "http/worker.h"

#include <QFile>
#include <QLocalServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <vector>

namespace muelle::http {

Q_LOGGING_CATEGORY(lcHttp, "muelle.http")

namespace {

using Accept = std::function<void(qintptr)>;

class TcpListener final : public QTcpServer {
public:
    explicit TcpListener(Accept accept) : accept_(std::move(accept)) { }

protected:
    void incomingConnection(qintptr fd) override { accept_(fd); }

private:
    Accept accept_;
};

class UnixListener final : public QLocalServer {
public:
    explicit UnixListener(Accept accept) : accept_(std::move(accept)) { }

protected:
    void incomingConnection(quintptr fd) override { accept_(qintptr(fd)); }

private:
    Accept accept_;
};

QString describe(QAbstractSocket::SocketError error, const QString &fallback)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return QStringLiteral("address in use");
    case QAbstractSocket::SocketAccessError:
        return QStringLiteral("permission denied");
    case QAbstractSocket::SocketAddressNotAvailableError:
        return QStringLiteral("address not available");
    default:
        return fallback;
    }
}

Code codeFor(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return Code::AlreadyExists;
    case QAbstractSocket::SocketAccessError:
        return Code::PermissionDenied;
    default:
        return Code::Unavailable;
    }
}

// Removes a socket file nobody listens on; fails when a server answers there
// or when something else than a socket is in the way.
Result<> removeStaleSocket(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st { };
    if (::lstat(native.constData(), &st) != 0)
        return errno == ENOENT ? Result<>() : fail(systemError(QStringLiteral("stat"), path, errno));
    if (!S_ISSOCK(st.st_mode))
        return fail(Code::AlreadyExists, QStringLiteral("listen on \"%1\": not a socket").arg(path));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (size_t(native.size()) >= sizeof address.sun_path)
        return fail(Code::InvalidArgument, QStringLiteral("listen on \"%1\": path too long").arg(path));
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return fail(systemError(QStringLiteral("socket for"), path, errno));
    const bool live = ::connect(probe, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    ::close(probe);
    if (live)
        return fail(Code::AlreadyExists, QStringLiteral("listen on \"%1\": address in use").arg(path));
    if (::unlink(native.constData()) != 0 && errno != ENOENT)
        return fail(systemError(QStringLiteral("remove stale socket"), path, errno));
    return {};
}

Result<> applyOwnership(const QString &path, int mode, const QString &group)
{
    const QByteArray native = QFile::encodeName(path);
    if (::chmod(native.constData(), mode_t(mode)) != 0)
        return fail(systemError(QStringLiteral("chmod"), path, errno));
    if (group.isEmpty())
        return {};
    std::vector<char> buffer(16 * 1024);
    struct group entry { };
    struct group *found = nullptr;
    const int error = ::getgrnam_r(group.toLocal8Bit().constData(), &entry, buffer.data(), buffer.size(), &found);
    if (error != 0 || !found) {
        qCWarning(lcHttp) << "group" << group << "not found; leaving" << path << "in the default group";
        return {};
    }
    if (::chown(native.constData(), uid_t(-1), found->gr_gid) != 0)
        return fail(systemError(QStringLiteral("chgrp %1").arg(group), path, errno));
    return {};
}

} // namespace

// Listeners live on their own thread, so that accepting never waits for the
// thread that owns the Server (a test's blocking client, a busy main loop).
struct Server::Private {
    Handler handler;
    Server::AccessLog accessLog;
    Limits limits;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Worker *> workers;
    std::unique_ptr<QThread> acceptorThread;
    QObject *acceptor = nullptr; // parent of the listeners, on acceptorThread
    quint16 tcpPort = 0;
    unsigned next = 0;
    bool closed = false;

    Result<> listenHere(const Endpoint &endpoint);

    void dispatch(qintptr fd, const std::shared_ptr<const ListenerConfig> &config)
    {
        // The least loaded worker; ties go round robin.
        Worker *best = nullptr;
        const size_t count = workers.size();
        for (size_t i = 0; i < count; ++i) {
            Worker *candidate = workers[(next + i) % count];
            if (!best || candidate->load.load() < best->load.load())
                best = candidate;
        }
        ++next;
        ++best->load;
        QMetaObject::invokeMethod(
            best, [best, fd, config] { best->adopt(fd, config); }, Qt::QueuedConnection);
    }
};

Server::Server(Handler handler, Limits limits, int workers, QObject *parent) : QObject(parent), d(new Private)
{
    d->handler = std::move(handler);
    d->limits = limits;
    // http_parser's own ceiling is process-wide (80 KiB by default); only raise it.
    if (limits.maxHeaderBytes > 80 * 1024)
        http_parser_set_max_header_size(uint32_t(limits.maxHeaderBytes) + 1024);
    const auto shortest = std::min({ limits.headerTimeout, limits.idleTimeout, limits.bodyStallTimeout });
    const auto tick = std::clamp(shortest / 8, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    const int count = workers > 0 ? workers : std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < count; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("muelle-http-%1").arg(i));
        auto *worker = new Worker(tick);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        d->workers.push_back(worker);
        d->threads.push_back(std::move(thread));
    }
    d->acceptorThread = std::make_unique<QThread>();
    d->acceptorThread->setObjectName(QStringLiteral("muelle-http-accept"));
    d->acceptor = new QObject;
    d->acceptor->moveToThread(d->acceptorThread.get());
    connect(d->acceptorThread.get(), &QThread::finished, d->acceptor, &QObject::deleteLater);
    d->acceptorThread->start();
}

Server::~Server()
{
    close();
}

Result<> Server::listen(const Endpoint &endpoint)
{
    if (d->closed)
        return fail(Code::FailedPrecondition, QStringLiteral("listen: the server was closed"));
    Result<> result;
    QMetaObject::invokeMethod(
        d->acceptor, [&] { result = d->listenHere(endpoint); }, Qt::BlockingQueuedConnection);
    return result;
}

// On the acceptor thread.
Result<> Server::Private::listenHere(const Endpoint &endpoint)
{
    auto config = std::make_shared<ListenerConfig>();
    config->handler = handler;
    config->accessLog = accessLog;
    config->limits = limits;
    config->kind = endpoint.kind;
    config->tls = endpoint.tls;
    Private *p = this;
    const Accept accept
        = [p, config = std::shared_ptr<const ListenerConfig>(config)](qintptr fd) { p->dispatch(fd, config); };

    if (endpoint.kind == Endpoint::Kind::Unix) {
        const QString &path = endpoint.unixPath;
        const QString what = QStringLiteral("listen on \"%1\"").arg(path);
        if (auto removed = removeStaleSocket(path); !removed)
            return fail(removed.error());
        auto *listener = new UnixListener(accept);
        listener->setParent(acceptor);
        listener->setListenBacklogSize(1024);
        if (!listener->listen(path)) {
            auto error = fail(codeFor(listener->serverError()),
                what + QStringLiteral(": ") + describe(listener->serverError(), listener->errorString()));
            delete listener;
            return error;
        }
        if (auto owned = applyOwnership(path, endpoint.unixMode, endpoint.unixGroup); !owned) {
            delete listener;
            return fail(owned.error().context(what));
        }
        qCInfo(lcHttp) << "listening on" << path;
        return {};
    }

    const QString what = QStringLiteral("listen on %1:%2").arg(endpoint.address.toString()).arg(endpoint.port);
    if (endpoint.tls && !QSslSocket::supportsSsl())
        return fail(Code::Unavailable, what + QStringLiteral(": TLS is not available"));
    auto *listener = new TcpListener(accept);
    listener->setParent(acceptor);
    listener->setListenBacklogSize(1024);
    if (!listener->listen(endpoint.address, endpoint.port)) {
        auto error = fail(codeFor(listener->serverError()),
            what + QStringLiteral(": ") + describe(listener->serverError(), listener->errorString()));
        delete listener;
        return error;
    }
    tcpPort = listener->serverPort();
    qCInfo(lcHttp) << "listening on" << endpoint.address.toString() << tcpPort << (endpoint.tls ? "(TLS)" : "");
    return {};
}

void Server::setAccessLog(AccessLog log)
{
    d->accessLog = std::move(log);
}

quint16 Server::tcpPort() const
{
    return d->tcpPort;
}

void Server::close()
{
    if (d->closed)
        return;
    d->closed = true;
    // Closing a QLocalServer removes its socket file.
    QObject *acceptor = d->acceptor;
    QMetaObject::invokeMethod(
        acceptor, [acceptor] { qDeleteAll(acceptor->children()); }, Qt::BlockingQueuedConnection);
    d->acceptorThread->quit();
    d->acceptorThread->wait();
    d->acceptorThread.reset();
    for (Worker *worker : d->workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->closeAll(); }, Qt::BlockingQueuedConnection);
    for (auto &thread : d->threads) {
        thread->quit();
        thread->wait();
    }
    d->workers.clear();
    d->threads.clear();
}

} // namespace muelle::http
