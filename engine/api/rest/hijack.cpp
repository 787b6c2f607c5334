#include "engine/api/rest/hijack.h"

#include "engine/api/rest/json.h"

#include <QAbstractSocket>
#include <QLocalSocket>
#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace muelle::engine::rest {
namespace {

constexpr qsizetype bufferLimit = 1024 * 1024;

int descriptorOf(QIODevice *device)
{
    if (auto *local = qobject_cast<QLocalSocket *>(device))
        return int(local->socketDescriptor());
    if (auto *socket = qobject_cast<QAbstractSocket *>(device))
        return int(socket->socketDescriptor());
    return -1;
}

// One direction: reads `from`, writes `to`.
struct Pipe {
    int from = -1;
    int to = -1;
    QByteArray buffer;
    bool readEnded = false;
    QSocketNotifier *readable = nullptr;
    QSocketNotifier *writable = nullptr;
};

class Relay : public QObject {
public:
    Relay(int client, QByteArray fromClient, int shim, QByteArray fromShim) : client_(client), shim_(shim)
    {
        for (int fd : { client, shim })
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        setUp(up_, client, shim, std::move(fromClient));
        setUp(down_, shim, client, std::move(fromShim));
        flush(up_);
        flush(down_);
    }
    ~Relay() override
    {
        ::close(client_);
        ::close(shim_);
    }

private:
    void setUp(Pipe &pipe, int from, int to, QByteArray pending)
    {
        pipe.from = from;
        pipe.to = to;
        pipe.buffer = std::move(pending);
        pipe.readable = new QSocketNotifier(from, QSocketNotifier::Read, this);
        pipe.writable = new QSocketNotifier(to, QSocketNotifier::Write, this);
        pipe.writable->setEnabled(false);
        connect(pipe.readable, &QSocketNotifier::activated, this, [this, &pipe] { read(pipe); });
        connect(pipe.writable, &QSocketNotifier::activated, this, [this, &pipe] { flush(pipe); });
    }

    void read(Pipe &pipe)
    {
        char chunk[32 * 1024];
        const ssize_t n = ::read(pipe.from, chunk, sizeof chunk);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (n <= 0) {
            pipe.readEnded = true;
            pipe.readable->setEnabled(false);
            return flush(pipe);
        }
        pipe.buffer.append(chunk, n);
        flush(pipe);
    }

    void flush(Pipe &pipe)
    {
        while (!pipe.buffer.isEmpty()) {
            const ssize_t n = ::send(pipe.to, pipe.buffer.constData(), size_t(pipe.buffer.size()), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && errno == EAGAIN)
                break;
            if (n < 0)
                return deleteLater();
            pipe.buffer.remove(0, n);
        }
        pipe.writable->setEnabled(!pipe.buffer.isEmpty());
        if (!pipe.readEnded)
            pipe.readable->setEnabled(pipe.buffer.size() < bufferLimit);
        if (!pipe.readEnded || !pipe.buffer.isEmpty())
            return;
        if (&pipe == &down_)
            return deleteLater(); // the shim's stream is over: so is the connection
        ::shutdown(pipe.to, SHUT_WR); // the client is done sending: stdin ends
    }

    int client_;
    int shim_;
    Pipe up_; // client -> shim
    Pipe down_; // shim -> client
};

} // namespace

http::Response hijackResponse(bool upgrade, bool tty)
{
    http::Response response;
    response.status = upgrade ? 101 : 200;
    addEngineHeaders(response);
    response.headers.set(
        "Content-Type", tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
    if (upgrade) {
        response.headers.set("Connection", "Upgrade");
        response.headers.set("Upgrade", "tcp");
    }
    return response;
}

int takeDescriptor(QIODevice *client, QByteArray &fromClient)
{
    // The response head may still sit in the socket's buffer: written out
    // before the descriptor changes hands.
    while (client->bytesToWrite() > 0 && client->waitForBytesWritten(2000)) { }
    fromClient += client->readAll();
    const int descriptor = descriptorOf(client);
    const int clientFd = descriptor >= 0 ? ::fcntl(descriptor, F_DUPFD_CLOEXEC, 0) : -1;
    delete client;
    return clientFd;
}

void relayHijacked(int clientFd, QByteArray fromClient, int shimFd, QByteArray fromShim)
{
    new Relay(clientFd, std::move(fromClient), shimFd, std::move(fromShim));
}

} // namespace muelle::engine::rest
