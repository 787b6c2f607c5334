#pragma once
// Published ports: the host port held by a userland proxy (proxy_p.h) and
// DNAT rules from the Firewall for everything but loopback traffic.

#include "engine/network/firewall.h"
#include "engine/network/network.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace muelle::engine::network {

class Proxy;

class PortMapper final : public QObject, public PortPublisher {
public:
    // `firewall` outlives the mapper. The proxies run on the mapper's thread
    // (its event loop relays their traffic): call it there.
    explicit PortMapper(Firewall &firewall, QObject *parent = nullptr);
    // Stops the proxies and keeps the rules, so outside traffic still flows
    // while muelled restarts; it then publishes the stored bindings again
    // (same host ports), which replaces the rules.
    ~PortMapper() override;

    Result<PortBinding> publish(const PortBinding &binding, const QHostAddress &containerIp) override;
    Result<> unpublish(const PortBinding &published) override;

private:
    struct Held;
    Firewall &firewall_;
    QHash<QString, std::shared_ptr<Held>> held_; // by "<protocol>/<host ip>:<port>"
};

} // namespace muelle::engine::network
