#include "engine/api/docker/containers.h"

#include "base/humanduration.h"

#include "engine/containers/service.h"
#include "engine/containerspec/spec.h"
#include "engine/images/images.h"

#include <QJsonArray>

namespace muelle::engine::docker {
namespace {

using containers::Container;
using containers::Status;

const QString zeroTime = QStringLiteral("0001-01-01T00:00:00Z");

QString timeOr(const QString &time)
{
    return time.isEmpty() ? zeroTime : time;
}

QDateTime parsed(const QString &rfc3339)
{
    return QDateTime::fromString(rfc3339.left(19) + u'Z', Qt::ISODate);
}

QJsonArray portsJson(const Container &container)
{
    QJsonArray ports;
    for (const containers::PublishedPort &port : container.ports) {
        ports.append(QJsonObject{ { QStringLiteral("PrivatePort"), port.containerPort },
            { QStringLiteral("PublicPort"), port.hostPort }, { QStringLiteral("Type"), port.protocol },
            { QStringLiteral("IP"), port.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : port.hostIp } });
    }
    for (const QString &exposed : container.spec.exposedPorts) {
        const QStringList parts = exposed.split(u'/');
        const int number = parts.value(0).toInt();
        const QString protocol = parts.value(1, QStringLiteral("tcp"));
        const bool published = std::any_of(container.ports.begin(), container.ports.end(),
            [&](const containers::PublishedPort &p) { return p.containerPort == number && p.protocol == protocol; });
        if (!published)
            ports.append(
                QJsonObject{ { QStringLiteral("PrivatePort"), number }, { QStringLiteral("Type"), protocol } });
    }
    return ports;
}

QString statusText(const Container &container)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (container.state.status) {
    case Status::Created:
        return QStringLiteral("Created");
    case Status::Running:
    case Status::Paused: {
        const QString up = QStringLiteral("Up ") + humanDuration(parsed(container.state.startedAt).secsTo(now));
        return container.state.status == Status::Paused ? up + QStringLiteral(" (Paused)") : up;
    }
    case Status::Restarting:
        return QStringLiteral("Restarting (%1) %2 ago")
            .arg(container.state.exitCode)
            .arg(humanDuration(parsed(container.state.finishedAt).secsTo(now)));
    case Status::Removing:
        return QStringLiteral("Removal In Progress");
    case Status::Dead:
        return QStringLiteral("Dead");
    case Status::Exited:
        break;
    }
    if (container.state.finishedAt.isEmpty())
        return QStringLiteral("Exited (%1)").arg(container.state.exitCode);
    return QStringLiteral("Exited (%1) %2 ago")
        .arg(container.state.exitCode)
        .arg(humanDuration(parsed(container.state.finishedAt).secsTo(now)));
}

QJsonObject endpointJson(const containers::NetworkAttachment *attachment)
{
    const network::Endpoint endpoint = attachment ? attachment->endpoint : network::Endpoint();
    const auto address = [](const QHostAddress &ip) { return ip.isNull() ? QString() : ip.toString(); };
    return { { QStringLiteral("IPAMConfig"), QJsonValue::Null }, { QStringLiteral("Links"), QJsonValue::Null },
        { QStringLiteral("Aliases"),
            attachment && !attachment->aliases.isEmpty() ? QJsonValue(QJsonArray::fromStringList(attachment->aliases))
                                                         : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("NetworkID"), attachment ? attachment->networkId : QString() },
        { QStringLiteral("EndpointID"), endpoint.hostVeth }, { QStringLiteral("Gateway"), address(endpoint.gateway) },
        { QStringLiteral("IPAddress"), address(endpoint.ip) }, { QStringLiteral("IPPrefixLen"), endpoint.prefix },
        { QStringLiteral("IPv6Gateway"), QString() }, { QStringLiteral("GlobalIPv6Address"), QString() },
        { QStringLiteral("GlobalIPv6PrefixLen"), 0 }, { QStringLiteral("MacAddress"), endpoint.mac },
        { QStringLiteral("DriverOpts"), QJsonValue::Null } };
}

QJsonObject networkSettings(const Container &container, const QStringList &networkNames)
{
    QJsonObject ports;
    for (const QString &exposed : container.spec.exposedPorts)
        ports.insert(exposed, QJsonValue::Null);
    for (const containers::PublishedPort &port : container.ports) {
        const QString key = QStringLiteral("%1/%2").arg(port.containerPort).arg(port.protocol);
        QJsonArray bindings = ports.value(key).toArray();
        bindings.append(
            QJsonObject{ { QStringLiteral("HostIp"), port.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : port.hostIp },
                { QStringLiteral("HostPort"), QString::number(port.hostPort) } });
        ports.insert(key, bindings);
    }
    QJsonObject networks;
    const QString mode = container.spec.networkMode;
    if (mode == QLatin1String("none") || mode == QLatin1String("host"))
        networks.insert(mode, endpointJson(nullptr));
    const containers::NetworkAttachment *onBridge = nullptr;
    for (const QString &name : networkNames) {
        const containers::NetworkAttachment *attachment = nullptr;
        for (const containers::NetworkAttachment &a : container.attachments) {
            if (a.networkName == name)
                attachment = &a;
        }
        if (attachment && name == QLatin1String("bridge"))
            onBridge = attachment;
        networks.insert(name, endpointJson(attachment));
    }
    // The top-level fields are the default bridge's, as Docker shows them.
    const QJsonObject bridge = endpointJson(onBridge);
    QJsonObject settings{ { QStringLiteral("Bridge"), QString() }, { QStringLiteral("SandboxID"), QString() },
        { QStringLiteral("SandboxKey"), QString() }, { QStringLiteral("Ports"), ports },
        { QStringLiteral("Networks"), networks } };
    for (const char *key : { "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
             "GlobalIPv6PrefixLen", "MacAddress" })
        settings.insert(QLatin1String(key), bridge.value(QLatin1String(key)));
    return settings;
}

// `volumesDir`: where volumes live ("" leaves their sources out, as in lists).
QJsonArray mountsJson(const Container &container, const QString &volumesDir)
{
    QJsonArray mounts;
    const auto volumeJson = [&](const QString &name, const QString &target, bool readOnly) {
        return QJsonObject{ { QStringLiteral("Type"), QStringLiteral("volume") }, { QStringLiteral("Name"), name },
            { QStringLiteral("Source"),
                volumesDir.isEmpty() ? QString() : volumesDir + u'/' + name + QStringLiteral("/_data") },
            { QStringLiteral("Destination"), target }, { QStringLiteral("Driver"), QStringLiteral("local") },
            { QStringLiteral("Mode"), QStringLiteral("z") }, { QStringLiteral("RW"), !readOnly },
            { QStringLiteral("Propagation"), QString() } };
    };
    for (const containerspec::Mount &mount : container.spec.mounts) {
        if (mount.type == containerspec::MountType::Volume) {
            mounts.append(volumeJson(mount.source, mount.target, mount.readOnly));
            continue;
        }
        const bool bind = mount.type == containerspec::MountType::Bind;
        mounts.append(QJsonObject{ { QStringLiteral("Type"), bind ? QStringLiteral("bind") : QStringLiteral("tmpfs") },
            { QStringLiteral("Source"), mount.source }, { QStringLiteral("Destination"), mount.target },
            { QStringLiteral("Mode"), QString() }, { QStringLiteral("RW"), !mount.readOnly },
            { QStringLiteral("Propagation"),
                bind ? (mount.propagation.isEmpty() ? QStringLiteral("rprivate") : mount.propagation) : QString() } });
    }
    for (auto it = container.anonymousVolumes.cbegin(); it != container.anonymousVolumes.cend(); ++it)
        mounts.append(volumeJson(it.value(), it.key(), false));
    return mounts;
}

} // namespace

