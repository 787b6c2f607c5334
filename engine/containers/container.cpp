#include "engine/containers/container.h"

#include "engine/containerspec/record.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <csignal>

namespace muelle::engine::containers {
namespace {

constexpr std::pair<Status, const char *> statusNames[] = {
    { Status::Created, "created" },
    { Status::Running, "running" },
    { Status::Paused, "paused" },
    { Status::Restarting, "restarting" },
    { Status::Exited, "exited" },
    { Status::Removing, "removing" },
    { Status::Dead, "dead" },
};

Status statusOf(const QString &name)
{
    for (const auto &[status, text] : statusNames) {
        if (name == QLatin1String(text))
            return status;
    }
    return Status::Dead;
}

QJsonObject stateJson(const State &state)
{
    return {
        { QStringLiteral("status"), statusName(state.status) },
        { QStringLiteral("pid"), state.pid },
        { QStringLiteral("exitCode"), state.exitCode },
        { QStringLiteral("oomKilled"), state.oomKilled },
        { QStringLiteral("error"), state.error },
        { QStringLiteral("startedAt"), state.startedAt },
        { QStringLiteral("finishedAt"), state.finishedAt },
        { QStringLiteral("restartCount"), state.restartCount },
        { QStringLiteral("stoppedByUser"), state.stoppedByUser },
    };
}

State stateOf(const QJsonObject &json)
{
    State state;
    state.status = statusOf(json.value(QStringLiteral("status")).toString());
    state.pid = json.value(QStringLiteral("pid")).toInt();
    state.exitCode = json.value(QStringLiteral("exitCode")).toInt();
    state.oomKilled = json.value(QStringLiteral("oomKilled")).toBool();
    state.error = json.value(QStringLiteral("error")).toString();
    state.startedAt = json.value(QStringLiteral("startedAt")).toString();
    state.finishedAt = json.value(QStringLiteral("finishedAt")).toString();
    state.restartCount = json.value(QStringLiteral("restartCount")).toInt();
    state.stoppedByUser = json.value(QStringLiteral("stoppedByUser")).toBool();
    return state;
}

} // namespace

QString nowRfc3339Nano()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const qint64 nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    return QDateTime::fromSecsSinceEpoch(nanos / 1'000'000'000, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QStringLiteral(".%1Z").arg(nanos % 1'000'000'000, 9, 10, QLatin1Char('0'));
}

QString randomId()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

std::optional<int> signalNumber(const QString &text)
{
    bool numeric = false;
    const int number = text.toInt(&numeric);
    if (numeric)
        return number > 0 && number <= 64 ? std::optional<int>(number) : std::nullopt;
    static const QHash<QString, int> names{ { QStringLiteral("HUP"), SIGHUP }, { QStringLiteral("INT"), SIGINT },
        { QStringLiteral("QUIT"), SIGQUIT }, { QStringLiteral("ILL"), SIGILL }, { QStringLiteral("TRAP"), SIGTRAP },
        { QStringLiteral("ABRT"), SIGABRT }, { QStringLiteral("BUS"), SIGBUS }, { QStringLiteral("FPE"), SIGFPE },
        { QStringLiteral("KILL"), SIGKILL }, { QStringLiteral("USR1"), SIGUSR1 }, { QStringLiteral("SEGV"), SIGSEGV },
        { QStringLiteral("USR2"), SIGUSR2 }, { QStringLiteral("PIPE"), SIGPIPE }, { QStringLiteral("ALRM"), SIGALRM },
        { QStringLiteral("TERM"), SIGTERM }, { QStringLiteral("CHLD"), SIGCHLD }, { QStringLiteral("CONT"), SIGCONT },
        { QStringLiteral("STOP"), SIGSTOP }, { QStringLiteral("TSTP"), SIGTSTP }, { QStringLiteral("TTIN"), SIGTTIN },
        { QStringLiteral("TTOU"), SIGTTOU }, { QStringLiteral("URG"), SIGURG }, { QStringLiteral("WINCH"), SIGWINCH },
        { QStringLiteral("IO"), SIGIO }, { QStringLiteral("PWR"), SIGPWR }, { QStringLiteral("SYS"), SIGSYS } };
    QString bare = text.toUpper();
    if (bare.startsWith(QLatin1String("SIG")))
        bare = bare.mid(3);
    if (!names.contains(bare))
        return std::nullopt;
    return names.value(bare);
}

QString statusName(Status status)
{
    for (const auto &[candidate, text] : statusNames) {
        if (candidate == status)
            return QLatin1String(text);
    }
    return QStringLiteral("dead");
}

