// The TCP side relays raw descriptors with socket notifiers rather than
// QTcpSocket: QTcpSocket closes a connection as soon as its peer shuts down
// writing, while a proxy must pass that half-close on and keep relaying the
// other way (a client sending its request, then EOF, then reading the reply).
#include "engine/network/proxy_p.h"

#include <QHash>
#include <QNetworkDatagram>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace muelle::engine::network {
namespace {

constexpr qsizetype bufferLimit = 64 * 1024; // per direction: a slow reader stops its writer
constexpr int udpIdleMs = 90 * 1000; // docker-proxy's UDP conntrack timeout

// One proxied TCP connection: client <-> container.
class Relay final : public QObject {
public:
    Relay(int client, const QHostAddress &target, int targetPort, QObject *parent) : QObject(parent), client_(client)
    {
        ::fcntl(client_, F_SETFL, ::fcntl(client_, F_GETFL) | O_NONBLOCK);
        backend_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(targetPort));
        address.sin_addr.s_addr = htonl(target.toIPv4Address());
        if (backend_ < 0
            || (::connect(backend_, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
                && errno != EINPROGRESS)) {
            finished_ = true; // the client sees its connection closed
            deleteLater();
            return;
        }
        up_.from = client_;
        up_.to = backend_;
        down_.from = backend_;
        down_.to = client_;
        clientRead_ = notifier(client_, QSocketNotifier::Read, [this] { readable(up_); });
        clientWrite_ = notifier(client_, QSocketNotifier::Write, [this] { writable(down_); });
        backendRead_ = notifier(backend_, QSocketNotifier::Read, [this] { readable(down_); });
        // Writable first means connected (or failed to): the connect is non-blocking.
        backendWrite_ = notifier(backend_, QSocketNotifier::Write, [this] { writable(up_); });
        update();
    }

    ~Relay() override
    {
        for (QSocketNotifier *each : { clientRead_, clientWrite_, backendRead_, backendWrite_ })
            delete each;
        ::close(client_);
        if (backend_ >= 0)
            ::close(backend_);
    }

private:
    struct Pipe {
        int from = -1;
        int to = -1;
        QByteArray buffer;
        bool eof = false;
        bool shut = false;
    };

    template <typename F> QSocketNotifier *notifier(int fd, QSocketNotifier::Type type, F slot)
    {
        auto *created = new QSocketNotifier(qintptr(fd), type, this);
        created->setEnabled(false);
        connect(created, &QSocketNotifier::activated, this, slot);
        return created;
    }

    void readable(Pipe &pipe)
    {
        if (pipe.buffer.size() >= bufferLimit)
            return update(); // a read of 0 bytes would look like the end of the stream
        char chunk[16384];
        const ssize_t got
            = ::read(pipe.from, chunk, size_t(std::min<qsizetype>(bufferLimit - pipe.buffer.size(), sizeof chunk)));
        if (got > 0)
            pipe.buffer.append(chunk, got);
        else if (got == 0)
            pipe.eof = true;
        else if (errno != EAGAIN && errno != EINTR)
            return finish();
        update();
    }