QStringList commandOf(const Container &container, const oci::ImageConfig &image)
{
    const containerspec::Spec &spec = container.spec;
    QStringList entrypoint = spec.entrypoint.value_or(image.entrypoint);
    if (entrypoint == QStringList{ QString() })
        entrypoint.clear();
    // An entrypoint given at create drops the image's cmd, as Docker does.
    const QStringList cmd = spec.cmd ? *spec.cmd : spec.entrypoint ? QStringList() : image.cmd;
    return entrypoint + cmd;
}

QJsonObject inspectJson(
    const Container &container, const oci::ImageConfig &image, const Paths &paths, const QStringList &networks)
{
    const containers::State &state = container.state;
    const QStringList command = commandOf(container, image);
    QJsonObject config = container.spec.configJson();
    config.insert(QStringLiteral("Image"), container.imageName);
    if (config.value(QStringLiteral("Cmd")).isNull() && !container.spec.entrypoint)
        config.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(image.cmd));
    if (config.value(QStringLiteral("Entrypoint")).isNull() && !image.entrypoint.isEmpty())
        config.insert(QStringLiteral("Entrypoint"), QJsonArray::fromStringList(image.entrypoint));
    if (config.value(QStringLiteral("Hostname")).toString().isEmpty())
        config.insert(QStringLiteral("Hostname"), container.shortId());
    QStringList env = image.env;
    env += container.spec.env;
    config.insert(QStringLiteral("Env"), QJsonArray::fromStringList(env));
    return {
        { QStringLiteral("Id"), container.id },
        { QStringLiteral("Created"), container.created.toString(Qt::ISODateWithMs) },
        { QStringLiteral("Path"), command.value(0) },
        { QStringLiteral("Args"), QJsonArray::fromStringList(command.mid(1)) },
        { QStringLiteral("State"),
            QJsonObject{ { QStringLiteral("Status"), containers::statusName(state.status) },
                { QStringLiteral("Running"), state.status == Status::Running || state.status == Status::Paused },
                { QStringLiteral("Paused"), state.status == Status::Paused },
                { QStringLiteral("Restarting"), state.status == Status::Restarting },
                { QStringLiteral("OOMKilled"), state.oomKilled },
                { QStringLiteral("Dead"), state.status == Status::Dead },
                { QStringLiteral("Pid"),
                    state.status == Status::Running || state.status == Status::Paused ? state.pid : 0 },
                { QStringLiteral("ExitCode"), state.exitCode }, { QStringLiteral("Error"), state.error },
                { QStringLiteral("StartedAt"), timeOr(state.startedAt) },
                { QStringLiteral("FinishedAt"), timeOr(state.finishedAt) } } },
        { QStringLiteral("Image"), container.image.toString() },
        { QStringLiteral("ResolvConfPath"), paths.containerResolvConf(container.id) },
        { QStringLiteral("HostnamePath"), paths.containerHostname(container.id) },
        { QStringLiteral("HostsPath"), paths.containerHosts(container.id) },
        { QStringLiteral("LogPath"),
            container.spec.logType == QLatin1String("none") ? QString() : paths.containerLog(container.id) },
        { QStringLiteral("Name"), u'/' + container.name },
        { QStringLiteral("RestartCount"), state.restartCount },
        { QStringLiteral("Driver"), container.driver },
        { QStringLiteral("Platform"), QStringLiteral("linux") },
        { QStringLiteral("MountLabel"), QString() },
        { QStringLiteral("ProcessLabel"), QString() },
        { QStringLiteral("AppArmorProfile"), QString() },
        { QStringLiteral("ExecIDs"),
            container.execIds.isEmpty() ? QJsonValue() : QJsonArray::fromStringList(container.execIds) },
        { QStringLiteral("HostConfig"), container.spec.hostConfigJson() },
        { QStringLiteral("GraphDriver"),
            QJsonObject{ { QStringLiteral("Name"), container.driver }, { QStringLiteral("Data"), QJsonValue() } } },
        { QStringLiteral("Mounts"), mountsJson(container, paths.volumesDir()) },
        { QStringLiteral("Config"), config },
        { QStringLiteral("NetworkSettings"), networkSettings(container, networks) },
    };
}

