#pragma once
// The NAT rules of networks and published ports, kept apart from the host's
// own: with nftables in one table (`ip muelle`), with iptables in the nat
// table's chains MUELLE-POSTROUTING and MUELLE (jumped to from POSTROUTING,
// PREROUTING and OUTPUT, as docker does). Every rule carries a comment
// naming what it belongs to ("muelle:net:<bridge>", "muelle:port:tcp:
// 0.0.0.0:8080"), so it is found again after a daemon restart.

#include "base/error.h"
#include "engine/network/ipam.h"

#include <QHostAddress>
#include <QString>

#include <memory>

namespace muelle::engine::network {

enum class FirewallBackend { Nftables, Iptables };

// Nftables when `nft` works here (the iptables-nft backend is nftables
// too), else Iptables.
FirewallBackend detectFirewallBackend();

struct FirewallOptions {
    FirewallBackend backend = FirewallBackend::Nftables;
    QString table = QStringLiteral("muelle"); // nftables: the table's name (family ip)
    QString chain = QStringLiteral("MUELLE"); // iptables: DNAT chain; "<chain>-POSTROUTING" for NAT
};

// A published port as the kernel forwards it.
struct PortForward {
    QString protocol; // "tcp" | "udp"
    QHostAddress hostIp; // null = every local address
    int hostPort = 0;
    QHostAddress containerIp;
    int containerPort = 0;
};

class Firewall {
public:
    virtual ~Firewall() = default;
    // Masquerades traffic from `subnet` leaving through another interface
    // than `bridge`. Idempotent.
    virtual Result<> addMasquerade(const QString &bridge, const Subnet &subnet) = 0;
    virtual Result<> removeMasquerade(const QString &bridge) = 0;
    // DNATs the host port to the container, for traffic from outside and
    // for local traffic to the host's non-loopback addresses. Replaces the
    // rules of an earlier forward of the same host port.
    virtual Result<> addForward(const PortForward &forward) = 0;
    virtual Result<> removeForward(const PortForward &forward) = 0;
    // Removes the table (chains) and jumps once no rule is left in them.
    virtual Result<> removeIfUnused() = 0;
    // Every rule of ours, one line each, for logs and tests.
    virtual Result<QString> dump() = 0;
};

std::unique_ptr<Firewall> makeFirewall(const FirewallOptions &options);

// The comments that name rules.
QString masqueradeComment(const QString &bridge);
QString forwardComment(const PortForward &forward);

} // namespace muelle::engine::network
