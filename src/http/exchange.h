#pragma once
// One request and its response on a connection. The server creates it when the
// request's headers are complete and calls the handler with it; it lives until
// the response is fully written or the connection dies.
//
// All methods are called on the connection's thread (the one the handler ran on).

#include "http/message.h"

#include <QIODevice>

#include <functional>

namespace muelle::http {

class Exchange {
public:
    virtual ~Exchange() = default;

    virtual Request &request() = 0;

    // Starts delivering the request body to `sink`, and calls `done` once when
    // the body is complete (with the sink's result), or with Cancelled when the
    // client disconnects or times out first. If the handler responds without
    // calling this, the server reads and discards the body. Sends
    // "100 Continue" first when the client asked for it.
    virtual void receiveBody(std::unique_ptr<BodySink> sink, std::function<void(Result<>)> done) = 0;

    // Sends the response. Only the first call counts; after the connection
    // died it does nothing. HEAD responses carry headers only.
    virtual void respond(Response response) = 0;

    // Connection hijack (the Docker API's "Upgrade: tcp"): sends `response`
    // (normally 101 Switching Protocols) then hands the raw socket to `take`,
    // with the bytes the client already sent after the request. The server
    // forgets the connection; `take` owns the device from then on.
    virtual void upgrade(Response response, std::function<void(QIODevice *socket, QByteArray pending)> take) = 0;

    // True while the client is still connected.
    virtual bool connected() const = 0;
};

using Handler = std::function<void(Exchange &)>;

} // namespace muelle::http
