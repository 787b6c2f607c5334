#pragma once
// One request and its response on a connection. The server creates it when the
// request's headers are complete and calls the handler with it. It lives until
// the response is written and the request body is read; when the connection
// dies first, it stays valid until the handler calls respond() or upgrade(),
// or returns from a done callback that was given Cancelled. So a handler may
// keep a reference while it waits (a timer, the body) and respond later.
//
// All methods are called on the connection's thread (the one the handler ran
// on); they only record the request and return at once: the server acts on it
// when control is back in its event loop.

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
    // calling this, the server reads and discards the body (or, when the
    // client waits for "100 Continue", closes the connection after the
    // response). Sends "100 Continue" first when the client asked for it.
    // Must be called before the response when the body is wanted; later the
    // done callback gets FailedPrecondition.
    virtual void receiveBody(std::unique_ptr<BodySink> sink, std::function<void(Result<>)> done) = 0;

    // Sends the response. Only the first call counts; after the connection
    // died it does nothing. HEAD responses carry headers only.
    virtual void respond(Response response) = 0;

    // Connection hijack (the Docker API's "Upgrade: tcp"): sends `response`
    // (normally 101 Switching Protocols) then hands the raw socket to `take`,
    // with the bytes the client already sent after the request. The server
    // forgets the connection; `take` owns the device from then on (it lives on
    // the connection's thread). No Content-Length is added to `response`: the
    // stream after it is raw. A request body is read (receiveBody) before.
    virtual void upgrade(Response response, std::function<void(QIODevice *socket, QByteArray pending)> take) = 0;

    // True while the client is still connected.
    virtual bool connected() const = 0;
};

using Handler = std::function<void(Exchange &)>;

} // namespace muelle::http