QJsonObject listEntryJson(const Container &container, const oci::ImageConfig &image, const QStringList &networks)
{
    QJsonObject labels;
    for (auto it = container.spec.labels.cbegin(); it != container.spec.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    const QJsonObject settings = networkSettings(container, networks);
    return {
        { QStringLiteral("Id"), container.id },
        { QStringLiteral("Names"), QJsonArray{ u'/' + container.name } },
        { QStringLiteral("Image"), container.imageName },
        { QStringLiteral("ImageID"), container.image.toString() },
        { QStringLiteral("Command"), commandOf(container, image).join(u' ') },
        { QStringLiteral("Created"), container.created.toSecsSinceEpoch() },
        { QStringLiteral("Ports"), portsJson(container) },
        { QStringLiteral("Labels"), labels },
        { QStringLiteral("State"), containers::statusName(container.state.status) },
        { QStringLiteral("Status"), statusText(container) },
        { QStringLiteral("HostConfig"), QJsonObject{ { QStringLiteral("NetworkMode"), container.spec.networkMode } } },
        { QStringLiteral("NetworkSettings"),
            QJsonObject{ { QStringLiteral("Networks"), settings.value(QStringLiteral("Networks")) } } },
        { QStringLiteral("Mounts"), mountsJson(container, QString()) },
    };
}

void insertSizes(QJsonObject &entry, Engine &engine, const containers::Container &container)
{
    const qint64 writable = engine.containers.store().writableSize(container);
    auto image = engine.images.metadata().image(container.image);
    entry.insert(QStringLiteral("SizeRw"), writable);
    entry.insert(QStringLiteral("SizeRootFs"), writable + (image ? image->size : 0));
}

} // namespace muelle::engine::docker
