#pragma once
// The body of GET /containers/{id}/logs: the log read on a worker thread
// into a bounded buffer the connection drains (memory does not grow with
// the log), then, with follow, new lines until the container stops.

#include "engine/logs/logreader.h"
#include "http/body.h"

#include <memory>

namespace muelle::engine::docker {

struct LogStreamOptions {
    QString path;
    int maxFiles = 1;
    logs::ReadOptions read;
    bool follow = false;
    bool timestamps = false;
    bool tty = false; // raw lines instead of stdout/stderr frames
};

class LogStream;

// The body source, and a handle to tell it the container stopped (callable
// from any thread; following ends once the log's last lines are out).
struct LogBody {
    std::unique_ptr<http::BodySource> source;
    std::function<void()> containerStopped;
};

// Call on the connection's thread.
LogBody openLogBody(LogStreamOptions options);

} // namespace muelle::engine::docker
