// A container's networks: its endpoints, made when it starts (the runtime
// has created its namespaces, its process has not run yet), its published
// ports, the /etc/hosts of the containers that share a user-defined network
// (so they find each other by name), and what goes when it exits.
#include "engine/containers/networking.h"

#include "engine/containers/logging.h"
#include "engine/containers/store.h"
#include "engine/network/service.h"

#include <QFile>

namespace muelle::engine::containers {
namespace {

bool joinsNoNetwork(const Spec &spec)
{
    return spec.networkMode == QLatin1String("none") || spec.networkMode == QLatin1String("host")
        || spec.networkMode.startsWith(QLatin1String("container:"));
}

QString primaryNetwork(const Spec &spec)
{
    return spec.networkMode == QLatin1String("default") ? QStringLiteral("bridge") : spec.networkMode;
}

bool userDefined(const QString &networkName)
{
    return networkName != QLatin1String("bridge");
}

// In place: the file is bind-mounted into running containers, and a new
// inode (an atomic rename) would not reach them.
void rewriteInPlace(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qCWarning(lcContainers).noquote() << "rewrite" << path << file.errorString();
}

network::PortBinding bindingOf(const PublishedPort &port)
{
    return { port.hostIp, port.hostPort, port.containerPort, port.protocol };
}

} // namespace

QStringList ContainerNetworking::networksOf(const Container &container) const
{
    if (joinsNoNetwork(container.spec))
        return {};
    QStringList networks{ primaryNetwork(container.spec) };
    for (const QString &id : container.extraNetworks) {
        auto extra = networks_.find(id);
        networks.append(extra ? extra->network.name : id);
    }
    return networks;
}

Result<> ContainerNetworking::join(Container &container, int pid)
{
    for (const QString &network : networksOf(container)) {
        if (auto joined = joinNetwork(container, pid, network, container.spec.networkIps.value(network)); !joined) {
            leave(container);
            return joined;
        }
    }
    if (!container.attachments.isEmpty()) {
        if (auto published = publishPorts(container, container.attachments.first().endpoint.ip); !published) {
            leave(container);
            return published;
        }
    }
    rewriteHosts(container);
    return store_.save(container);
}

Result<> ContainerNetworking::joinNetwork(Container &container, int pid, const QString &name, const QString &ip)
{
    auto network = networks_.find(name);
    if (!network)
        return fail(network.error());
    if (network->driver != QLatin1String("bridge"))
        return fail(Code::InvalidArgument,
            QStringLiteral("container cannot be disconnected from host network or connected to host network"));
    QString ifname;
    for (int n = 0; ifname.isEmpty(); ++n) {
        const QString candidate = QStringLiteral("eth%1").arg(n);
        if (std::none_of(container.attachments.begin(), container.attachments.end(),
                [&](const NetworkAttachment &a) { return a.endpoint.ifname == candidate; }))
            ifname = candidate;
    }
    auto endpoint = networks_.connect(network->network.id, container.id, pid, ip, ifname);
    if (!endpoint)
        return fail(endpoint.error());
    const QString networkName = network->network.name;
    container.attachments.append({ network->network.id, networkName, *endpoint,
        userDefined(networkName) ? container.spec.networkAliases.value(name) : QStringList() });
    if (userDefined(networkName))
        refreshHosts(network->network.id, container.id);
    return {};
}

Result<> ContainerNetworking::publishPorts(Container &container, const QHostAddress &ip)
{
    QList<PortBinding> wanted = container.spec.portBindings;
    if (container.spec.publishAllPorts) {
        for (const QString &exposed : container.spec.exposedPorts) {
            const int port = exposed.section(u'/', 0, 0).toInt();
            const QString protocol = exposed.section(u'/', 1, 1);
            const bool bound = std::any_of(wanted.begin(), wanted.end(),
                [&](const PortBinding &b) { return b.containerPort == port && b.protocol == protocol; });
            if (!bound && port > 0)
                wanted.append({ port, protocol.isEmpty() ? QStringLiteral("tcp") : protocol, QString(), 0 });
        }
    }
    for (const PortBinding &binding : wanted) {
        auto published
            = networks_.publish({ binding.hostIp, binding.hostPort, binding.containerPort, binding.protocol }, ip);
        if (!published)
            return fail(published.error().code,
                QStringLiteral("driver failed programming external connectivity on endpoint %1 (%2): %3")
                    .arg(container.name, container.attachments.first().endpoint.hostVeth, published.error().message));
        container.ports.append(
            { published->containerPort, published->protocol, published->hostIp, published->hostPort });
    }
    return {};
}

void ContainerNetworking::leave(Container &container)
{
    for (const PublishedPort &port : std::as_const(container.ports))
        networks_.unpublish(bindingOf(port));
    container.ports.clear();
    const QList<NetworkAttachment> attachments = std::exchange(container.attachments, {});
    for (const NetworkAttachment &attachment : attachments) {
        networks_.disconnect(attachment.networkId, container.id, attachment.endpoint);
        if (userDefined(attachment.networkName))
            refreshHosts(attachment.networkId, container.id);
    }
}

void ContainerNetworking::restore(Container &container)
{
    for (const NetworkAttachment &attachment : std::as_const(container.attachments))
        networks_.claim(attachment.networkId, container.id, attachment.endpoint);
    if (container.attachments.isEmpty())
        return;
    // The kernel's rules outlived the daemon; the loopback proxies did not.
    const QList<PublishedPort> ports = std::exchange(container.ports, {});
    for (const PublishedPort &port : ports) {
        auto published = networks_.publish(bindingOf(port), container.attachments.first().endpoint.ip);
        if (!published) {
            qCWarning(lcContainers).noquote() << "publish again" << container.name << published.error().message;
            continue;
        }
        container.ports.append(port);
    }
}

QByteArray ContainerNetworking::hostsFileOf(const Container &container) const
{
    const bool hostNetwork = container.spec.networkMode == QLatin1String("host");
    QByteArray hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                       "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n"
                       "ff02::2\tip6-allrouters\n";
    if (hostNetwork) {
        QFile host(QStringLiteral("/etc/hosts"));
        if (host.open(QIODevice::ReadOnly))
            hosts = host.readAll();
    }
    for (const QString &extra : container.spec.extraHosts) {
        const qsizetype colon = extra.indexOf(u':');
        hosts += extra.mid(colon + 1).toUtf8() + '\t' + extra.left(colon).toUtf8() + '\n';
    }
    QList<network::HostEntry> entries;
    const QString hostname = container.spec.hostname.isEmpty() ? container.shortId() : container.spec.hostname;
    for (const NetworkAttachment &own : container.attachments) {
        entries.append({ own.endpoint.ip, { hostname } });
        if (!userDefined(own.networkName))
            continue;
        for (const Container &other : store_.all()) {
            if (other.id == container.id)
                continue;
            for (const NetworkAttachment &theirs : other.attachments) {
                if (theirs.networkId == own.networkId)
                    entries.append({ theirs.endpoint.ip,
                        QStringList{ other.name } + theirs.aliases + QStringList{ other.shortId() } });
            }
        }
    }
    return hosts + network::hostsLines(entries);
}

void ContainerNetworking::refreshHosts(const QString &networkId, const QString &except)
{
    for (const Container &other : store_.all()) {
        if (other.id == except || !other.running())
            continue;
        const bool onIt = std::any_of(other.attachments.begin(), other.attachments.end(),
            [&](const NetworkAttachment &a) { return a.networkId == networkId; });
        if (onIt)
            rewriteHosts(other);
    }
}

Result<> ContainerNetworking::connect(const QString &name, const QString &network, const QString &ip)
{
    auto found = store_.lookup(name);
    if (!found)
        return fail(found.error());
    Container &container = **found;
    auto record = networks_.find(network);
    if (!record)
        return fail(record.error());
    if (joinsNoNetwork(container.spec))
        return fail(Code::InvalidArgument,
            QStringLiteral("container sharing network namespace with another container or host cannot be connected "
                           "to any other network"));
    if (networksOf(container).contains(record->network.name))
        return fail(Code::Conflict,
            QStringLiteral("endpoint with name %1 already exists in network %2")
                .arg(container.name, record->network.name));
    if (container.running()) {
        if (auto joined = joinNetwork(container, container.state.pid, record->network.id, ip); !joined)
            return joined;
        rewriteHosts(container);
    }
    container.extraNetworks.append(record->network.id);
    if (!ip.isEmpty())
        container.spec.networkIps.insert(record->network.name, ip);
    return store_.save(container);
}

Result<> ContainerNetworking::disconnect(const QString &name, const QString &network)
{
    auto found = store_.lookup(name);
    if (!found)
        return fail(found.error());
    Container &container = **found;
    auto record = networks_.find(network);
    if (!record)
        return fail(record.error());
    const QString id = record->network.id;
    if (!container.extraNetworks.contains(id)) {
        if (networksOf(container).value(0) == record->network.name)
            return fail(Code::Unimplemented,
                QStringLiteral("leaving the network a container was created on (%1) is not supported yet")
                    .arg(record->network.name));
        return fail(Code::NotFound,
            QStringLiteral("container %1 is not connected to network %2").arg(container.name, record->network.name));
    }
    for (qsizetype i = 0; i < container.attachments.size(); ++i) {
        if (container.attachments[i].networkId != id)
            continue;
        const NetworkAttachment attachment = container.attachments.takeAt(i);
        networks_.disconnect(id, container.id, attachment.endpoint);
        refreshHosts(id, container.id);
        rewriteHosts(container);
        break;
    }
    container.extraNetworks.removeAll(id);
    return store_.save(container);
}

void ContainerNetworking::rewriteHosts(const Container &container)
{
    rewriteInPlace(store_.paths().containerHosts(container.id), hostsFileOf(container));
}

} // namespace muelle::engine::containers
