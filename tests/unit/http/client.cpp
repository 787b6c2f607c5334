#include "tests/unit/http/client.h"

#include "http/log.h"

#include <QDeadlineTimer>
#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>

#include <http_parser.h>

#include <cstdio>

namespace muelle::http {

namespace {

constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kHighWater = 256 * 1024;

// One response being parsed. Bytes are peeked from the socket and only the
// ones the parser consumed are skipped, so that what follows a response (the
// raw stream after a 101) stays in the socket.
struct ResponseParser {
    http_parser parser{};
    ClientResponse response;
    BodySink *sink = nullptr;
    bool head = false;
    QByteArray field;
    QByteArray value;
    bool inValue = false;
    bool complete = false;
    bool upgraded = false;
    bool keepAlive = false;
    std::optional<Error> sinkError;

    explicit ResponseParser(BodySink *s, bool isHead) : sink(s), head(isHead)
    {
        http_parser_init(&parser, HTTP_RESPONSE);
        parser.data = this;
    }

    static ResponseParser *self(http_parser *p) { return static_cast<ResponseParser *>(p->data); }

    void commit()
    {
        response.headers.add(std::move(field), std::move(value));
        field = QByteArray();
        value = QByteArray();
        inValue = false;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings s;
            http_parser_settings_init(&s);
            s.on_message_begin = [](http_parser *p) {
                auto *r = self(p);
                r->response = ClientResponse();
                r->field.clear();
                r->value.clear();
                r->inValue = false;
                return 0;
            };
            s.on_header_field = [](http_parser *p, const char *at, size_t n) {
                auto *r = self(p);
                if (r->inValue)
                    r->commit();
                r->field.append(at, qsizetype(n));
                return 0;
            };
            s.on_header_value = [](http_parser *p, const char *at, size_t n) {
                auto *r = self(p);
                r->inValue = true;
                r->value.append(at, qsizetype(n));
                return 0;
            };
            s.on_headers_complete = [](http_parser *p) {
                auto *r = self(p);
                if (!r->field.isEmpty())
                    r->commit();
                r->response.status = int(p->status_code);
                return r->head ? 1 : 0; // a HEAD response announces a body it does not carry
            };
            s.on_body = [](http_parser *p, const char *at, size_t n) {
                auto *r = self(p);
                if (r->sinkError)
                    return 0;
                if (!r->sink) {
                    r->response.body.append(at, qsizetype(n));
                } else if (auto written = r->sink->write(QByteArrayView(at, qsizetype(n))); !written) {
                    r->sinkError = written.error();
                }
                return 0;
            };
            s.on_message_complete = [](http_parser *p) {
                auto *r = self(p);
                const int status = r->response.status;
                if (status >= 100 && status < 200 && status != 101)
                    return 0; // interim response: the real one follows
                r->complete = true;
                r->upgraded = status == 101;
                r->keepAlive = http_should_keep_alive(p) != 0;
                http_parser_pause(p, 1);
                return 0;
            };
            return s;
        }();
        return s;
    }
};

} // namespace

struct Client::Private {
    QUrl base;
    std::optional<QSslConfiguration> tls;
    std::chrono::milliseconds timeout;
    std::unique_ptr<QIODevice> socket;
    QAbstractSocket *tcp = nullptr;
    QSslSocket *ssl = nullptr;
    QLocalSocket *local = nullptr;
    QByteArray host;

    QString where() const { return base.toString(); }

    Error unavailable(const QString &what) const
    {
        const QString reason = socket ? socket->errorString() : QStringLiteral("not connected");
        return Error{ Code::Unavailable, QStringLiteral("%1 %2: %3").arg(what, where(), reason) };
    }

    void drop()
    {
        socket.reset();
        tcp = nullptr;
        ssl = nullptr;
        local = nullptr;
    }

    bool isConnected() const
    {
        if (local)
            return local->state() == QLocalSocket::ConnectedState;
        return tcp && tcp->state() == QAbstractSocket::ConnectedState;
    }

    bool waitForReadyRead(int ms) { return local ? local->waitForReadyRead(ms) : tcp->waitForReadyRead(ms); }

