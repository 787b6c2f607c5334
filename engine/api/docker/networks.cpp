#include "engine/api/docker/networks.h"

#include "engine/api/docker/json.h"
#include "engine/containers/service.h"
#include "engine/network/service.h"

#include <QJsonArray>

namespace muelle::engine::docker {
namespace {

using network::NetworkRecord;

QJsonObject networkJson(const NetworkRecord &record, const QList<containers::Container> &all)
{
    const network::Network &n = record.network;
    QJsonObject members;
    for (const containers::Container &container : all) {
        for (const containers::NetworkAttachment &attachment : container.attachments) {
            if (attachment.networkId != n.id)
                continue;
            const network::Endpoint &e = attachment.endpoint;
            members.insert(container.id,
                QJsonObject{ { QStringLiteral("Name"), container.name }, { QStringLiteral("EndpointID"), e.hostVeth },
                    { QStringLiteral("MacAddress"), e.mac },
                    { QStringLiteral("IPv4Address"), QStringLiteral("%1/%2").arg(e.ip.toString()).arg(e.prefix) },
                    { QStringLiteral("IPv6Address"), QString() } });
        }
    }
    QJsonArray ipamConfig;
    QMap<QString, QString> options = record.options;
    if (record.driver == QLatin1String("bridge")) {
        ipamConfig.append(QJsonObject{
            { QStringLiteral("Subnet"), n.subnet.toString() }, { QStringLiteral("Gateway"), n.gateway.toString() } });
        options.insert(QStringLiteral("com.docker.network.bridge.name"), n.bridge);
        if (record.predefined())
            options.insert(QStringLiteral("com.docker.network.bridge.default_bridge"), QStringLiteral("true"));
    }
    return {
        { QStringLiteral("Name"), n.name },
        { QStringLiteral("Id"), n.id },
        { QStringLiteral("Created"), record.created.toString(Qt::ISODateWithMs) },
        { QStringLiteral("Scope"), QStringLiteral("local") },
        { QStringLiteral("Driver"), record.driver },
        { QStringLiteral("EnableIPv6"), false },
        { QStringLiteral("IPAM"),
            QJsonObject{ { QStringLiteral("Driver"), QStringLiteral("default") },
                { QStringLiteral("Options"), QJsonValue::Null }, { QStringLiteral("Config"), ipamConfig } } },
        { QStringLiteral("Internal"), false },
        { QStringLiteral("Attachable"), false },
        { QStringLiteral("Ingress"), false },
        { QStringLiteral("ConfigFrom"), QJsonObject{ { QStringLiteral("Network"), QString() } } },
        { QStringLiteral("ConfigOnly"), false },
        { QStringLiteral("Containers"), members },
        { QStringLiteral("Options"), stringMap(options) },
        { QStringLiteral("Labels"), stringMap(record.labels) },
    };
}

QList<containers::Container> everyContainer(Engine &engine)
{
    containers::ListOptions options;
    options.all = true;
    return engine.containers.store().list(options).value_or(QList<containers::Container>());
}

bool matches(const NetworkRecord &record, const QHash<QString, QStringList> &filters)
{
    const auto any = [&](const QString &key, const std::function<bool(const QString &)> &test) {
        const QStringList wanted = filters.value(key);
        return wanted.isEmpty() || std::any_of(wanted.begin(), wanted.end(), test);
    };
    const network::Network &n = record.network;
    return any(QStringLiteral("name"), [&](const QString &v) { return n.name.contains(v); })
        && any(QStringLiteral("id"), [&](const QString &v) { return n.id.startsWith(v); })
        && any(QStringLiteral("driver"), [&](const QString &v) { return record.driver == v; })
        && any(QStringLiteral("scope"), [&](const QString &v) { return v == QLatin1String("local"); })
        && any(QStringLiteral("type"),
            [&](const QString &v) {
                return v == (record.predefined() ? QLatin1String("builtin") : QLatin1String("custom"));
            })
        && any(QStringLiteral("label"), [&](const QString &v) {
               const QString key = v.section(u'=', 0, 0);
               return record.labels.contains(key)
                   && (!v.contains(u'=') || record.labels.value(key) == v.section(u'=', 1));
           });
}

Result<network::CreateNetwork> createOptions(const QJsonObject &body)
{
    network::CreateNetwork options;
    options.name = body.value(QStringLiteral("Name")).toString();
    if (options.name.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("network name must not be empty"));
    const QString driver = body.value(QStringLiteral("Driver")).toString();
    if (!driver.isEmpty())
        options.driver = driver;
    options.labels = stringMapOf(body.value(QStringLiteral("Labels")));
    options.options = stringMapOf(body.value(QStringLiteral("Options")));
    if (!options.options.isEmpty())
        return fail(Code::Unimplemented,
            QStringLiteral("network driver options are not supported by muelle yet: %1")
                .arg(options.options.keys().join(QStringLiteral(", "))));
    if (body.value(QStringLiteral("EnableIPv6")).toBool())
        return fail(Code::Unimplemented, QStringLiteral("IPv6 networks are not supported by muelle yet"));
    if (body.value(QStringLiteral("Internal")).toBool())
        return fail(Code::Unimplemented, QStringLiteral("internal networks are not supported by muelle yet"));
    const QJsonObject ipam = body.value(QStringLiteral("IPAM")).toObject();
    const QString ipamDriver = ipam.value(QStringLiteral("Driver")).toString();
    if (!ipamDriver.isEmpty() && ipamDriver != QLatin1String("default"))
        return fail(Code::NotFound, QStringLiteral("plugin \"%1\" not found").arg(ipamDriver));
    const QJsonArray configs = ipam.value(QStringLiteral("Config")).toArray();
    if (configs.size() > 1)
        return fail(Code::Unimplemented, QStringLiteral("a network of several subnets is not supported by muelle yet"));
    if (!configs.isEmpty()) {
        const QJsonObject config = configs.first().toObject();
        if (!config.value(QStringLiteral("IPRange")).toString().isEmpty()
            || !config.value(QStringLiteral("AuxiliaryAddresses")).toObject().isEmpty())
            return fail(
                Code::Unimplemented, QStringLiteral("--ip-range and --aux-address are not supported by muelle yet"));
        options.subnet = config.value(QStringLiteral("Subnet")).toString();
        options.gateway = config.value(QStringLiteral("Gateway")).toString();
    }
    return options;
}

} // namespace

QJsonArray networksJson(Engine &engine, const QHash<QString, QStringList> &filters)
{
    const QList<containers::Container> all = everyContainer(engine);
    QList<NetworkRecord> records = engine.networks.list();
    std::sort(records.begin(), records.end(),
        [](const NetworkRecord &a, const NetworkRecord &b) { return a.network.name < b.network.name; });
    QJsonArray list;
    for (const NetworkRecord &record : std::as_const(records)) {
        if (matches(record, filters))
            list.append(networkJson(record, all));
    }
    return list;
}

Result<QJsonObject> networkJson(Engine &engine, const QString &name)
{
    auto record = engine.networks.find(name);
    if (!record)
        return fail(record.error());
    return networkJson(*record, everyContainer(engine));
}

Result<QJsonObject> createNetwork(Engine &engine, const QJsonObject &body)
{
    auto options = createOptions(body);
    if (!options)
        return fail(options.error());
    auto created = engine.networks.create(*options);
    if (!created)
        return fail(created.error());
    return QJsonObject{ { QStringLiteral("Id"), created->network.id }, { QStringLiteral("Warning"), QString() } };
}

QJsonObject pruneNetworks(Engine &engine)
{
    const QStringList removed = engine.networks.prune();
    return { { QStringLiteral("NetworksDeleted"),
        removed.isEmpty() ? QJsonValue() : QJsonArray::fromStringList(removed) } };
}

} // namespace muelle::engine::docker
