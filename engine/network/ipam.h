#pragma once
// IP address management for IPv4: subnets, the addresses handed to
// containers, and the subnets handed to new networks. Pure functions over
// values (the one exception, hostSubnets(), only reads the host's routes).

#include "base/error.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QString>

namespace muelle::engine::network {

// "172.18.0.0/16". The address is kept as given; network() masks it.
struct Subnet {
    quint32 address = 0;
    int prefix = 0;

    // InvalidArgument "invalid subnet \"x\": ..." unless "a.b.c.d/n", 0 <= n <= 32.
    static Result<Subnet> parse(const QString &cidr);
    QString toString() const; // the network address: "172.18.0.0/16"
    quint32 mask() const { return prefix == 0 ? 0 : ~quint32(0) << (32 - prefix); }
    quint32 network() const { return address & mask(); }
    quint32 broadcast() const { return network() | ~mask(); }
    bool contains(quint32 ip) const { return (ip & mask()) == network(); }
    bool overlaps(const Subnet &other) const { return contains(other.network()) || other.contains(network()); }

    // Equal when they are the same network, whatever address each was given with.
    bool operator==(const Subnet &other) const { return network() == other.network() && prefix == other.prefix; }
};

// The subnet's first host address (".1"), docker's default gateway.
QHostAddress defaultGateway(const Subnet &subnet);

// The addresses of one network handed to its containers. A value: the
// caller builds it from the endpoints it has stored and keeps it or not.
class AddressPool {
public:
    AddressPool(Subnet subnet, QHostAddress gateway, const QList<QHostAddress> &inUse = {});

    // The lowest free address (never the network, broadcast or gateway
    // address), now in use. ResourceExhausted "allocate address in
    // \"10.0.0.0/30\": no free address" when there is none.
    Result<QHostAddress> allocate();
    // `ip` asked by the caller (docker run --ip), now in use.
    // InvalidArgument when outside the subnet or reserved, Conflict
    // "Address already in use" when taken.
    Result<> reserve(const QHostAddress &ip);
    // Frees `ip`; freeing an address not in use does nothing.
    void release(const QHostAddress &ip);
    bool inUse(const QHostAddress &ip) const;

private:
    Subnet subnet_;
    quint32 gateway_ = 0;
    QSet<quint32> used_;
};

// One of docker's default-address-pools: `base` cut in subnets of `size` bits.
struct PoolRange {
    Subnet base;
    int size = 0;
};

// docker's defaults: 172.17.0.0/16 ... 172.31.0.0/16, then 192.168.0.0/16 in /20s.
QList<PoolRange> defaultPools();

// The first subnet of `pools` (in order) overlapping none of `taken` (the
// other networks' subnets and hostSubnets()). ResourceExhausted with
// docker's message when every one overlaps.
Result<Subnet> chooseSubnet(const QList<PoolRange> &pools, const QList<Subnet> &taken);

// The subnets of `ip -j route` and `ip -j addr` output (the default route is
// not a subnet: it would overlap everything).
QList<Subnet> subnetsOfRoutes(const QByteArray &ipRouteJson);
QList<Subnet> subnetsOfAddresses(const QByteArray &ipAddrJson);
// Both, read from this host: what a new network must not overlap.
Result<QList<Subnet>> hostSubnets();

QString ipToString(quint32 ip);

} // namespace muelle::engine::network
