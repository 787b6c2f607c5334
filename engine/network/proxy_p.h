#pragma once
// The userland proxy: connections and datagrams that reach a published
// port without passing through DNAT (those to 127.0.0.1 and ::1: the kernel
// does not route loopback traffic to a bridge unless route_localnet is on)
// are relayed to the container. Listening on the port is also what holds it,
// so no other process can take it while the container has it.
//
// It runs inside muelled, on the thread of the PortMapper that owns it, as
// docker's userland proxy does in its own process: a restarted daemon
// publishes the stored ports again, which starts the proxies again.

#include "base/error.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace muelle::engine::network {

class Proxy : public QObject {
public:
    using QObject::QObject;
    // The port listened on (the one the kernel chose when asked for 0).
    virtual int port() const = 0;
};

// Listens on listen:port and relays to target:targetPort. Conflict with the
// message "address already in use" when the port is taken.
Result<std::unique_ptr<Proxy>> startProxy(
    const QString &protocol, const QHostAddress &listen, int port, const QHostAddress &target, int targetPort);

} // namespace muelle::engine::network
