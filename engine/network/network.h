#pragma once
// Container networking, libnetwork style: a network is a Linux bridge with
// a gateway address and outbound NAT; a container joins it through a veth
// pair (an endpoint); its published ports are DNAT rules plus a userland
// proxy for loopback traffic. The value types and the roles live here; the
// address arithmetic in ipam.h, the NAT rules in firewall.h.
//
// Every call runs `ip`, `nft` or `iptables` with argv vectors (never a
// shell) and blocks until they finish; a failed command becomes an Error
// "<verb> \"<object>\": <command>: <its stderr>".

#include "base/error.h"
#include "engine/network/ipam.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace muelle::engine::network {

// The default network's bridge ("bridge" in docker's words).
inline QString defaultBridgeName()
{
    return QStringLiteral("muelle0");
}

// A user-defined network's bridge: "br-" and the ID's first 12 characters.
QString bridgeNameFor(const QString &networkId);

struct Network {
    QString id;
    QString name;
    QString bridge; // the Linux bridge: defaultBridgeName() or bridgeNameFor(id)
    Subnet subnet;
    QHostAddress gateway; // the bridge's address; usually defaultGateway(subnet)

    bool operator==(const Network &) const = default;
};

// A container's place on a network: what attach() made, what detach() takes,
// what the caller persists for live restore.
struct Endpoint {
    QString hostVeth; // "veth1a2b3c4", on the bridge
    QString ifname; // inside the container: "eth0"
    QHostAddress ip;
    QString mac; // "02:42:0a:d5:07:02"
    int prefix = 0;
    QHostAddress gateway;

    bool operator==(const Endpoint &) const = default;
};

// docker's MAC for an IPv4 address: 02:42 and the address's four bytes.
QString macFor(const QHostAddress &ip);

// Creates and removes the kernel objects of networks.
class Bridges {
public:
    virtual ~Bridges() = default;
    // Makes the bridge exist with the gateway address and up, IPv4 forwarding
    // on, and outbound NAT for the subnet. Idempotent: an existing bridge is
    // kept (FailedPrecondition when a link of that name is not a bridge).
    virtual Result<> ensureBridge(const Network &network) = 0;
    // Removes the bridge and the NAT rules ensureBridge() made (IPv4
    // forwarding stays on). A bridge already gone is not an error.
    virtual Result<> removeBridge(const Network &network) = 0;
};

// Plugs containers into networks.
class Endpoints {
public:
    virtual ~Endpoints() = default;
    // Creates a veth pair, the host side on the network's bridge, the other
    // inside the network namespace of `containerPid` as `ifname` with `ip`,
    // `mac` (empty = macFor(ip)), lo up and a default route via the gateway.
    // NotFound when the process is gone; FailedPrecondition when it shares
    // the host's network namespace. Nothing is left behind on failure.
    virtual Result<Endpoint> attach(const Network &network, int containerPid, const QHostAddress &ip,
        const QString &mac = {}, const QString &ifname = QStringLiteral("eth0"))
        = 0;
    // Deletes the host side of the pair (the peer goes with it). An endpoint
    // already gone (its container exited) is not an error.
    virtual Result<> detach(const Endpoint &endpoint) = 0;
};

// "-p 127.0.0.1:8080:80/tcp".
struct PortBinding {
    QString hostIp; // "" = every address
    int hostPort = 0; // 0 = a free one, chosen by publish()
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp"); // "tcp" | "udp"

    bool operator==(const PortBinding &) const = default;
};

// Makes container ports reachable on the host.
class PortPublisher {
public:
    virtual ~PortPublisher() = default;
    // Holds the host port (by listening on it with the userland proxy) and
    // forwards it to containerIp:containerPort; the binding with the host
    // port actually used. Conflict "Bind for 0.0.0.0:8080 failed: port is
    // already allocated" when this publisher holds it already, Conflict
    // "Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address
    // already in use" when another process does; Unimplemented for sctp.
    virtual Result<PortBinding> publish(const PortBinding &binding, const QHostAddress &containerIp) = 0;
    // Removes the forwarding of a binding publish() returned and frees the
    // port. Rules left by an earlier daemon (no proxy here) are removed too.
    virtual Result<> unpublish(const PortBinding &published) = 0;
};

// What /etc/hosts gets for the containers of a user-defined network.
struct HostEntry {
    QHostAddress ip;
    QStringList names; // the container's name, its aliases, its short ID
};

// One "<ip>\t<name> <alias>...\n" line per entry with an address and a name,
// in the order given.
QByteArray hostsLines(const QList<HostEntry> &entries);

} // namespace muelle::engine::network
