#pragma once
// HTTP/1.1 server on Qt sockets: TCP, TLS and unix sockets. Requests are
// parsed by libhttp-parser. Connections are spread over a pool of worker
// threads, each with its own event loop; a connection and every call about it
// (handler, body sink, body source) stay on one worker thread, so a handler
// may block briefly (disk, SQLite) without stalling other connections'
// threads. Keep-alive and pipelining are honoured in order.
//
// The handler is called concurrently from every worker thread (a Router is
// fine). Listeners run on a thread of their own. Request paths holding a "."
// or ".." segment (also percent-encoded) are refused with 400 before any
// handler sees them. Besides the limits below, a response the client stops
// reading for bodyStallTimeout closes the connection.

#include "http/exchange.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace muelle::http {

struct Limits {
    int maxHeaderBytes = 64 * 1024; // request line + headers; beyond: 431
    int maxHeaderCount = 100; // beyond: 431
    std::chrono::milliseconds headerTimeout{ 30'000 }; // whole header must arrive within; else 408 and close
    std::chrono::milliseconds idleTimeout{ 120'000 }; // keep-alive connection with no request; closed
    std::chrono::milliseconds bodyStallTimeout{
        60'000
    }; // no body byte for this long; connection closed, sink cancelled
};

struct Endpoint {
    enum class Kind { Tcp, Unix };
    Kind kind = Kind::Tcp;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port (see Server::tcpPort)
    QString unixPath; // replaced if a stale socket file is there
    int unixMode = 0660;
    QString unixGroup; // chgrp when non-empty and the group exists
    std::optional<QSslConfiguration> tls; // TCP only: serve HTTPS
};

class Server : public QObject {
    Q_OBJECT
public:
    // `workers` 0 means one per core.
    explicit Server(Handler handler, Limits limits = {}, int workers = 0, QObject *parent = nullptr);
    ~Server() override;

    // Called on the connection's thread each time a response starts (status
    // line written), with the body length (-1 when chunked or unknown): the
    // access log. Set it before listen().
    using AccessLog = std::function<void(const Request &request, int status, qint64 bodyLength)>;
    void setAccessLog(AccessLog log);

    // Starts listening; may be called once per endpoint. Fails with a message
    // naming the address ("listen on 127.0.0.1:5000: address in use").
    Result<> listen(const Endpoint &endpoint);
    // The port bound by the most recent TCP listen (useful with port 0).
    quint16 tcpPort() const;
    // Stops accepting, closes every connection (body sinks get Cancelled),
    // joins the workers. Call it from the thread that owns the Server, never
    // from a handler. The destructor calls it.
    void close();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::http
