#include "desktop/dbusengineclient.h"

#include "containersproxy.h"
#include "imagesproxy.h"
#include "networksproxy.h"
#include "registriesproxy.h"
#include "systemproxy.h"
#include "volumesproxy.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QJsonDocument>
#include <QLocalSocket>

#include <sys/socket.h>
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

// Answers `done` once the call returns: with nothing (T void: a method
// that answers nothing), the string the method answers (T QString: a job's
// ID), or that string's JSON (T QJsonObject or QJsonArray). The reply is
// the proxy's own, so answering what the method does not fails to compile.
template <typename T, typename... Out>
void answer(QObject *context, const QDBusPendingReply<Out...> &call, std::function<void(Result<T>)> done)
{
    if constexpr (std::is_void_v<T>)
        static_assert(sizeof...(Out) == 0, "the method answers something");
    else
        static_assert(
            std::is_same_v<QDBusPendingReply<Out...>, QDBusPendingReply<QString>>, "the method answers no string");
    whenDone(context, call, [done = std::move(done)](QDBusPendingCallWatcher &watcher) {
        const QDBusPendingReply<Out...> reply = watcher;
        if (reply.isError())
            return done(fail(errorOf(reply.error())));
        if constexpr (std::is_void_v<T>)
            done(Result<>());
        else if constexpr (std::is_same_v<T, QString>)
            done(reply.value());
        else
            done(jsonOf<T>(reply.value().toUtf8()));
    });
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Stop's and Restart's options.
QVariantMap timeoutOption(std::optional<int> timeoutSeconds)
{
    return timeoutSeconds ? QVariantMap{ { QStringLiteral("timeout"), *timeoutSeconds } } : QVariantMap();
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
        { QStringLiteral("Unimplemented"), Code::Unimplemented },
        { QStringLiteral("Unauthenticated"), Code::Unauthenticated } };
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
      system_(new OrgMuelleEngine1SystemInterface(service, QStringLiteral("/org/muelle/Engine1/System"), bus, this)),
      containers_(new OrgMuelleEngine1ContainersInterface(
          service, QStringLiteral("/org/muelle/Engine1/Containers"), bus, this)),
      images_(new OrgMuelleEngine1ImagesInterface(service, QStringLiteral("/org/muelle/Engine1/Images"), bus, this)),
      volumes_(new OrgMuelleEngine1VolumesInterface(service, QStringLiteral("/org/muelle/Engine1/Volumes"), bus, this)),
      networks_(
          new OrgMuelleEngine1NetworksInterface(service, QStringLiteral("/org/muelle/Engine1/Networks"), bus, this)),
      registries_(new OrgMuelleEngine1RegistriesInterface(
          service, QStringLiteral("/org/muelle/Engine1/Registries"), bus, this)),
      watcher_(new QDBusServiceWatcher(service, bus, QDBusServiceWatcher::WatchForOwnerChange, this))
{
    // Stop and restart wait for the container (its stop timeout may be long).
    for (QDBusAbstractInterface *proxy : std::initializer_list<QDBusAbstractInterface *>{
             system_, containers_, images_, volumes_, networks_, registries_ })
        proxy->setTimeout(5 * 60 * 1000);
    connect(system_, &OrgMuelleEngine1SystemInterface::Event, this, [this](const QString &json) {
        if (auto event = jsonOf<QJsonObject>(json.toUtf8()))
            Q_EMIT engineEvent(*event);
    });
    connect(containers_, &OrgMuelleEngine1ContainersInterface::Stats, this, [this](const QString &json) {
        if (auto samples = jsonOf<QJsonArray>(json.toUtf8()))
            Q_EMIT statsSampled(*samples);
    });
    connect(images_, &OrgMuelleEngine1ImagesInterface::Progress, this, [this](const QString &job, const QString &json) {
        if (auto messages = jsonOf<QJsonArray>(json.toUtf8()))
            Q_EMIT jobProgress(job, *messages);
    });
    connect(images_, &OrgMuelleEngine1ImagesInterface::Finished, this,
        [this](const QString &job, const QString &error, const QString &message) {
            Q_EMIT jobFinished(job, error.isEmpty() ? QString() : message.isEmpty() ? error : message);
        });
    // Sent to this connection alone (the engine's Search targets its caller).
    connect(registries_, &OrgMuelleEngine1RegistriesInterface::SearchResults, this,
        [this](const QString &job, const QString &registry, const QString &json) {
            auto results = jsonOf<QJsonArray>(json.toUtf8());
            if (results)
                Q_EMIT searchResults(job, registry, *results);
            else
                Q_EMIT searchFailed(job, registry, results.error().message);
        });
    connect(registries_, &OrgMuelleEngine1RegistriesInterface::SearchFailed, this,
        [this](const QString &job, const QString &registry, const QString &, const QString &message) {
            Q_EMIT searchFailed(job, registry, message);
        });
    connect(registries_, &OrgMuelleEngine1RegistriesInterface::SearchFinished, this,
        [this](const QString &job) { Q_EMIT searchFinished(job); });
    connect(images_, &OrgMuelleEngine1ImagesInterface::BuildStep, this, &EngineClient::buildStep);
    connect(images_, &OrgMuelleEngine1ImagesInterface::BuildStepDone, this, &EngineClient::buildStepDone);
    connect(images_, &OrgMuelleEngine1ImagesInterface::BuildOutput, this, &EngineClient::buildOutput);
    connect(images_, &OrgMuelleEngine1ImagesInterface::BuildFinished, this,
        [this](const QString &job, const QString &image, const QStringList &tags, const QString &error,
            const QString &message, int line) {
            Q_EMIT buildFinished(job, image, tags,
                error.isEmpty()         ? QString()
                    : message.isEmpty() ? error
                                        : message,
                line);
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

// System

void DbusEngineClient::version(JsonReply done)
{
    answer(this, system_->Version({}), std::move(done));
}

void DbusEngineClient::info(JsonReply done)
{
    answer(this, system_->Info({}), std::move(done));
}

void DbusEngineClient::diskUsage(JsonReply done)
{
    answer(this, system_->DiskUsage({}), std::move(done));
}

// Containers

void DbusEngineClient::listContainers(bool all, ListReply done)
{
    answer(this, containers_->List({ { QStringLiteral("all"), all } }), std::move(done));
}

void DbusEngineClient::inspectContainer(const QString &name, JsonReply done)
{
    answer(this, containers_->Inspect(name, {}), std::move(done));
}

void DbusEngineClient::createContainer(const QJsonObject &config, const QString &name, JsonReply done)
{
    QVariantMap options;
    if (!name.isEmpty())
        options.insert(QStringLiteral("name"), name);
    answer(this, containers_->Create(compact(config), options), std::move(done));
}

void DbusEngineClient::startContainer(const QString &name, Done done)
{
    answer(this, containers_->Start(name, {}), std::move(done));
}

void DbusEngineClient::stopContainer(const QString &name, std::optional<int> timeoutSeconds, Done done)
{
    answer(this, containers_->Stop(name, timeoutOption(timeoutSeconds)), std::move(done));
}

void DbusEngineClient::restartContainer(const QString &name, std::optional<int> timeoutSeconds, Done done)
{
    answer(this, containers_->Restart(name, timeoutOption(timeoutSeconds)), std::move(done));
}

void DbusEngineClient::killContainer(const QString &name, const QString &signal, Done done)
{
    QVariantMap options;
    if (!signal.isEmpty())
        options.insert(QStringLiteral("signal"), signal);
    answer(this, containers_->Kill(name, options), std::move(done));
}

void DbusEngineClient::pauseContainer(const QString &name, Done done)
{
    answer(this, containers_->Pause(name, {}), std::move(done));
}

void DbusEngineClient::unpauseContainer(const QString &name, Done done)
{
    answer(this, containers_->Unpause(name, {}), std::move(done));
}

void DbusEngineClient::removeContainer(const QString &name, bool force, bool volumes, Done done)
{
    answer(this,
        containers_->Remove(name, { { QStringLiteral("force"), force }, { QStringLiteral("volumes"), volumes } }),
        std::move(done));
}

void DbusEngineClient::containerProcesses(const QString &name, const QString &psArgs, JsonReply done)
{
    QVariantMap options;
    if (!psArgs.isEmpty())
        options.insert(QStringLiteral("ps_args"), psArgs);
    answer(this, containers_->Top(name, options), std::move(done));
}

void DbusEngineClient::containerLogs(const QString &name, const LogOptions &options, LogReply done)
{
    QVariantMap given{ { QStringLiteral("follow"), options.follow },
        { QStringLiteral("timestamps"), options.timestamps } };
    if (options.tail >= 0)
        given.insert(QStringLiteral("tail"), options.tail);
    if (options.since > 0)
        given.insert(QStringLiteral("since"), options.since);
    whenDone(this, containers_->Logs(name, given), [done = std::move(done)](QDBusPendingCallWatcher &call) {
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

void DbusEngineClient::statsHistory(const QString &name, StatsResolution resolution, ListReply done)
{
    const QString given = resolution == StatsResolution::Minute ? QStringLiteral("minute") : QStringLiteral("second");
    answer(this, containers_->StatsHistory(name, { { QStringLiteral("resolution"), given } }), std::move(done));
}

// Images

void DbusEngineClient::listImages(ListReply done)
{
    answer(this, images_->List({}), std::move(done));
}

void DbusEngineClient::inspectImage(const QString &name, JsonReply done)
{
    answer(this, images_->Inspect(name, {}), std::move(done));
}

void DbusEngineClient::imageHistory(const QString &name, ListReply done)
{
    answer(this, images_->History(name, {}), std::move(done));
}

void DbusEngineClient::tagImage(const QString &name, const QString &target, Done done)
{
    answer(this, images_->Tag(name, target, {}), std::move(done));
}

void DbusEngineClient::removeImage(const QString &name, bool force, ListReply done)
{
    answer(this, images_->Remove(name, { { QStringLiteral("force"), force } }), std::move(done));
}

void DbusEngineClient::pullImage(const QString &reference, const QString &platform, TextReply job)
{
    QVariantMap options;
    if (!platform.isEmpty())
        options.insert(QStringLiteral("platform"), platform);
    answer(this, images_->Pull(reference, options), std::move(job));
}

void DbusEngineClient::pushImage(const QString &reference, TextReply job)
{
    answer(this, images_->Push(reference, {}), std::move(job));
}

void DbusEngineClient::cancelJob(const QString &job, Done done)
{
    answer(this, images_->Cancel(job, {}), std::move(done));
}

void DbusEngineClient::buildImage(const BuildOptions &options, BuildReply started)
{
    QVariantMap given{ { QStringLiteral("dockerfile"), options.dockerfile },
        { QStringLiteral("nocache"), options.noCache }, { QStringLiteral("pull"), options.pull } };
    if (!options.tags.isEmpty())
        given.insert(QStringLiteral("tags"), options.tags);
    if (!options.buildArgs.isEmpty())
        given.insert(QStringLiteral("buildargs"), compact(options.buildArgs));
    if (!options.labels.isEmpty())
        given.insert(QStringLiteral("labels"), compact(options.labels));
    if (!options.target.isEmpty())
        given.insert(QStringLiteral("target"), options.target);
    if (!options.networkMode.isEmpty())
        given.insert(QStringLiteral("networkmode"), options.networkMode);
    // The engine reads the context from its end of a socket pair; the app writes into this one.
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
        return started(fail(Code::Internal, QStringLiteral("no socket pair for the build context")));
    const QDBusUnixFileDescriptor engineEnd(ends[1]); // a copy of its own
    ::close(ends[1]);
    auto context = std::make_unique<QLocalSocket>();
    if (!context->setSocketDescriptor(ends[0], QLocalSocket::ConnectedState, QIODevice::WriteOnly)) {
        ::close(ends[0]);
        return started(fail(Code::Internal, QStringLiteral("cannot write the build context")));
    }
    auto holder = std::make_shared<std::unique_ptr<QLocalSocket>>(std::move(context));
    answer<QString>(
        this, images_->Build(engineEnd, given), [holder, started = std::move(started)](Result<QString> job) {
            if (!job)
                return started(fail(job.error()));
            started(BuildStart{ *job, std::move(*holder) });
        });
}

void DbusEngineClient::parseDockerfile(const QString &text, JsonReply done)
{
    answer(this, images_->ParseDockerfile(text, {}), std::move(done));
}

// Volumes

void DbusEngineClient::listVolumes(JsonReply done)
{
    answer(this, volumes_->List({}), std::move(done));
}

void DbusEngineClient::createVolume(const QJsonObject &config, JsonReply done)
{
    answer(this, volumes_->Create(compact(config), {}), std::move(done));
}

void DbusEngineClient::inspectVolume(const QString &name, JsonReply done)
{
    answer(this, volumes_->Inspect(name, {}), std::move(done));
}

void DbusEngineClient::removeVolume(const QString &name, bool force, Done done)
{
    answer(this, volumes_->Remove(name, { { QStringLiteral("force"), force } }), std::move(done));
}

void DbusEngineClient::pruneVolumes(bool all, JsonReply done)
{
    answer(this, volumes_->Prune({ { QStringLiteral("all"), all } }), std::move(done));
}

// Networks

void DbusEngineClient::listNetworks(ListReply done)
{
    answer(this, networks_->List({}), std::move(done));
}

void DbusEngineClient::createNetwork(const QJsonObject &config, JsonReply done)
{
    answer(this, networks_->Create(compact(config), {}), std::move(done));
}

void DbusEngineClient::inspectNetwork(const QString &name, JsonReply done)
{
    answer(this, networks_->Inspect(name, {}), std::move(done));
}

void DbusEngineClient::removeNetwork(const QString &name, Done done)
{
    answer(this, networks_->Remove(name, {}), std::move(done));
}

void DbusEngineClient::pruneNetworks(JsonReply done)
{
    answer(this, networks_->Prune({}), std::move(done));
}

// Registries

namespace {

QVariantMap pageOptions(int limit, const QString &last)
{
    QVariantMap options{ { QStringLiteral("n"), limit } };
    if (!last.isEmpty())
        options.insert(QStringLiteral("last"), last);
    return options;
}

} // namespace

void DbusEngineClient::listRegistries(ListReply done)
{
    answer(this, registries_->List({}), std::move(done));
}

void DbusEngineClient::addRegistry(const QString &host, bool insecure, Done done)
{
    answer(this, registries_->Add(host, { { QStringLiteral("insecure"), insecure } }), std::move(done));
}

void DbusEngineClient::removeRegistry(const QString &host, Done done)
{
    answer(this, registries_->Remove(host, {}), std::move(done));
}

void DbusEngineClient::loginRegistry(
    const QString &host, const QString &username, const QString &password, TextReply done)
{
    answer(this, registries_->Login(host, username, password, {}), std::move(done));
}

void DbusEngineClient::logoutRegistry(const QString &host, Done done)
{
    answer(this, registries_->Logout(host, {}), std::move(done));
}

void DbusEngineClient::checkRegistry(const QString &host, JsonReply done)
{
    answer(this, registries_->Check(host, {}), std::move(done));
}

void DbusEngineClient::registryCatalog(const QString &host, int limit, const QString &last, JsonReply done)
{
    answer(this, registries_->Catalog(host, pageOptions(limit, last)), std::move(done));
}

void DbusEngineClient::registryTags(
    const QString &host, const QString &repository, int limit, const QString &last, JsonReply done)
{
    answer(this, registries_->Tags(host, repository, pageOptions(limit, last)), std::move(done));
}

void DbusEngineClient::describeReference(const QString &reference, const QString &platform, JsonReply done)
{
    QVariantMap options;
    if (!platform.isEmpty())
        options.insert(QStringLiteral("platform"), platform);
    answer(this, registries_->Describe(reference, options), std::move(done));
}

void DbusEngineClient::deleteRegistryTag(const QString &reference, Done done)
{
    answer(this, registries_->DeleteTag(reference, {}), std::move(done));
}

void DbusEngineClient::searchRegistries(const QString &terms, TextReply job)
{
    answer(this, registries_->Search(terms, {}), std::move(job));
}

} // namespace muelle::desktop
