#pragma once
// The bridge driver: networks as Linux bridges, containers on them through
// veth pairs, driven with `ip` and the Firewall's NAT rules.

#include "engine/network/firewall.h"
#include "engine/network/network.h"

namespace muelle::engine::network {

class BridgeDriver final : public Bridges, public Endpoints {
public:
    // `firewall` outlives the driver.
    explicit BridgeDriver(Firewall &firewall) : firewall_(firewall) { }

    Result<> ensureBridge(const Network &network) override;
    Result<> removeBridge(const Network &network) override;
    Result<Endpoint> attach(const Network &network, int containerPid, const QHostAddress &ip, const QString &mac = {},
        const QString &ifname = QStringLiteral("eth0")) override;
    Result<> detach(const Endpoint &endpoint) override;

private:
    Firewall &firewall_;
};

} // namespace muelle::engine::network
