#include "engine/network/service.h"

#include "engine/events/events.h"
#include "engine/metadata/metadata.h"
#include "engine/network/bridge.h"
#include "engine/network/firewall.h"
#include "engine/network/logging.h"
#include "engine/network/ports.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace muelle::engine::network {
namespace {

const QString bridgeName = QStringLiteral("bridge");
const QString hostName = QStringLiteral("host");
const QString noneName = QStringLiteral("none");

QString randomNetworkId()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject mapJson(const QMap<QString, QString> &map)
{
    QJsonObject json;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

QMap<QString, QString> mapOf(const QJsonObject &json)
{
    QMap<QString, QString> map;
    for (auto it = json.begin(); it != json.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

Result<QHostAddress> ipv4(const QString &text, const QString &what)
{
    QHostAddress address;
    if (!address.setAddress(text) || address.protocol() != QAbstractSocket::IPv4Protocol)
        return fail(Code::InvalidArgument, QStringLiteral("invalid %1 address: %2").arg(what, text));
    return address;
}

} // namespace

bool NetworkRecord::predefined() const
{
    return network.name == bridgeName || network.name == hostName || network.name == noneName;
}

QByteArray NetworkRecord::toRecord() const
{
    QJsonObject json{ { QStringLiteral("id"), network.id }, { QStringLiteral("name"), network.name },
        { QStringLiteral("driver"), driver }, { QStringLiteral("created"), created.toString(Qt::ISODateWithMs) },
        { QStringLiteral("labels"), mapJson(labels) }, { QStringLiteral("options"), mapJson(options) } };
    if (driver == bridgeName) {
        json.insert(QStringLiteral("bridge"), network.bridge);
        json.insert(QStringLiteral("subnet"), network.subnet.toString());
        json.insert(QStringLiteral("gateway"), network.gateway.toString());
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

Result<NetworkRecord> NetworkRecord::fromRecord(const QByteArray &bytes)
{
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    NetworkRecord record;
    record.network.id = json.value(QStringLiteral("id")).toString();
    record.network.name = json.value(QStringLiteral("name")).toString();
    record.driver = json.value(QStringLiteral("driver")).toString();
    record.created = QDateTime::fromString(json.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    record.labels = mapOf(json.value(QStringLiteral("labels")).toObject());
    record.options = mapOf(json.value(QStringLiteral("options")).toObject());
    if (record.network.id.isEmpty() || record.network.name.isEmpty())
        return fail(Code::DataLoss, QStringLiteral("a network record without an ID or name"));
    if (record.driver == bridgeName) {
        record.network.bridge = json.value(QStringLiteral("bridge")).toString();
        auto subnet = Subnet::parse(json.value(QStringLiteral("subnet")).toString());
        if (!subnet)
            return fail(
                Code::DataLoss, QStringLiteral("network %1: %2").arg(record.network.name, subnet.error().message));
        record.network.subnet = *subnet;
        record.network.gateway = QHostAddress(json.value(QStringLiteral("gateway")).toString());
    }
    return record;
}

NetworkService::NetworkService(
    Settings settings, metadata::Metadata &metadata, events::EventBus &events, QObject *parent)
    : QObject(parent),
      settings_(std::move(settings)),
      metadata_(metadata),
      events_(events),
      firewall_(makeFirewall({ detectFirewallBackend(), settings_.firewallTable, settings_.firewallTable.toUpper() })),
      bridges_(std::make_unique<BridgeDriver>(*firewall_)),
      ports_(new PortMapper(*firewall_, this))
{
}

// The port mapper goes first (a child would outlive the firewall it uses).
NetworkService::~NetworkService()
{
    delete ports_;
}

Result<> NetworkService::open()
{
    auto rows = metadata_.networks();
    if (!rows)
        return fail(rows.error());
    for (const metadata::NetworkRow &row : *rows) {
        auto record = NetworkRecord::fromRecord(row.record);
        if (!record) {
            qCWarning(lcNetwork).noquote() << record.error().message;
            continue;
        }
        networks_.insert(record->network.id, *record);
    }
    for (const QString &name : { bridgeName, hostName, noneName }) {
        if (find(name))
            continue;
        NetworkRecord record;
        record.network.id = randomNetworkId();
        record.network.name = name;
        record.driver = name == noneName ? QStringLiteral("null") : name;
        record.created = QDateTime::currentDateTimeUtc();
        if (name == bridgeName) {
            auto subnet = freeSubnet();
            if (!subnet)
                return fail(subnet.error());
            record.network.bridge = settings_.defaultBridge;
            record.network.subnet = *subnet;
            record.network.gateway = defaultGateway(*subnet);
        }
        if (auto saved = save(record); !saved)
            return saved;
    }
    return {};
}

Result<> NetworkService::save(const NetworkRecord &record)
{
    if (auto put = metadata_.putNetwork({ record.network.id, record.network.name, record.toRecord() }); !put)
        return put;
    networks_.insert(record.network.id, record);
    return {};
}

Result<Subnet> NetworkService::freeSubnet() const
{
    auto taken = hostSubnets();
    if (!taken)
        return fail(taken.error());
    for (const NetworkRecord &record : networks_) {
        if (record.driver == bridgeName)
            taken->append(record.network.subnet);
    }
    return chooseSubnet(defaultPools(), *taken);
}

Result<NetworkRecord> NetworkService::find(const QString &name) const
{
    if (!name.isEmpty()) {
        if (auto it = networks_.find(name); it != networks_.end())
            return *it;
        for (const NetworkRecord &record : networks_) {
            if (record.network.name == name)
                return record;
        }
        QList<const NetworkRecord *> matches;
        for (const NetworkRecord &record : networks_) {
            if (record.network.id.startsWith(name))
                matches.append(&record);
        }
        if (matches.size() > 1)
            return fail(Code::InvalidArgument,
                QStringLiteral("network %1 is ambiguous (%2 matches found based on ID prefix)")
                    .arg(name)
                    .arg(matches.size()));
        if (matches.size() == 1)
            return *matches.first();
    }
    return fail(Code::NotFound, QStringLiteral("network %1 not found").arg(name));
}

QList<NetworkRecord> NetworkService::list() const
{
    return networks_.values();
}

Result<NetworkRecord> NetworkService::create(const CreateNetwork &options)
{
    static const QRegularExpression validName(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"));
    if (!validName.match(options.name).hasMatch())
        return fail(Code::InvalidArgument,
            QStringLiteral("invalid network name \"%1\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
                .arg(options.name));
    if (options.driver != bridgeName)
        return fail(Code::NotFound, QStringLiteral("plugin \"%1\" not found").arg(options.driver));
    if (std::any_of(networks_.cbegin(), networks_.cend(),
            [&](const NetworkRecord &other) { return other.network.name == options.name; }))
        return fail(Code::Conflict, QStringLiteral("network with name %1 already exists").arg(options.name));

    NetworkRecord record;
    record.network.id = randomNetworkId();
    record.network.name = options.name;
    record.network.bridge = bridgeNameFor(record.network.id);
    record.driver = bridgeName;
    record.created = QDateTime::currentDateTimeUtc();
    record.labels = options.labels;
    record.options = options.options;
    if (options.subnet.isEmpty()) {
        if (!options.gateway.isEmpty())
            return fail(Code::InvalidArgument, QStringLiteral("a gateway needs a subnet (--subnet)"));
        auto subnet = freeSubnet();
        if (!subnet)
            return fail(subnet.error());
        record.network.subnet = *subnet;
    } else {
        auto subnet = Subnet::parse(options.subnet);
        if (!subnet)
            return fail(subnet.error());
        if (subnet->prefix > 30)
            return fail(
                Code::InvalidArgument, QStringLiteral("subnet %1 is too small for a network").arg(options.subnet));
        for (const NetworkRecord &other : networks_) {
            if (other.driver == bridgeName && other.network.subnet.overlaps(*subnet))
                return fail(Code::Conflict,
                    QStringLiteral("Pool overlaps with other one on this address space (network %1, %2)")
                        .arg(other.network.name, other.network.subnet.toString()));
        }
        record.network.subnet = *subnet;
    }
    record.network.gateway = defaultGateway(record.network.subnet);
    if (!options.gateway.isEmpty()) {
        auto gateway = ipv4(options.gateway, QStringLiteral("gateway"));
        if (!gateway)
            return fail(gateway.error());
        const quint32 ip = gateway->toIPv4Address();
        const Subnet &subnet = record.network.subnet;
        if (!subnet.contains(ip) || ip == subnet.network() || ip == subnet.broadcast())
            return fail(Code::InvalidArgument,
                QStringLiteral("no matching subnet for gateway %1 in %2").arg(options.gateway, subnet.toString()));
        record.network.gateway = *gateway;
    }
    if (auto ensured = bridges_->ensureBridge(record.network); !ensured)
        return fail(ensured.error());
    if (auto saved = save(record); !saved) {
        static_cast<void>(bridges_->removeBridge(record.network));
        return fail(saved.error());
    }
    bridgesUp_.insert(record.network.id);
    announce(record, QStringLiteral("create"));
    return record;
}

Result<> NetworkService::remove(const QString &name)
{
    auto record = find(name);
    if (!record)
        return fail(record.error());
    if (record->predefined())
        return fail(Code::PermissionDenied,
            QStringLiteral("%1 is a pre-defined network and cannot be removed").arg(record->network.name));
    const QString id = record->network.id;
    if (!endpoints_.value(id).isEmpty())
        return fail(Code::Conflict,
            QStringLiteral("error while removing network: network %1 id %2 has active endpoints")
                .arg(record->network.name, id));
    if (auto removed = bridges_->removeBridge(record->network); !removed)
        qCWarning(lcNetwork).noquote() << removed.error().message;
    if (auto removed = metadata_.removeNetwork(id); !removed)
        return removed;
    networks_.remove(id);
    bridgesUp_.remove(id);
    endpoints_.remove(id);
    if (auto emptied = firewall_->removeIfUnused(); !emptied)
        qCWarning(lcNetwork).noquote() << emptied.error().message;
    announce(*record, QStringLiteral("destroy"));
    return {};
}

QStringList NetworkService::prune()
{
    QStringList removed;
    const QList<NetworkRecord> records = networks_.values();
    for (const NetworkRecord &record : records) {
        if (record.predefined() || !endpoints_.value(record.network.id).isEmpty())
            continue;
        if (remove(record.network.id))
            removed.append(record.network.name);
    }
    return removed;
}

Result<Endpoint> NetworkService::connect(
    const QString &networkId, const QString &containerId, int pid, const QString &wantedIp, const QString &ifname)
{
    auto it = networks_.find(networkId);
    if (it == networks_.end())
        return fail(Code::NotFound, QStringLiteral("network %1 not found").arg(networkId));
    const Network network = it->network;
    if (it->driver != bridgeName)
        return fail(Code::InvalidArgument,
            QStringLiteral("container cannot be disconnected from host network or connected to host network"));
    if (endpoints_.value(networkId).contains(containerId))
        return fail(Code::Conflict,
            QStringLiteral("endpoint with name %1 already exists in network %2")
                .arg(containerId.left(12), network.name));
    AddressPool pool(network.subnet, network.gateway, endpoints_.value(networkId).values());
    Result<QHostAddress> ip = fail(Code::Internal, QString());
    if (wantedIp.isEmpty()) {
        ip = pool.allocate();
    } else if (auto wanted = ipv4(wantedIp, QStringLiteral("IPv4")); !wanted) {
        ip = fail(wanted.error());
    } else if (auto reserved = pool.reserve(*wanted); !reserved) {
        ip = fail(reserved.error());
    } else {
        ip = *wanted;
    }
    if (!ip)
        return fail(ip.error());
    if (!bridgesUp_.contains(networkId)) {
        if (auto ensured = bridges_->ensureBridge(network); !ensured)
            return fail(ensured.error());
        bridgesUp_.insert(networkId);
    }
    auto endpoint = bridges_->attach(network, pid, *ip, QString(), ifname);
    if (!endpoint)
        return fail(endpoint.error());
    endpoints_[networkId].insert(containerId, endpoint->ip);
    announce(*it, QStringLiteral("connect"), containerId);
    return endpoint;
}

void NetworkService::disconnect(const QString &networkId, const QString &containerId, const Endpoint &endpoint)
{
    if (auto detached = bridges_->detach(endpoint); !detached)
        qCWarning(lcNetwork).noquote() << detached.error().message;
    auto network = endpoints_.find(networkId);
    if (network == endpoints_.end() || !network->remove(containerId))
        return;
    if (network->isEmpty())
        endpoints_.erase(network);
    if (auto it = networks_.find(networkId); it != networks_.end())
        announce(*it, QStringLiteral("disconnect"), containerId);
}

void NetworkService::claim(const QString &networkId, const QString &containerId, const Endpoint &endpoint)
{
    endpoints_[networkId].insert(containerId, endpoint.ip);
    bridgesUp_.insert(networkId);
}

QStringList NetworkService::endpointsOf(const QString &networkId) const
{
    return endpoints_.value(networkId).keys();
}

Result<PortBinding> NetworkService::publish(const PortBinding &binding, const QHostAddress &containerIp)
{
    return ports_->publish(binding, containerIp);
}

void NetworkService::unpublish(const PortBinding &published)
{
    if (auto done = ports_->unpublish(published); !done)
        qCWarning(lcNetwork).noquote() << done.error().message;
}

void NetworkService::announce(const NetworkRecord &record, const QString &action, const QString &containerId)
{
    QHash<QString, QString> attributes{ { QStringLiteral("name"), record.network.name },
        { QStringLiteral("type"), record.driver } };
    if (!containerId.isEmpty())
        attributes.insert(QStringLiteral("container"), containerId);
    events_.publish({ QStringLiteral("network"), action, record.network.id, attributes, 0 });
}

} // namespace muelle::engine::network
