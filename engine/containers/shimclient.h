#pragma once
// muelled's side of engine/shim/protocol.h: starting a shim, sending it a
// command, watching for its process's exit, and taking an attach stream.
// Everything but attach() is asynchronous on the caller's event loop.

#include "base/error.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace muelle::engine::containers {

// Runs `program args...` (muelle-shim), which answers "ok <pid>" once the
// process exists, or "error <why>".
void launchShim(
    const QString &program, const QStringList &args, QObject *context, std::function<void(Result<int>)> done);

// Sends one command; `done` gets the reply line without "ok " (an "error"
// reply is FailedPrecondition with the shim's message; an unreachable shim
// Unavailable).
void callShim(
    const QString &socket, const QByteArray &command, QObject *context, std::function<void(Result<QByteArray>)> done);

struct Exit {
    int code = 0;
    bool oomKilled = false;
    QString finishedAt;
};

// The exit a shim wrote to <dir>/state.json, if its process has exited:
// how muelled learns what happened while it was not listening.
std::optional<Exit> exitFromStateFile(const QString &dir);

// Calls `exited` once: with the exit when the process ends, or nullopt when
// the shim is gone without saying (killed, or never reachable).
void watchShim(const QString &socket, QObject *context, std::function<void(std::optional<Exit>)> exited);

// A connected attach stream: the socket (an fd the caller owns) and what
// the shim already sent after its "ok".
struct Attachment {
    int fd = -1;
    QByteArray pending;
};
// Blocks for at most a few seconds: the shim answers at once.
Result<Attachment> attachShim(const QString &socket, bool in, bool out, bool err);

} // namespace muelle::engine::containers
