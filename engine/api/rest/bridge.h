#pragma once
// Between the HTTP server's connection threads and the engine's thread.
// Handlers parse and validate on the connection's thread, then hand the
// work to the engine's thread, whose answer comes back to be sent.

#include "http/exchange.h"

#include <QMutex>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace muelle::engine::rest {

// Runs `work` on `engine`'s thread and sends the response it returns.
void answerOnEngine(http::Exchange &exchange, QObject *engine, std::function<http::Response()> work);

// Runs `work` on `engine`'s thread; it calls `reply` once (later, from the
// engine's thread) with the response to send.
using Reply = std::function<void(http::Response)>;
void answerOnEngineLater(http::Exchange &exchange, QObject *engine, std::function<void(Reply reply)> work);

// A streamed answer (progress, events) written on the engine's thread. The
// status line waits for the first write: when the work fails before
// writing anything, the client gets a plain error response instead.
class Stream : public std::enable_shared_from_this<Stream> {
public:
    // On the connection's thread, from the handler.
    static std::shared_ptr<Stream> open(http::Exchange &exchange, QObject *engine, QByteArray contentType);
    ~Stream();

    // On the engine's thread.
    void write(QByteArray bytes);
    // Ends the body; an error with nothing written yet becomes the response.
    void finish(const Result<> &result);
    // Called on the engine's thread once the client has gone (at once when
    // it already has).
    void onGone(std::function<void()> handler);
    bool gone() const;
    bool started() const;

private:
    class Source;
    class Relay;
    Stream() = default;
    void post(std::function<void(Relay &)> call);

    mutable QMutex mutex_;
    QByteArray pending_;
    bool started_ = false;
    bool ended_ = false;
    bool gone_ = false;
    QPointer<Relay> relay_;
    QPointer<QObject> engine_;
    std::function<void()> goneHandler_;
};

} // namespace muelle::engine::rest
