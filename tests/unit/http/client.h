#pragma once
// The tests' HTTP client: one HTTP/1.1 connection (TCP, TLS or unix socket)
// used from the calling thread, blocking with a timeout. Responses are parsed
// by libhttp-parser; bodies are streamed to a sink. The product's clients are
// Qt's (the app) and the registry client (the engine); this one drives the
// server in tests byte by byte, as clients nobody wrote would.

#include "http/message.h"

#include <QSslConfiguration>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace muelle::http {

struct ClientResponse {
    int status = 0;
    Headers headers;
    QByteArray body; // filled when no sink was given
};

class Client {
public:
    // base: "http://127.0.0.1:5000", "https://host:443", "unix:///run/muelle/muelle.sock".
    explicit Client(QUrl base, std::optional<QSslConfiguration> tls = {},
        std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~Client();

    // Sends one request; reuses the connection when the server keeps it alive
    // (a bodiless request that finds the kept connection closed is retried once).
    // Network failures and timeouts are Unavailable.
    // `body` (may be null) is streamed with Content-Length `bodyLength`, or
    // chunked when bodyLength is -1. The response body goes to `sink` when given.
    Result<ClientResponse> send(const QByteArray &method, const QByteArray &target, const Headers &headers = {},
        BodySource *body = nullptr, qint64 bodyLength = 0, BodySink *sink = nullptr);

    // The connection after a 101 response (hijack), for raw streams; the
    // caller owns it. Bytes the server sent right after the 101 may already
    // be buffered in it: check bytesAvailable() before waiting for readyRead.
    QIODevice *takeSocket();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// A BodySource over bytes held in memory (for small request bodies).
class BytesSource final : public BodySource {
public:
    explicit BytesSource(QByteArray data) : data_(std::move(data)) { }
    Result<QByteArray> read(qint64 maxBytes) override;

private:
    QByteArray data_;
    qint64 pos_ = 0;
};

} // namespace muelle::http
