#pragma once
// HTTP/1.1 server on Qt sockets: TCP, TLS and unix sockets. Requests are
// parsed by libhttp-parser. Connections are spread over a pool of worker
// threads, each with its own event loop; a connection and every call about it
// (handler, body sink, body source) stay on one worker thread, so a handler
// may block briefly (disk, SQLite) without stalling other connections'
// threads. Keep-alive and pipelining are honoured in order.

#include "http/exchange.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <memory>
#include <optional>

namespace muelle::http {

struct Limits {
    int maxHeaderBytes = 64 * 1024;  // request line + headers; beyond: 431
    int maxHeaderCount = 100;        // beyond: 431
    std::chrono::milliseconds headerTimeout{30'000}; // whole header must arrive within; else 408 and close
    std::chrono::milliseconds idleTimeout{120'000};  // keep-alive connection with no request; closed
    std::chrono::milliseconds bodyStallTimeout{60'000}; // no body byte for this long; connection closed, sink cancelled
};

struct Endpoint {
    enum class Kind { Tcp, Unix };
    Kind kind = Kind::Tcp;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;                 // 0: any free port (see Server::tcpPort)
    QString unixPath;                 // replaced if a stale socket file is there
    int unixMode = 0660;
    QString unixGroup;                // chgrp when non-empty and the group exists
    std::optional<QSslConfiguration> tls; // TCP only: serve HTTPS
};

class Server : public QObject {
    Q_OBJECT
public:
    // `workers` 0 means one per core.
    explicit Server(Handler handler, Limits limits = {}, int workers = 0, QObject *parent = nullptr);
    ~Server() override;

    // Starts listening; may be called once per endpoint. Fails with a message
    // naming the address ("listen on 127.0.0.1:5000: address in use").
    Result<> listen(const Endpoint &endpoint);
    // The port bound by the most recent TCP listen (useful with port 0).
    quint16 tcpPort() const;
    // Stops accepting, closes every connection, joins the workers.
    void close();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::http
