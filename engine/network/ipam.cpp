#include "engine/network/ipam.h"

#include "engine/network/command_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::network {
namespace {

std::optional<quint32> parseIpv4(const QString &text)
{
    bool ok = false;
    const quint32 ip = QHostAddress(text).toIPv4Address(&ok);
    // QHostAddress also takes "10" or "::ffff:10.0.0.1"; only dotted quads are addresses here.
    if (!ok || text.count(u'.') != 3 || text.contains(u':'))
        return std::nullopt;
    return ip;
}

quint32 toIpv4(const QHostAddress &address)
{
    bool ok = false;
    const quint32 ip = address.toIPv4Address(&ok);
    return ok ? ip : 0;
}

QJsonArray parseArray(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

} // namespace

Result<Subnet> Subnet::parse(const QString &cidr)
{
    auto invalid = [&](const QString &why) {
        return fail(Code::InvalidArgument, QStringLiteral("invalid subnet \"%1\": %2").arg(cidr, why));
    };
    const qsizetype slash = cidr.indexOf(u'/');
    if (slash < 0)
        return invalid(QStringLiteral("no prefix length"));
    const auto address = parseIpv4(cidr.left(slash));
    if (!address)
        return invalid(QStringLiteral("not an IPv4 address"));
    bool ok = false;
    const int prefix = cidr.mid(slash + 1).toInt(&ok);
    if (!ok || prefix < 0 || prefix > 32)
        return invalid(QStringLiteral("bad prefix length"));
    return Subnet{ *address, prefix };
}

QString Subnet::toString() const
{
    return ipToString(network()) + u'/' + QString::number(prefix);
}

QString ipToString(quint32 ip)
{
    return QHostAddress(ip).toString();
}

QHostAddress defaultGateway(const Subnet &subnet)
{
    return QHostAddress(subnet.network() + 1);
}

AddressPool::AddressPool(Subnet subnet, QHostAddress gateway, const QList<QHostAddress> &inUse)
    : subnet_(subnet), gateway_(toIpv4(gateway))
{
    for (const QHostAddress &ip : inUse)
        used_.insert(toIpv4(ip));
}

Result<QHostAddress> AddressPool::allocate()
{
    // A /31 or /32 has no host addresses besides network and broadcast.
    for (quint64 ip = quint64(subnet_.network()) + 1; ip < subnet_.broadcast(); ++ip) {
        if (quint32(ip) == gateway_ || used_.contains(quint32(ip)))
            continue;
        used_.insert(quint32(ip));
        return QHostAddress(quint32(ip));
    }
    return fail(
        Code::ResourceExhausted, QStringLiteral("allocate address in \"%1\": no free address").arg(subnet_.toString()));
}

Result<> AddressPool::reserve(const QHostAddress &address)
{
    const QString what = QStringLiteral("reserve address \"%1\"").arg(address.toString());
    bool ok = false;
    const quint32 ip = address.toIPv4Address(&ok);
    if (!ok || !subnet_.contains(ip))
        return fail(Code::InvalidArgument, what + QStringLiteral(": not in subnet ") + subnet_.toString());
    if (ip == subnet_.network() || ip == subnet_.broadcast() || ip == gateway_)
        return fail(Code::InvalidArgument, what + QStringLiteral(": reserved address"));
    if (used_.contains(ip))
        return fail(Code::Conflict, what + QStringLiteral(": Address already in use"));
    used_.insert(ip);
    return {};
}

void AddressPool::release(const QHostAddress &ip)
{
    used_.remove(toIpv4(ip));
}

bool AddressPool::inUse(const QHostAddress &ip) const
{
    return used_.contains(toIpv4(ip));
}

QList<PoolRange> defaultPools()
{
    QList<PoolRange> pools;
    for (quint32 second = 17; second <= 31; ++second)
        pools.append({ Subnet{ (172u << 24) | (second << 16), 16 }, 16 });
    pools.append({ Subnet{ (192u << 24) | (168u << 16), 16 }, 20 });
    return pools;
}

Result<Subnet> chooseSubnet(const QList<PoolRange> &pools, const QList<Subnet> &taken)
{
    for (const PoolRange &pool : pools) {
        if (pool.size < pool.base.prefix || pool.size > 32)
            continue;
        const quint64 step = quint64(1) << (32 - pool.size);
        for (quint64 net = pool.base.network(); net <= pool.base.broadcast(); net += step) {
            const Subnet candidate{ quint32(net), pool.size };
            if (std::none_of(taken.begin(), taken.end(), [&](const Subnet &t) { return t.overlaps(candidate); }))
                return candidate;
        }
    }
    return fail(Code::ResourceExhausted,
        QStringLiteral("could not find an available, non-overlapping IPv4 address pool among the defaults to "
                       "assign to the network"));
}

QList<Subnet> subnetsOfRoutes(const QByteArray &ipRouteJson)
{
    QList<Subnet> subnets;
    for (const QJsonValue &route : parseArray(ipRouteJson)) {
        const QString dst = route[QLatin1String("dst")].toString();
        if (dst.isEmpty() || dst == QLatin1String("default"))
            continue;
        // A host route ("10.1.2.3") has no prefix length.
        auto subnet = Subnet::parse(dst.contains(u'/') ? dst : dst + QStringLiteral("/32"));
        if (subnet && subnet->prefix > 0)
            subnets.append(*subnet);
    }
    return subnets;
}

QList<Subnet> subnetsOfAddresses(const QByteArray &ipAddrJson)
{
    QList<Subnet> subnets;
    for (const QJsonValue &link : parseArray(ipAddrJson)) {
        for (const QJsonValue &info : link[QLatin1String("addr_info")].toArray()) {
            if (info[QLatin1String("family")].toString() != QLatin1String("inet"))
                continue;
            const QString cidr = info[QLatin1String("local")].toString() + u'/'
                + QString::number(info[QLatin1String("prefixlen")].toInt());
            if (auto subnet = Subnet::parse(cidr); subnet && subnet->prefix > 0)
                subnets.append(*subnet);
        }
    }
    return subnets;
}

Result<QList<Subnet>> hostSubnets()
{
    auto routes = run({ QStringLiteral("ip"), QStringLiteral("-j"), QStringLiteral("-4"), QStringLiteral("route"),
        QStringLiteral("show"), QStringLiteral("table"), QStringLiteral("all") });
    if (!routes)
        return fail(routes.error().context(QStringLiteral("list routes \"host\"")));
    auto addresses = run({ QStringLiteral("ip"), QStringLiteral("-j"), QStringLiteral("addr") });
    if (!addresses)
        return fail(addresses.error().context(QStringLiteral("list addresses \"host\"")));
    return subnetsOfRoutes(*routes) + subnetsOfAddresses(*addresses);
}

} // namespace muelle::engine::network
