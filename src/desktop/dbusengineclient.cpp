#include "desktop/dbusengineclient.h"

#include "containersproxy.h"
#include "imagesproxy.h"
#include "networksproxy.h"
#include "systemproxy.h"
#include "volumesproxy.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QJsonDocument>
#include <QLocalSocket>

#include <unistd.h>

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

Result<QJsonValue> jsonOf(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && document.isArray())
        return document.array();
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    return fail(
        Code::DataLoss, QStringLiteral("the engine sent JSON that does not parse: %1").arg(error.errorString()));
}

QList<QVariant> argumentsOf(const Request &request)
{
    QList<QVariant> arguments;
    for (const QString &argument : request.arguments)
        arguments.append(argument);
    arguments.append(request.options);
    return arguments;
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
      watcher_(new QDBusServiceWatcher(service, bus, QDBusServiceWatcher::WatchForOwnerChange, this))
{
    const QString root = QStringLiteral("/org/muelle/Engine1/");
    auto *system = new OrgMuelleEngine1SystemInterface(service, root + QStringLiteral("System"), bus, this);
    auto *containers = new OrgMuelleEngine1ContainersInterface(service, root + QStringLiteral("Containers"), bus, this);
    auto *images = new OrgMuelleEngine1ImagesInterface(service, root + QStringLiteral("Images"), bus, this);
    nouns_ = { { QStringLiteral("System"), system }, { QStringLiteral("Containers"), containers },
        { QStringLiteral("Images"), images },
        { QStringLiteral("Volumes"),
            new OrgMuelleEngine1VolumesInterface(service, root + QStringLiteral("Volumes"), bus, this) },
        { QStringLiteral("Networks"),
            new OrgMuelleEngine1NetworksInterface(service, root + QStringLiteral("Networks"), bus, this) } };
    // Stop and restart wait for the container (its stop timeout may be long).
    for (QDBusAbstractInterface *noun : std::as_const(nouns_))
        noun->setTimeout(5 * 60 * 1000);
    connect(system, &OrgMuelleEngine1SystemInterface::Event, this, [this](const QString &json) {
        if (auto event = jsonOf(json))
            Q_EMIT engineEvent(event->toObject());
    });
    connect(containers, &OrgMuelleEngine1ContainersInterface::Stats, this, [this](const QString &json) {
        if (auto samples = jsonOf(json))
            Q_EMIT statsSampled(samples->toArray());
    });
    connect(images, &OrgMuelleEngine1ImagesInterface::Progress, this, [this](const QString &job, const QString &json) {
        if (auto messages = jsonOf(json))
            Q_EMIT jobProgress(job, messages->toArray());
    });
    connect(images, &OrgMuelleEngine1ImagesInterface::Finished, this,
        [this](const QString &job, const QString &error, const QString &message) {
            Q_EMIT jobFinished(job, error.isEmpty() ? QString() : message.isEmpty() ? error : message);
        });
    connect(watcher_, &QDBusServiceWatcher::serviceOwnerChanged, this,
        [this](const QString &, const QString &, const QString &owner) {
            connected_ = !owner.isEmpty();
            Q_EMIT connectedChanged(connected_);
        });
    connected_ = bus_.isConnected() && bus_.interface()->isServiceRegistered(service);
}

DbusEngineClient::~DbusEngineClient() = default;

bool DbusEngineClient::isConnected() const
{
    return connected_;
}

void DbusEngineClient::call(const Request &request, std::function<void(Result<QJsonValue>)> done)
{
    QDBusAbstractInterface *noun = nouns_.value(request.noun);
    if (!noun)
        return done(fail(Code::InvalidArgument, QStringLiteral("the engine has no %1").arg(request.noun)));
    whenDone(this, noun->asyncCallWithArgumentList(request.method, argumentsOf(request)),
        [done](QDBusPendingCallWatcher &call) {
            const QDBusMessage reply = call.reply();
            if (call.isError())
                return done(fail(errorOf(call.error())));
            const QList<QVariant> values = reply.arguments();
            if (values.isEmpty())
                return done(QJsonValue());
            // JSON documents, or a plain string (a job's ID).
            const QString text = values.first().toString();
            if (!text.startsWith(u'{') && !text.startsWith(u'['))
                return done(QJsonValue(text));
            done(jsonOf(text));
        });
}

void DbusEngineClient::openLogs(
    const QString &container, const QVariantMap &options, std::function<void(Result<LogStream>)> done)
{
    Request request{ QStringLiteral("Containers"), QStringLiteral("Logs"), { container }, options };
    whenDone(this, nouns_.value(request.noun)->asyncCallWithArgumentList(request.method, argumentsOf(request)),
        [done](QDBusPendingCallWatcher &call) {
            const QDBusPendingReply<QDBusUnixFileDescriptor> reply = call;
            if (reply.isError())
                return done(fail(errorOf(reply.error())));
            // The reply owns its descriptor; the socket gets its own copy.
            const int fd = ::dup(reply.value().fileDescriptor());
            auto socket = std::make_unique<QLocalSocket>();
            if (fd < 0 || !socket->setSocketDescriptor(fd, QLocalSocket::ConnectedState, QIODevice::ReadOnly)) {
                if (fd >= 0)
                    ::close(fd);
                return done(fail(Code::Internal, QStringLiteral("cannot read the log the engine sent")));
            }
            done(LogStream{ std::move(socket), true });
        });
}

} // namespace muelle::desktop