QByteArray Container::toRecord() const
{
    QJsonArray ports;
    for (const PublishedPort &port : this->ports) {
        ports.append(QJsonObject{ { QStringLiteral("containerPort"), port.containerPort },
            { QStringLiteral("protocol"), port.protocol }, { QStringLiteral("hostIp"), port.hostIp },
            { QStringLiteral("hostPort"), port.hostPort } });
    }
    QJsonArray attachments;
    for (const NetworkAttachment &attachment : this->attachments) {
        const network::Endpoint &e = attachment.endpoint;
        attachments.append(QJsonObject{ { QStringLiteral("networkId"), attachment.networkId },
            { QStringLiteral("networkName"), attachment.networkName },
            { QStringLiteral("aliases"), QJsonArray::fromStringList(attachment.aliases) },
            { QStringLiteral("hostVeth"), e.hostVeth }, { QStringLiteral("ifname"), e.ifname },
            { QStringLiteral("ip"), e.ip.toString() }, { QStringLiteral("mac"), e.mac },
            { QStringLiteral("prefix"), e.prefix }, { QStringLiteral("gateway"), e.gateway.toString() } });
    }
    QJsonObject anonymousVolumesJson;
    for (auto it = anonymousVolumes.cbegin(); it != anonymousVolumes.cend(); ++it)
        anonymousVolumesJson.insert(it.key(), it.value());
    const QJsonObject record{
        { QStringLiteral("version"), currentRecordVersion },
        { QStringLiteral("id"), id },
        { QStringLiteral("name"), name },
        { QStringLiteral("image"), image.toString() },
        { QStringLiteral("imageName"), imageName },
        { QStringLiteral("created"), created.toString(Qt::ISODateWithMs) },
        { QStringLiteral("spec"), containerspec::specRecord(spec) },
        { QStringLiteral("state"), stateJson(state) },
        { QStringLiteral("driver"), driver },
        { QStringLiteral("ports"), ports },
        { QStringLiteral("attachments"), attachments },
        { QStringLiteral("extraNetworks"), QJsonArray::fromStringList(extraNetworks) },
        { QStringLiteral("anonymousVolumes"), anonymousVolumesJson },
        { QStringLiteral("execIds"), QJsonArray::fromStringList(execIds) },
    };
    return QJsonDocument(record).toJson(QJsonDocument::Compact);
}

