#pragma once
// Private to src/http: one thread of the server's pool. It adopts accepted
// socket descriptors, owns their Connections, and sweeps their timeouts with
// one coarse timer (no timer is re-armed per request).

#include "http/connection.h"

#include <QBasicTimer>
#include <QObject>
#include <QSet>

#include <atomic>

namespace muelle::http {

class Worker final : public QObject {
public:
    explicit Worker(std::chrono::milliseconds tick) : tick_(tick) { }

    // On the worker's thread: wraps `fd` in a socket and starts serving it.
    void adopt(qintptr fd, std::shared_ptr<const ListenerConfig> config);
    // On the worker's thread: ends every connection (server shutdown).
    void closeAll();
    // Called by a Connection's destructor.
    void forget(Connection *connection);

    // Connections handed to this worker and not yet gone; read by the listener
    // to pick the least loaded worker.
    std::atomic<int> load{ 0 };

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    std::chrono::milliseconds tick_;
    QBasicTimer sweep_;
    QSet<Connection *> connections_;
};

} // namespace muelle::http