    void writable(Pipe &pipe)
    {
        if (pipe.to == backend_ && !connected_) {
            int error = 0;
            socklen_t length = sizeof error;
            if (::getsockopt(backend_, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0)
                return finish(); // the container does not listen: the client sees its connection closed
            connected_ = true;
        }
        if (!pipe.buffer.isEmpty()) {
            const ssize_t sent = ::send(pipe.to, pipe.buffer.constData(), size_t(pipe.buffer.size()), MSG_NOSIGNAL);
            if (sent > 0)
                pipe.buffer.remove(0, sent);
            else if (errno != EAGAIN && errno != EINTR)
                return finish();
        }
        update();
    }

    void update()
    {
        if (finished_)
            return;
        for (Pipe *pipe : { &up_, &down_ }) {
            if (pipe->eof && pipe->buffer.isEmpty() && !pipe->shut && connected_) {
                ::shutdown(pipe->to, SHUT_WR);
                pipe->shut = true;
            }
        }
        if (up_.shut && down_.shut)
            return finish();
        clientRead_->setEnabled(!up_.eof && up_.buffer.size() < bufferLimit);
        backendRead_->setEnabled(connected_ && !down_.eof && down_.buffer.size() < bufferLimit);
        backendWrite_->setEnabled(!connected_ || !up_.buffer.isEmpty());
        clientWrite_->setEnabled(!down_.buffer.isEmpty());
    }

    void finish()
    {
        finished_ = true;
        for (QSocketNotifier *each : { clientRead_, clientWrite_, backendRead_, backendWrite_ })
            each->setEnabled(false);
        deleteLater();
    }

    int client_ = -1;
    int backend_ = -1;
    bool connected_ = false;
    bool finished_ = false;
    Pipe up_; // client -> container
    Pipe down_; // container -> client
    QSocketNotifier *clientRead_ = nullptr;
    QSocketNotifier *clientWrite_ = nullptr;
    QSocketNotifier *backendRead_ = nullptr;
    QSocketNotifier *backendWrite_ = nullptr;
};

class Listener final : public QTcpServer {
public:
    Listener(QHostAddress target, int targetPort, QObject *parent)
        : QTcpServer(parent), target_(std::move(target)), targetPort_(targetPort)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { new Relay(int(descriptor), target_, targetPort_, this); }

private:
    QHostAddress target_;
    int targetPort_;
};

class TcpProxy final : public Proxy {
public:
    TcpProxy(const QHostAddress &target, int targetPort) : listener_(target, targetPort, this) { }
    int port() const override { return listener_.serverPort(); }
    Listener listener_;
};

// UDP: one socket toward the container per client address, so replies find
// their way back; forgotten after a while without traffic.
class UdpProxy final : public Proxy {
public:
    UdpProxy(QHostAddress target, int targetPort) : target_(std::move(target)), targetPort_(targetPort)
    {
        connect(&listener_, &QUdpSocket::readyRead, this, &UdpProxy::fromClients);
    }
    int port() const override { return listener_.localPort(); }
    QUdpSocket listener_{ this };

private:
    struct Flow {
        QUdpSocket *socket = nullptr;
        QTimer *idle = nullptr;
    };

    void fromClients()
    {
        while (listener_.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = listener_.receiveDatagram();
            Flow &flow = flowFor(datagram.senderAddress(), quint16(datagram.senderPort()));
            flow.idle->start();
            flow.socket->writeDatagram(datagram.data(), target_, quint16(targetPort_));
        }
    }

    Flow &flowFor(const QHostAddress &client, quint16 clientPort)
    {
        const QString key = client.toString() + u'|' + QString::number(clientPort);
        auto found = flows_.find(key);
        if (found != flows_.end())
            return *found;
        Flow flow{ new QUdpSocket(this), new QTimer(this) };
        flow.socket->bind(QHostAddress::AnyIPv4, 0);
        flow.idle->setSingleShot(true);
        flow.idle->setInterval(udpIdleMs);
        connect(flow.socket, &QUdpSocket::readyRead, this,
            [this, socket = flow.socket, idle = flow.idle, client, clientPort] {
                while (socket->hasPendingDatagrams()) {
                    const QNetworkDatagram reply = socket->receiveDatagram();
                    if (reply.senderAddress().toIPv4Address() != target_.toIPv4Address())
                        continue;
                    idle->start();
                    listener_.writeDatagram(reply.data(), client, clientPort);
                }
            });
        connect(flow.idle, &QTimer::timeout, this, [this, key] {
            const Flow gone = flows_.take(key);
            gone.socket->deleteLater();
            gone.idle->deleteLater();
        });
        return *flows_.insert(key, flow);
    }

    QHostAddress target_;
    int targetPort_;
    QHash<QString, Flow> flows_;
};

Error bindError(QAbstractSocket::SocketError error, const QString &text)
{
    if (error == QAbstractSocket::AddressInUseError)
        return { Code::Conflict, QStringLiteral("address already in use") };
    if (error == QAbstractSocket::SocketAccessError)
        return { Code::PermissionDenied, text };
    return { Code::Unavailable, text };
}

} // namespace

Result<std::unique_ptr<Proxy>> startProxy(
    const QString &protocol, const QHostAddress &listen, int port, const QHostAddress &target, int targetPort)
{
    if (protocol == QLatin1String("udp")) {
        auto proxy = std::make_unique<UdpProxy>(target, targetPort);
        if (!proxy->listener_.bind(listen, quint16(port)))
            return fail(bindError(proxy->listener_.error(), proxy->listener_.errorString()));
        return proxy;
    }
    auto proxy = std::make_unique<TcpProxy>(target, targetPort);
    if (!proxy->listener_.listen(listen, quint16(port)))
        return fail(bindError(proxy->listener_.serverError(), proxy->listener_.errorString()));
    return proxy;
}

} // namespace muelle::engine::network