Result<Container> Container::fromRecord(const QByteArray &record, bool *outdated)
{
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(record, &parseError).object();
    Container container;
    container.id = json.value(QStringLiteral("id")).toString();
    container.name = json.value(QStringLiteral("name")).toString();
    auto image = oci::Digest::parse(json.value(QStringLiteral("image")).toString());
    // Version 1 (muelled before 2026-12) kept the spec as Docker's create body.
    const int version = json.value(QStringLiteral("version")).toInt(1);
    if (version > currentRecordVersion)
        return fail(Code::DataLoss,
            QStringLiteral("container record %1 is of version %2, newer than this muelled reads (%3)")
                .arg(container.id)
                .arg(version)
                .arg(currentRecordVersion));
    const QJsonObject specJson = json.value(QStringLiteral("spec")).toObject();
    auto spec = version == 1 ? Spec::fromDockerJson(specJson) : containerspec::specFromRecord(specJson);
    if (container.id.isEmpty() || !image || !spec)
        return fail(Code::DataLoss,
            QStringLiteral("unreadable container record %1: %2")
                .arg(container.id,
                    parseError.error != QJsonParseError::NoError ? parseError.errorString()
                        : !spec                                  ? spec.error().message
                                                                 : QStringLiteral("no ID or image")));
    if (outdated)
        *outdated = version != currentRecordVersion;
    container.image = *image;
    container.spec = *spec;
    container.imageName = json.value(QStringLiteral("imageName")).toString();
    container.created = QDateTime::fromString(json.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    container.state = stateOf(json.value(QStringLiteral("state")).toObject());
    container.driver = json.value(QStringLiteral("driver")).toString();
    for (const QJsonValue &value : json.value(QStringLiteral("ports")).toArray()) {
        const QJsonObject port = value.toObject();
        container.ports.append(
            { port.value(QStringLiteral("containerPort")).toInt(), port.value(QStringLiteral("protocol")).toString(),
                port.value(QStringLiteral("hostIp")).toString(), port.value(QStringLiteral("hostPort")).toInt() });
    }
    for (const QJsonValue &value : json.value(QStringLiteral("attachments")).toArray()) {
        const QJsonObject a = value.toObject();
        NetworkAttachment attachment;
        attachment.networkId = a.value(QStringLiteral("networkId")).toString();
        attachment.networkName = a.value(QStringLiteral("networkName")).toString();
        for (const QJsonValue &alias : a.value(QStringLiteral("aliases")).toArray())
            attachment.aliases.append(alias.toString());
        network::Endpoint &e = attachment.endpoint;
        e.hostVeth = a.value(QStringLiteral("hostVeth")).toString();
        e.ifname = a.value(QStringLiteral("ifname")).toString();
        e.ip = QHostAddress(a.value(QStringLiteral("ip")).toString());
        e.mac = a.value(QStringLiteral("mac")).toString();
        e.prefix = a.value(QStringLiteral("prefix")).toInt();
        e.gateway = QHostAddress(a.value(QStringLiteral("gateway")).toString());
        container.attachments.append(attachment);
    }
    const QJsonObject anonymousVolumes = json.value(QStringLiteral("anonymousVolumes")).toObject();
    for (auto it = anonymousVolumes.begin(); it != anonymousVolumes.end(); ++it)
        container.anonymousVolumes.insert(it.key(), it.value().toString());
    for (const QJsonValue &value : json.value(QStringLiteral("extraNetworks")).toArray())
        container.extraNetworks.append(value.toString());
    for (const QJsonValue &value : json.value(QStringLiteral("execIds")).toArray())
        container.execIds.append(value.toString());
    return container;
}

Result<> transition(State &state, Status to)
{
    const Status from = state.status;
    if (from == to)
        return {};
    const auto edge = [&](Status a, std::initializer_list<Status> targets) {
        return from == a && std::find(targets.begin(), targets.end(), to) != targets.end();
    };
    const bool legal = edge(Status::Created, { Status::Running, Status::Removing })
        || edge(Status::Running, { Status::Paused, Status::Exited })
        || edge(Status::Paused, { Status::Running, Status::Exited })
        || edge(Status::Restarting, { Status::Running, Status::Exited })
        || edge(Status::Exited, { Status::Running, Status::Restarting, Status::Removing })
        || edge(Status::Removing, { Status::Dead }) || edge(Status::Dead, { Status::Removing });
    if (!legal)
        return fail(
            Code::FailedPrecondition, QStringLiteral("cannot go from %1 to %2").arg(statusName(from), statusName(to)));
    state.status = to;
    return {};
}

Result<> allowed(const Container &container, Action action)
{
    const Status status = container.state.status;
    const QString id = container.shortId();
    const auto notRunning = [&] { return fail(Code::Conflict, QStringLiteral("Container %1 is not running").arg(id)); };
    if (status == Status::Removing && action != Action::Remove)
        return fail(Code::Conflict, QStringLiteral("removal of container %1 is already in progress").arg(id));
    switch (action) {
    case Action::Start:
    case Action::Restart:
        if (status == Status::Paused) {
            return fail(Code::Conflict, QStringLiteral("cannot start a paused container, try unpause instead"));
        }
        if (status == Status::Dead)
            return fail(Code::Conflict, QStringLiteral("container is marked for removal and cannot be started"));
        return {};
    case Action::Stop:
        return {};
    case Action::Kill:
        if (!container.running())
            return fail(Code::Conflict,
                QStringLiteral("Cannot kill container: %1: Container %2 is not running").arg(container.name, id));
        return {};
    case Action::Pause:
        if (status == Status::Paused)
            return fail(Code::Conflict, QStringLiteral("Container %1 is already paused").arg(id));
        if (status != Status::Running)
            return notRunning();
        return {};
    case Action::Unpause:
        if (status != Status::Paused)
            return fail(Code::Conflict, QStringLiteral("Container %1 is not paused").arg(id));
        return {};
    case Action::Exec:
        if (status == Status::Paused)
            return fail(
                Code::Conflict, QStringLiteral("Container %1 is paused, unpause the container before exec").arg(id));
        if (status != Status::Running)
            return notRunning();
        return {};
    case Action::Attach:
        if (status == Status::Paused)
            return fail(Code::Conflict, QStringLiteral("You cannot attach to a paused container, unpause it first"));
        if (status == Status::Exited || status == Status::Dead)
            return fail(Code::Conflict, QStringLiteral("You cannot attach to a stopped container, start it first"));
        return {};
    case Action::Resize:
        if (!container.running())
            return notRunning();
        return {};
    case Action::Remove:
        if (status == Status::Removing)
            return fail(Code::Conflict, QStringLiteral("removal of container %1 is already in progress").arg(id));
        if (container.running()) {
            return fail(Code::Conflict,
                QStringLiteral("cannot remove container \"/%1\": container is running: stop the container before "
                               "removing or force remove")
                    .arg(container.name));
        }
        return {};
    }
    return {};
}

} // namespace muelle::engine::containers
