#pragma once
// The networks muelled keeps: the predefined "bridge", "host" and "none",
// and user-defined bridge networks. Their records live in metadata.db; the
// addresses handed out are known from the endpoints of running containers
// (claimed again at daemon start); the kernel objects come from the bridge
// driver (bridge.h) and published ports from the port mapper (ports.h).
// A user-defined network's bridge is made with it; the default network's
// when a first container joins, not at daemon start.
//
// Used from the daemon's main thread.
#include "base/error.h"
#include "engine/network/network.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>

#include <memory>

namespace muelle::engine::events {
class EventBus;
}
namespace muelle::engine::metadata {
class Metadata;
}

namespace muelle::engine::network {

class BridgeDriver;
class Firewall;
class PortMapper;

struct NetworkRecord {
    Network network; // bridge, subnet and gateway: bridge networks only
    QString driver; // "bridge" | "host" | "null"
    QDateTime created;
    QMap<QString, QString> labels;
    QMap<QString, QString> options;

    // "bridge", "host", "none": made by the daemon, never removed.
    bool predefined() const;
    QByteArray toRecord() const;
    static Result<NetworkRecord> fromRecord(const QByteArray &record);
};

// POST /networks/create.
struct CreateNetwork {
    QString name;
    QString driver = QStringLiteral("bridge");
    QString subnet; // "" = the first free one of the default pools
    QString gateway; // "" = the subnet's first address
    QMap<QString, QString> labels;
    QMap<QString, QString> options;
};

class NetworkService : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QString defaultBridge = defaultBridgeName(); // the "bridge" network's Linux bridge
        // nftables: the table (family ip) of our rules; iptables: its name
        // upper-cased is the DNAT chain, "<CHAIN>-POSTROUTING" the NAT one.
        QString firewallTable = QStringLiteral("muelle");
    };
    NetworkService(
        Settings settings, metadata::Metadata &metadata, events::EventBus &events, QObject *parent = nullptr);
    ~NetworkService() override;

    // Loads the records; makes those of "bridge" (its subnet the first free
    // one of the default pools), "host" and "none" the first time.
    Result<> open();

    // By full ID, name, or unique ID prefix. NotFound "network x not found".
    Result<NetworkRecord> find(const QString &name) const;
    QList<NetworkRecord> list() const;
    // InvalidArgument for a bad name, subnet or gateway; Conflict "network
    // with name x already exists"; NotFound `plugin "x" not found` for a
    // driver other than bridge; Conflict when the subnet overlaps another
    // network's.
    Result<NetworkRecord> create(const CreateNetwork &options);
    // PermissionDenied for a predefined network; Conflict "error while
    // removing network: network x id y has active endpoints" while running
    // containers are on it. Its bridge and NAT rules go with it.
    Result<> remove(const QString &name);
    // Removes every user-defined network without endpoints; their names.
    QStringList prune();

    // Plugs the network namespace of `pid` into the network (making its
    // bridge first when needed), with `wantedIp` or the lowest free address,
    // as `ifname` ("eth0", "eth1", ...) inside.
    Result<Endpoint> connect(
        const QString &networkId, const QString &containerId, int pid, const QString &wantedIp, const QString &ifname);
    // Unplugs it and frees its address; an endpoint already gone is fine.
    void disconnect(const QString &networkId, const QString &containerId, const Endpoint &endpoint);
    // A running container's endpoint found at daemon start: its address is taken.
    void claim(const QString &networkId, const QString &containerId, const Endpoint &endpoint);
    // The containers with an endpoint on the network now.
    QStringList endpointsOf(const QString &networkId) const;

    Result<PortBinding> publish(const PortBinding &binding, const QHostAddress &containerIp);
    void unpublish(const PortBinding &published);

private:
    Result<> save(const NetworkRecord &record);
    Result<Subnet> freeSubnet() const;
    void announce(const NetworkRecord &record, const QString &action, const QString &containerId = {});

    Settings settings_;
    metadata::Metadata &metadata_;
    events::EventBus &events_;
    std::unique_ptr<Firewall> firewall_;
    std::unique_ptr<BridgeDriver> bridges_;
    PortMapper *ports_ = nullptr; // a child
    QHash<QString, NetworkRecord> networks_; // by ID
    QHash<QString, QHash<QString, QHostAddress>> endpoints_; // network ID -> container ID -> address
    QSet<QString> bridgesUp_; // network IDs whose bridge this daemon has ensured
};

} // namespace muelle::engine::network
