// The response side and the lifecycle of a Connection (see connection.h).

#include "http/connection.h"

#include "http/log.h"

#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>

#include <cstdio>
#include <sys/socket.h>

namespace muelle::http {

namespace {

// Response bodies are pulled while less than this waits in the socket.
constexpr qint64 kHighWater = 256 * 1024;
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kSendfileStep = 4 * 1024 * 1024;
// In-memory bodies up to this size go out in the same buffer as the headers.
constexpr qsizetype kInlineBody = 16 * 1024;

void appendHeader(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

bool safeForHeader(QByteArrayView text)
{
    return !text.contains('\r') && !text.contains('\n');
}

} // namespace

// ---- Response side ---------------------------------------------------------

void Connection::startResponse(Response response)
{
    enum class Framing { None, Length, Chunked, UntilClose };
    const int status = response.status;
    const bool bodyAllowed = status >= 200 && status != 204 && status != 304 && !take_;
    Headers &headers = response.headers;
    const QByteArray userLength = headers.value("Content-Length");
    headers.remove("Content-Length");
    headers.remove("Transfer-Encoding");
    if (!take_) {
        if (headers.containsToken("Connection", "close"))
            closeAfter_ = true;
        headers.remove("Connection");
    }

    Framing framing = Framing::None;
    qint64 length = 0;
    if (bodyAllowed && response.stream) {
        if (response.streamLength >= 0) {
            framing = Framing::Length;
            length = response.streamLength;
        } else if (!http10_) {
            framing = Framing::Chunked;
        } else {
            framing = Framing::UntilClose;
            closeAfter_ = true;
        }
    } else if (bodyAllowed) {
        framing = Framing::Length;
        length = response.body.size();
    }

    if (config_->accessLog && exchange_)
        config_->accessLog(exchange_->request(), status, framing == Framing::Length ? length : (bodyAllowed ? -1 : 0));

    QByteArray out;
    out.reserve(160 + headers.count() * 48 + (head_ || response.body.size() > kInlineBody ? 0 : response.body.size()));
    out.append("HTTP/1.1 ");
    out.append(QByteArray::number(status));
    out.append(' ');
    out.append(reasonPhrase(status));
    out.append("\r\n");
    for (const auto &[name, value] : headers.fields()) {
        if (!safeForHeader(name) || !safeForHeader(value)) {
            qCWarning(lcHttp) << "dropped a response header holding a line break:" << name;
            continue;
        }
        appendHeader(out, name, value);
    }
    if (head_ && bodyAllowed) {
        // Announce what a GET would have sent.
        qint64 announced = response.headLength;
        if (announced < 0 && !userLength.isEmpty())
            announced = userLength.toLongLong();
        if (announced < 0 && framing == Framing::Length)
            announced = length;
        if (announced >= 0)
            appendHeader(out, "Content-Length", QByteArray::number(announced));
        else if (framing == Framing::Chunked)
            appendHeader(out, "Transfer-Encoding", "chunked");
    } else if (framing == Framing::Length) {
        appendHeader(out, "Content-Length", QByteArray::number(length));
    } else if (framing == Framing::Chunked) {
        appendHeader(out, "Transfer-Encoding", "chunked");
    }
    if (!take_) {
        if (closeAfter_)
            appendHeader(out, "Connection", "close");
        else if (http10_)
            appendHeader(out, "Connection", "keep-alive");
    }
    out.append("\r\n");
    lastOutput_ = Clock::now();

    if (head_ || framing == Framing::None) {
        socket_->write(out);
        out_ = Out::Done;
    } else if (!response.stream) {
        if (response.body.size() <= kInlineBody) {
            out.append(response.body);
            socket_->write(out);
        } else {
            socket_->write(out);
            socket_->write(response.body);
        }
        out_ = Out::Done;
    } else {
        socket_->write(out);
        source_ = std::move(response.stream);
        fileSource_ = dynamic_cast<FileSource *>(source_.get());
        remaining_ = framing == Framing::Length ? length : -1;
        chunked_ = framing == Framing::Chunked;
        source_->setWakeHandler([this] { post(); });
        out_ = Out::Writing;
    }
    rerun_ = true;
}

void Connection::pump()
{
    sourceWaiting_ = false;
    int rounds = 0;
    while (source_ && life_ == Life::Open) {
        if (pendingOutput() >= kHighWater) {
            flushOutput();
            if (pendingOutput() >= kHighWater || life_ != Life::Open)
                return; // bytesWritten brings us back
        }
        bool oneChunk = false;
        if (remaining_ > 0 && fileSource_ && !ssl_ && pendingOutput() == 0) {
            if (!pumpFile())
                return;
            // The socket is full: queue one chunk through Qt, whose write
            // notifier then tells us when it drained.
            oneChunk = true;
        }
        if (remaining_ == 0)
            break;
        const qint64 want = remaining_ >= 0 ? std::min(kChunk, remaining_) : kChunk;
        auto data = source_->read(want);
        if (!data) {
            abortConnection(QStringLiteral("response body: ") + data.error().message);
            return;
        }
        if (data->isEmpty()) {
            if (!source_->ended()) {
                sourceWaiting_ = true; // wake() posts a run
                return;
            }
            if (remaining_ > 0) {
                abortConnection(QStringLiteral("response body ended %1 bytes short").arg(remaining_));
                return;
            }
            break;
        }
        if (remaining_ >= 0) {
            if (data->size() > remaining_) {
                abortConnection(QStringLiteral("response body longer than announced"));
                return;
            }
            remaining_ -= data->size();
        }
        if (chunked_) {
            char prefix[24];
            const int n
                = std::snprintf(prefix, sizeof prefix, "%llx\r\n", static_cast<unsigned long long>(data->size()));
            socket_->write(prefix, n);
            socket_->write(*data);
            socket_->write("\r\n", 2);
        } else {
            socket_->write(*data);
        }
        lastOutput_ = Clock::now();
        if (remaining_ == 0)
            break;
        if (oneChunk)
            return;
        if (++rounds >= 16) {
            post(); // a fast source must not starve the other connections
            return;
        }
    }
    if (!source_ || life_ != Life::Open)
        return;
    if (chunked_)
        socket_->write("0\r\n\r\n", 5);
    source_.reset();
    fileSource_ = nullptr;
    out_ = Out::Done;
    rerun_ = true;
}

// Sends what the socket takes straight from the file. False when the
// connection was aborted; true when the socket is full.
bool Connection::pumpFile()
{
    const int fd = int(tcp_ ? tcp_->socketDescriptor() : local_->socketDescriptor());
    while (remaining_ > 0) {
        auto sent = fileSource_->sendTo(fd, std::min(remaining_, kSendfileStep));
        if (!sent) {
            abortConnection(QStringLiteral("response body: ") + sent.error().message);
            return false;
        }
        if (*sent == 0)
            break;
        remaining_ -= *sent;
        lastOutput_ = Clock::now();
    }
    return true;
}

void Connection::writeRaw(int status)
{
    const QByteArray body = reasonPhrase(status) + '\n';
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
    socket_->write(out);
    lastOutput_ = Clock::now();
}

qint64 Connection::pendingOutput() const
{
    if (ssl_)
        return ssl_->bytesToWrite() + ssl_->encryptedBytesToWrite();
    if (tcp_)
        return tcp_->bytesToWrite();
    if (local_)
        return local_->bytesToWrite();
    return 0;
}

void Connection::flushOutput()
{
    if (ssl_)
        ssl_->flush();
    else if (tcp_)
        tcp_->flush();
    else if (local_)
        local_->flush();
}

void Connection::onBytesWritten()
{
    lastOutput_ = Clock::now();
    if (out_ == Out::Writing || life_ == Life::Closing)
        kick();
}

// ---- Lifecycle -------------------------------------------------------------

void Connection::beginClose()
{
    if (life_ != Life::Open)
        return;
    life_ = Life::Closing;
    lastOutput_ = Clock::now();
    if (done_ && in_ != In::Done)
        cancelBody(QStringLiteral("connection closed before the request body ended"));
    if (ssl_)
        ssl_->disconnectFromHost(); // flushes, sends close_notify, then disconnected()
    else if (local_)
        local_->disconnectFromServer();
    rerun_ = true;
}

void Connection::die()
{
    if (life_ == Life::Dead)
        return;
    life_ = Life::Dead;
    rerun_ = true;
}

void Connection::abortConnection(const QString &why)
{
    qCDebug(lcHttp) << peer_ << "closing:" << why;
    if (deathReason_.isEmpty())
        deathReason_ = why;
    die();
}

void Connection::onDisconnected()
{
    if (life_ == Life::Dead)
        return;
    if (deathReason_.isEmpty())
        deathReason_ = QStringLiteral("client disconnected");
    die();
    kick();
}

void Connection::discardInput()
{
    while (socket_ && socket_->read(input_.get(), kInputBuffer) > 0) { }
}

void Connection::handOver()
{
    flushOutput();
    QByteArray pending(input_.get() + inputPos_, inputLength_ - inputPos_);
    inputPos_ = inputLength_ = 0;
    pending += socket_->readAll();
    QObject::disconnect(socket_, nullptr, this, nullptr);
    socket_->setParent(nullptr);
    QIODevice *device = std::exchange(socket_, nullptr);
    tcp_ = nullptr;
    ssl_ = nullptr;
    local_ = nullptr;
    auto take = std::move(take_);
    take_ = nullptr;
    deathReason_ = QStringLiteral("connection handed over");
    life_ = Life::Dead;
    cleaned_ = true;
    take(device, std::move(pending));
    rerun_ = true;
}

bool Connection::exchangeHeld() const
{
    return exchange_ && dispatched_ && !responded_ && !cancelDelivered_;
}

void Connection::cleanupDead()
{
    if (!cleaned_) {
        cleaned_ = true;
        if (ssl_)
            ssl_->abort();
        else if (tcp_)
            tcp_->abort();
        else if (local_)
            local_->abort();
        source_.reset();
        fileSource_ = nullptr;
        response_.reset();
        inputPos_ = inputLength_ = 0;
    }
    if (done_)
        cancelBody(deathReason_.isEmpty() ? QStringLiteral("connection closed") : deathReason_);
}

void Connection::reapIfDone()
{
    if (life_ == Life::Dead && !reaping_ && !exchangeHeld()) {
        reaping_ = true;
        deleteLater();
    }
}

void Connection::shutdown()
{
    if (life_ != Life::Dead) {
        deathReason_ = QStringLiteral("server shutting down");
        life_ = Life::Dead;
    }
    run();
}

void Connection::checkTimeouts(Clock::time_point now)
{
    const Limits &limits = config_->limits;
    switch (life_) {
    case Life::Dead:
        return;
    case Life::Lingering:
        if (now >= lingerUntil_) {
            abortConnection(QStringLiteral("linger ended"));
            kick();
        }
        return;
    case Life::Closing:
        if (now - lastOutput_ >= limits.bodyStallTimeout) {
            abortConnection(QStringLiteral("client stopped reading"));
            kick();
        }
        return;
    case Life::Open:
        break;
    }
    if (pendingOutput() > 0) {
        if (now - lastOutput_ >= limits.bodyStallTimeout) {
            abortConnection(QStringLiteral("client stopped reading the response"));
            kick();
            return;
        }
        since_ = now; // idle only counts once the last response went out
    }
    switch (in_) {
    case In::Idle:
        if (out_ == Out::None && inputPos_ == inputLength_) {
            const auto limit = requests_ == 0 ? limits.headerTimeout : limits.idleTimeout;
            if (now - since_ >= limit) {
                abortConnection(QStringLiteral("idle"));
                kick();
            }
        }
        break;
    case In::Headers:
        if (now - headerStart_ >= limits.headerTimeout) {
            qCDebug(lcHttp) << peer_ << "request headers too slow";
            exchange_.reset();
            writeRaw(408);
            beginClose();
            kick();
        }
        break;
    case In::Body:
        if (now - lastInput_ >= limits.bodyStallTimeout) {
            abortConnection(QStringLiteral("request body stalled"));
            kick();
        }
        break;
    default:
        break;
    }
}

} // namespace muelle::http
