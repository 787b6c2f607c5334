#pragma once
// muelled's side of engine/shim/protocol.h: starting a shim, and a typed
// client of one shim's control socket (a container's or an exec's). Calls
// are asynchronous on the context's event loop, but attach(), which blocks
// for a moment: the shim answers at once.

#include "base/error.h"
#include "engine/shim/protocol.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace muelle::engine::shim {

// Runs `program` (muelle-shim) with `options`; `done` gets the pid of the
// process it created, or the shim's "error <why>".
void launch(const QString &program, const Options &options, QObject *context, std::function<void(Result<int>)> done);

struct Exit {
    int code = 0;
    bool oomKilled = false;
    QString finishedAt;
};

// The exit a shim wrote to <dir>/state.json, if its process has exited:
// how muelled learns what happened while it was not listening.
std::optional<Exit> exitFromStateFile(const QString &dir);

// A connected attach stream: the socket (an fd the caller owns) and what
// the shim already sent after its "ok".
struct Attachment {
    int fd = -1;
    QByteArray pending;
};

class ShimClient {
public:
    ShimClient(QString socket, QObject *context) : socket_(std::move(socket)), context_(context) { }

    // Errors: the shim's "error" reply is FailedPrecondition with its words;
    // an unreachable or silent shim Unavailable.
    void start(std::function<void(Result<int>)> done) const; // the process's pid
    void kill(int signal, std::function<void(Result<>)> done = {}) const;
    void resize(int rows, int columns, std::function<void(Result<>)> done) const;
    // Calls `exited` once: with the exit when the process ends, or nullopt
    // when the shim is gone without saying (killed, or never reachable).
    void watch(std::function<void(std::optional<Exit>)> exited) const;
    Result<Attachment> attach(bool in, bool out, bool err) const;

private:
    void call(const Command &command, std::function<void(Result<QByteArray>)> done) const;

    QString socket_;
    QObject *context_;
};

} // namespace muelle::engine::shim
