#include "engine/network/bridge.h"

#include "engine/network/command_p.h"
#include "engine/network/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <sys/stat.h>

namespace muelle::engine::network {
namespace {

Result<> ip(const QStringList &args, const QString &what)
{
    if (auto done = run(QStringList{ QStringLiteral("ip") } + args); !done)
        return fail(done.error().context(what));
    return {};
}

Result<> deleteLink(const QString &name, const QString &what)
{
    auto done = ip({ QStringLiteral("link"), QStringLiteral("del"), name }, what);
    if (!done && done.error().code == Code::NotFound)
        return {};
    return done;
}

Result<> enableForwarding()
{
    const QString path = QStringLiteral("/proc/sys/net/ipv4/ip_forward");
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && file.readAll().trimmed() == "1")
        return {};
    file.close();
    if (!file.open(QIODevice::WriteOnly) || file.write("1\n") != 2)
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(path, file.errorString()));
    return {};
}

// The process must have a network namespace of its own: configuring eth0
// and a default route in the host's would break the host.
Result<> checkOwnNetns(int pid, const QString &what)
{
    const QByteArray path = QStringLiteral("/proc/%1/ns/net").arg(pid).toUtf8();
    struct stat theirs { };
    struct stat ours { };
    if (pid <= 0 || ::stat(path.constData(), &theirs) != 0)
        return fail(Code::NotFound, what + QStringLiteral(": no such process"));
    if (::stat("/proc/self/ns/net", &ours) == 0 && ours.st_ino == theirs.st_ino && ours.st_dev == theirs.st_dev)
        return fail(Code::FailedPrecondition, what + QStringLiteral(": the process uses the host's network namespace"));
    return {};
}

QString randomVeth()
{
    return QStringLiteral("veth%1").arg(QRandomGenerator::global()->bounded(1u << 28), 7, 16, QLatin1Char('0'));
}

Result<> checkNetwork(const Network &network, const QString &what)
{
    bool ipv4 = false;
    const quint32 gateway = network.gateway.toIPv4Address(&ipv4);
    if (network.bridge.isEmpty() || network.bridge.size() > 15 || network.bridge.contains(u'/'))
        return fail(Code::InvalidArgument, what + QStringLiteral(": invalid bridge name"));
    if (!ipv4 || !network.subnet.contains(gateway))
        return fail(
            Code::InvalidArgument, what + QStringLiteral(": gateway not in subnet ") + network.subnet.toString());
    return {};
}

} // namespace

Result<> BridgeDriver::ensureBridge(const Network &network)
{
    const QString what = QStringLiteral("create bridge \"%1\"").arg(network.bridge);
    if (auto valid = checkNetwork(network, what); !valid)
        return valid;
    auto link = run({ QStringLiteral("ip"), QStringLiteral("-j"), QStringLiteral("-d"), QStringLiteral("link"),
        QStringLiteral("show"), QStringLiteral("dev"), network.bridge });
    if (!link && link.error().code != Code::NotFound)
        return fail(link.error().context(what));
    if (link) {
        const QJsonValue info = QJsonDocument::fromJson(*link).array().at(0)[QLatin1String("linkinfo")];
        if (info[QLatin1String("info_kind")].toString() != QLatin1String("bridge"))
            return fail(Code::FailedPrecondition, what + QStringLiteral(": a link of that name is not a bridge"));
    } else if (auto added = ip({ QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("name"), network.bridge,
                                   QStringLiteral("type"), QStringLiteral("bridge") },
                   what);
               !added && added.error().code != Code::AlreadyExists) {
        return added;
    }
    const QString address = network.gateway.toString() + u'/' + QString::number(network.subnet.prefix);
    if (auto set
        = ip({ QStringLiteral("addr"), QStringLiteral("replace"), address, QStringLiteral("dev"), network.bridge },
            what);
        !set)
        return set;
    if (auto up = ip({ QStringLiteral("link"), QStringLiteral("set"), network.bridge, QStringLiteral("up") }, what);
        !up)
        return up;
    if (auto forwarding = enableForwarding(); !forwarding)
        return fail(forwarding.error().context(what));
    if (auto nat = firewall_.addMasquerade(network.bridge, network.subnet); !nat)
        return fail(nat.error().context(what));
    qCDebug(lcNetwork) << "bridge" << network.bridge << address << "ready";
    return {};
}

Result<> BridgeDriver::removeBridge(const Network &network)
{
    const QString what = QStringLiteral("remove bridge \"%1\"").arg(network.bridge);
    if (auto nat = firewall_.removeMasquerade(network.bridge); !nat)
        return fail(nat.error().context(what));
    if (auto removed = deleteLink(network.bridge, what); !removed)
        return removed;
    if (auto unused = firewall_.removeIfUnused(); !unused)
        return fail(unused.error().context(what));
    return {};
}

Result<Endpoint> BridgeDriver::attach(
    const Network &network, int containerPid, const QHostAddress &address, const QString &mac, const QString &ifname)
{
    const QString what = QStringLiteral("attach \"%1\" to \"%2\"").arg(containerPid).arg(network.bridge);
    if (auto valid = checkNetwork(network, what); !valid)
        return fail(valid.error());
    bool ipv4 = false;
    const quint32 ipValue = address.toIPv4Address(&ipv4);
    if (!ipv4 || !network.subnet.contains(ipValue))
        return fail(
            Code::InvalidArgument, what + QStringLiteral(": address not in subnet ") + network.subnet.toString());
    if (auto own = checkOwnNetns(containerPid, what); !own)
        return fail(own.error());

    Endpoint endpoint{ randomVeth(), ifname, address, mac.isEmpty() ? macFor(address) : mac.toLower(),
        network.subnet.prefix, network.gateway };
    // The peer is born inside the container's namespace under its final name.
    if (auto added = ip({ QStringLiteral("link"), QStringLiteral("add"), endpoint.hostVeth, QStringLiteral("type"),
                            QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), ifname,
                            QStringLiteral("netns"), QString::number(containerPid) },
            what);
        !added)
        return fail(added.error());
    auto undo = [&](const Error &error) {
        static_cast<void>(deleteLink(endpoint.hostVeth, what));
        return fail(error);
    };
    if (auto plugged = ip({ QStringLiteral("link"), QStringLiteral("set"), endpoint.hostVeth, QStringLiteral("master"),
                              network.bridge, QStringLiteral("up") },
            what);
        !plugged)
        return undo(plugged.error());
    // The first network's gateway is the default route; a network joined
    // later (eth1, ...) only adds its subnet's route.
    QString script = QStringLiteral("link set %1 address %2\n"
                                    "addr add %3/%4 dev %1\n"
                                    "link set lo up\n"
                                    "link set %1 up\n")
                         .arg(ifname, endpoint.mac, address.toString())
                         .arg(network.subnet.prefix);
    if (ifname == QLatin1String("eth0"))
        script += QStringLiteral("route replace default via %1 dev %2\n").arg(network.gateway.toString(), ifname);
    if (auto inside = runInNetns(
            containerPid, { QStringLiteral("ip"), QStringLiteral("-batch"), QStringLiteral("-") }, script.toUtf8());
        !inside)
        return undo(inside.error().context(what));
    return endpoint;
}

Result<> BridgeDriver::detach(const Endpoint &endpoint)
{
    return deleteLink(endpoint.hostVeth, QStringLiteral("detach \"%1\"").arg(endpoint.hostVeth));
}

} // namespace muelle::engine::network
