#include "desktop/dbusengineclient.h"

#include "containersproxy.h"
#include "systemproxy.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QJsonDocument>

namespace muelle::desktop {

namespace {

const QString service = QStringLiteral("org.muelle.Engine1");

// Calls `then` with the finished call, on `context`'s thread.
void whenDone(QObject *context, const QDBusPendingCall &call, std::function<void(QDBusPendingCallWatcher &)> then)
{
    auto *watcher = new QDBusPendingCallWatcher(call, context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [watcher, then](QDBusPendingCallWatcher *) {
        watcher->deleteLater();
        then(*watcher);
    });
}

template <typename T> Result<T> jsonOf(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if constexpr (std::is_same_v<T, QJsonArray>) {
        if (error.error == QJsonParseError::NoError && document.isArray())
            return document.array();
    } else {
        if (error.error == QJsonParseError::NoError && document.isObject())
            return document.object();
    }
    return fail(
        Code::DataLoss, QStringLiteral("the engine sent JSON that does not parse: %1").arg(error.errorString()));
}

} // namespace

Error errorOf(const QDBusError &error)
{
    const QString name = error.name();
    static const QHash<QString, Code> engineCodes{ { QStringLiteral("NotFound"), Code::NotFound },
        { QStringLiteral("AlreadyExists"), Code::AlreadyExists },
        { QStringLiteral("InvalidArgument"), Code::InvalidArgument },
        { QStringLiteral("FailedPrecondition"), Code::FailedPrecondition },
        { QStringLiteral("Conflict"), Code::Conflict }, { QStringLiteral("PermissionDenied"), Code::PermissionDenied },
        { QStringLiteral("Unavailable"), Code::Unavailable },
        { QStringLiteral("ResourceExhausted"), Code::ResourceExhausted },
        { QStringLiteral("Unimplemented"), Code::Unimplemented } };
    if (name.startsWith(QLatin1String("org.muelle.Engine1.Error.")))
        return { engineCodes.value(name.section(u'.', -1), Code::Internal), error.message() };
    switch (error.type()) {
    case QDBusError::AccessDenied:
        return { Code::PermissionDenied,
            QStringLiteral("the engine refused: %1 (join the group muelle, or ask polkit)").arg(error.message()) };
    case QDBusError::ServiceUnknown:
    case QDBusError::NoReply:
    case QDBusError::Disconnected:
    case QDBusError::NoServer:
        return { Code::Unavailable,
            QStringLiteral("the engine is not running (start it: sudo systemctl start muelled)") };
    default:
        return { Code::Internal, QStringLiteral("%1: %2").arg(name, error.message()) };
    }
}

DbusEngineClient::DbusEngineClient(QDBusConnection bus, QObject *parent)
    : EngineClient(parent),
      bus_(bus),
      system_(std::make_unique<OrgMuelleEngine1SystemInterface>(
          service, QStringLiteral("/org/muelle/Engine1/System"), bus)),
      containers_(std::make_unique<OrgMuelleEngine1ContainersInterface>(
          service, QStringLiteral("/org/muelle/Engine1/Containers"), bus)),
      watcher_(new QDBusServiceWatcher(service, bus, QDBusServiceWatcher::WatchForOwnerChange, this))
{
    connect(system_.get(), &OrgMuelleEngine1SystemInterface::Event, this, &DbusEngineClient::onEvent);
    connect(watcher_, &QDBusServiceWatcher::serviceOwnerChanged, this,
        [this](const QString &, const QString &, const QString &owner) {
            connected_ = !owner.isEmpty();
            Q_EMIT connectedChanged(connected_);
        });
    // Stop and restart wait for the container (its stop timeout may be long).
    containers_->setTimeout(5 * 60 * 1000);
    connected_ = bus_.isConnected() && bus_.interface()->isServiceRegistered(service);
}

DbusEngineClient::~DbusEngineClient() = default;

bool DbusEngineClient::isConnected() const
{
    return connected_;
}

void DbusEngineClient::onEvent(const QString &json)
{
    auto event = jsonOf<QJsonObject>(json);
    if (event)
        Q_EMIT engineEvent(*event);
}

void DbusEngineClient::listContainers(std::function<void(Result<QJsonArray>)> done)
{
    whenDone(this, containers_->List({ { QStringLiteral("all"), true } }), [done](QDBusPendingCallWatcher &call) {
        const QDBusPendingReply<QString> reply = call;
        done(reply.isError() ? fail(errorOf(reply.error())) : jsonOf<QJsonArray>(reply.value()));
    });
}

void DbusEngineClient::inspectContainer(const QString &name, std::function<void(Result<QJsonObject>)> done)
{
    whenDone(this, containers_->Inspect(name, {}), [done](QDBusPendingCallWatcher &call) {
        const QDBusPendingReply<QString> reply = call;
        done(reply.isError() ? fail(errorOf(reply.error())) : jsonOf<QJsonObject>(reply.value()));
    });
}

void DbusEngineClient::containerAction(ContainerAction action, const QString &name, std::function<void(Result<>)> done)
{
    QDBusPendingReply<> call;
    switch (action) {
    case ContainerAction::Start:
        call = containers_->Start(name, {});
        break;
    case ContainerAction::Stop:
        call = containers_->Stop(name, {});
        break;
    case ContainerAction::Restart:
        call = containers_->Restart(name, {});
        break;
    case ContainerAction::Kill:
        call = containers_->Kill(name, {});
        break;
    case ContainerAction::Pause:
        call = containers_->Pause(name, {});
        break;
    case ContainerAction::Unpause:
        call = containers_->Unpause(name, {});
        break;
    case ContainerAction::Remove:
        call = containers_->Remove(name, { { QStringLiteral("force"), true } });
        break;
    }
    whenDone(this, call, [done](QDBusPendingCallWatcher &finished) {
        done(finished.isError() ? Result<>(fail(errorOf(finished.error()))) : Result<>());
    });
}

} // namespace muelle::desktop