    bool waitForBytesWritten(int ms) { return local ? local->waitForBytesWritten(ms) : tcp->waitForBytesWritten(ms); }

    qint64 pending() const
    {
        if (ssl)
            return ssl->bytesToWrite() + ssl->encryptedBytesToWrite();
        return local ? local->bytesToWrite() : tcp->bytesToWrite();
    }

    Result<> open()
    {
        drop();
        const int ms = int(timeout.count());
        const QString scheme = base.scheme();
        if (scheme == QLatin1String("unix")) {
            auto *s = new QLocalSocket;
            socket.reset(s);
            local = s;
            s->connectToServer(base.path());
            if (!s->waitForConnected(ms))
                return fail(unavailable(QStringLiteral("connect to")));
            host = QByteArrayLiteral("localhost");
            return {};
        }
        const bool https = scheme == QLatin1String("https");
        if (!https && scheme != QLatin1String("http"))
            return fail(Code::InvalidArgument, QStringLiteral("connect to %1: unsupported scheme").arg(where()));
        const quint16 port = quint16(base.port(https ? 443 : 80));
        host = base.host().toUtf8();
        if (base.port() > 0)
            host += ':' + QByteArray::number(port);
        if (https) {
            auto *s = new QSslSocket;
            socket.reset(s);
            tcp = ssl = s;
            if (tls)
                s->setSslConfiguration(*tls);
            s->connectToHostEncrypted(base.host(), port);
            if (!s->waitForEncrypted(ms))
                return fail(unavailable(QStringLiteral("connect to")));
        } else {
            auto *s = new QTcpSocket;
            socket.reset(s);
            tcp = s;
            s->connectToHost(base.host(), port);
            if (!s->waitForConnected(ms))
                return fail(unavailable(QStringLiteral("connect to")));
        }
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return {};
    }

    // Writes everything, waiting while more than kHighWater is queued.
    Result<> write(QByteArrayView data, bool drain)
    {
        if (socket->write(data.data(), data.size()) != data.size())
            return fail(unavailable(QStringLiteral("send to")));
        while (pending() > (drain ? 0 : kHighWater)) {
            if (!waitForBytesWritten(int(timeout.count())))
                return fail(unavailable(QStringLiteral("send to")));
        }
        return {};
    }

    Result<> sendRequest(
        const QByteArray &method, const QByteArray &target, const Headers &headers, BodySource *body, qint64 bodyLength)
    {
        QByteArray head;
        head.reserve(256);
        head += method + ' ' + target + " HTTP/1.1\r\n";
        if (!headers.contains("Host"))
            head += "Host: " + host + "\r\n";
        for (const auto &[name, value] : headers.fields()) {
            if (body
                && (name.compare("Content-Length", Qt::CaseInsensitive) == 0
                    || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0))
                continue;
            head += name + ": " + value + "\r\n";
        }
        const bool chunked = body && bodyLength < 0;
        if (chunked)
            head += "Transfer-Encoding: chunked\r\n";
        else if (body)
            head += "Content-Length: " + QByteArray::number(bodyLength) + "\r\n";
        else if (!headers.contains("Content-Length") && (method == "POST" || method == "PUT" || method == "PATCH"))
            head += "Content-Length: 0\r\n";
        head += "\r\n";
        if (auto written = write(head, !body); !written)
            return written;
        if (!body)
            return {};
        qint64 sent = 0;
        for (;;) {
            const qint64 want = chunked ? kChunk : std::min(kChunk, bodyLength - sent);
            if (want == 0)
                break;
            auto data = body->read(want);
            if (!data)
                return fail(data.error().context(QStringLiteral("read request body")));
            if (data->isEmpty())
                break;
            sent += data->size();
            if (!chunked && sent > bodyLength)
                return fail(Code::InvalidArgument, QStringLiteral("request body longer than %1 bytes").arg(bodyLength));
            if (chunked) {
                char prefix[24];
                const int n
                    = std::snprintf(prefix, sizeof prefix, "%llx\r\n", static_cast<unsigned long long>(data->size()));
                data->prepend(prefix, n);
                data->append("\r\n");
            }
            if (auto written = write(*data, false); !written)
                return written;
        }
        if (!chunked && sent != bodyLength)
            return fail(Code::InvalidArgument,
                QStringLiteral("request body ended after %1 of %2 bytes").arg(sent).arg(bodyLength));
        return write(chunked ? QByteArrayView("0\r\n\r\n") : QByteArrayView(), true);
    }

    // Reads one response. `fresh` is false when nothing of it arrived yet.
    Result<ClientResponse> readResponse(ResponseParser &rp, bool &fresh)
    {
        fresh = true;
        char buffer[kChunk];
        const QDeadlineTimer deadline(timeout);
        while (!rp.complete) {
            if (socket->bytesAvailable() <= 0) {
                if (!isConnected() || !waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
                    if (socket->bytesAvailable() > 0)
                        continue;
                    if (isConnected() && !deadline.hasExpired())
                        continue;
                    if (!isConnected()) {
                        http_parser_execute(&rp.parser, &ResponseParser::settings(), nullptr, 0); // EOF
                        if (rp.complete)
                            break;
                    }
                    return fail(unavailable(isConnected() ? QStringLiteral("timed out waiting for")
                                                          : QStringLiteral("connection closed by")));
                }
                continue;
            }
            const qint64 n = socket->peek(buffer, sizeof buffer);
            if (n <= 0)
                continue;
            fresh = false;
            const size_t used = http_parser_execute(&rp.parser, &ResponseParser::settings(), buffer, size_t(n));
            socket->skip(qint64(used));
            const auto error = HTTP_PARSER_ERRNO(&rp.parser);
            if (error != HPE_OK && error != HPE_PAUSED)
                return fail(Code::Internal,
                    QStringLiteral("bad response from %1: %2")
                        .arg(where(), QLatin1String(http_errno_description(error))));
        }
        if (rp.sinkError)
            return fail(*rp.sinkError);
        if (rp.sink) {
            if (auto finished = rp.sink->finish(); !finished)
                return fail(finished.error());
        }
        return std::move(rp.response);
    }
};

Client::Client(QUrl base, std::optional<QSslConfiguration> tls, std::chrono::milliseconds timeout) : d(new Private)
{
    d->base = std::move(base);
    d->tls = std::move(tls);
    d->timeout = timeout;
}

Client::~Client() = default;

Result<ClientResponse> Client::send(const QByteArray &method, const QByteArray &target, const Headers &headers,
    BodySource *body, qint64 bodyLength, BodySink *sink)
{
    // A kept-alive connection may have been closed by the server meanwhile;
    // then a request without a body is retried once on a new connection.
    for (int attempt = 0;; ++attempt) {
        bool reused = false;
        if (d->socket && d->isConnected()) {
            d->waitForReadyRead(0); // notices a close that already happened
            reused = d->isConnected() && d->socket->bytesAvailable() == 0;
        }
        if (!reused) {
            if (auto opened = d->open(); !opened)
                return fail(opened.error());
        }
        auto sent = d->sendRequest(method, target, headers, body, bodyLength);
        if (!sent && !(reused && attempt == 0 && !body)) {
            // The server may have answered early (e.g. 413) and closed: use its answer if there is one.
            if (!d->socket || d->socket->bytesAvailable() <= 0) {
                d->drop();
                return fail(sent.error());
            }
        } else if (!sent) {
            d->drop();
            continue;
        }
        ResponseParser parser(sink, method == "HEAD");
        bool fresh = true;
        auto response = d->readResponse(parser, fresh);
        if (!response) {
            d->drop();
            if (fresh && reused && attempt == 0 && !body && response.error().code == Code::Unavailable)
                continue;
            return response;
        }
        if (!parser.upgraded && (!parser.keepAlive || !sent))
            d->drop();
        return response;
    }
}

QIODevice *Client::takeSocket()
{
    QIODevice *device = d->socket.release();
    d->drop();
    return device;
}

Result<QByteArray> BytesSource::read(qint64 maxBytes)
{
    const qint64 n = std::min<qint64>(maxBytes, data_.size() - pos_);
    if (n <= 0)
        return QByteArray();
    QByteArray chunk = data_.mid(pos_, n);
    pos_ += n;
    return chunk;
}

} // namespace muelle::http
