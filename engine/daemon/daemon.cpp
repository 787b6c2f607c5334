#include "engine/daemon/daemon.h"

#include "base/filelock.h"
#include "base/loglevel.h"
#include "base/unixsignals.h"
#include "engine/api/dbus/busapi.h"
#include "engine/api/rest/restapi.h"
#include "engine/builder/service.h"
#include "engine/containers/service.h"
#include "engine/daemon/config.h"
#include "engine/events/events.h"
#include "engine/images/images.h"
#include "engine/network/service.h"
#include "engine/paths.h"
#include "engine/registries/registries.h"
#include "engine/stats/recorder.h"
#include "engine/system/hostinfo.h"
#include "engine/volumes/volumes.h"
#include "http/server.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <csignal>
#include <malloc.h>

Q_LOGGING_CATEGORY(lcDaemon, "muelle.engine.daemon")

namespace muelle::engine::daemon {

namespace {

void printError(const QString &message)
{
    QTextStream(stderr) << "muelled: " << message << Qt::endl;
}

// "unix:///run/muelle/muelle.sock" or "tcp://127.0.0.1:2375" as an endpoint.
Result<http::Endpoint> endpointFor(const QString &host, const QString &group)
{
    const QUrl url(host, QUrl::StrictMode);
    http::Endpoint endpoint;
    if (url.scheme() == u"unix" && !url.path().isEmpty()) {
        endpoint.kind = http::Endpoint::Kind::Unix;
        endpoint.unixPath = url.path();
        endpoint.unixMode = 0660;
        endpoint.unixGroup = group;
        return endpoint;
    }
    if (url.scheme() == u"tcp" && url.port() > 0) {
        endpoint.address = QHostAddress(url.host());
        if (endpoint.address.isNull())
            return fail(Code::InvalidArgument, QStringLiteral("host \"%1\": want an IP address").arg(host));
        endpoint.port = quint16(url.port());
        return endpoint;
    }
    return fail(
        Code::InvalidArgument, QStringLiteral("host \"%1\": want unix:///path or tcp://ADDRESS:PORT").arg(host));
}

// A stable identifier for this data root, made once.
Result<QString> engineId(const Paths &paths)
{
    QFile file(paths.engineId());
    if (file.open(QIODevice::ReadOnly))
        return QString::fromLatin1(file.readAll().trimmed());
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QFile fresh(file.fileName() + QStringLiteral(".tmp"));
    if (!fresh.open(QIODevice::WriteOnly | QIODevice::Truncate) || fresh.write(id.toLatin1()) < 0 || !fresh.flush())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(fresh.fileName(), fresh.errorString()));
    fresh.close();
    if (!QFile::rename(fresh.fileName(), file.fileName()))
        return fail(Code::Internal, QStringLiteral("rename \"%1\"").arg(fresh.fileName()));
    return id;
}

distribution::RegistryOptions registryOptions(const Config &config)
{
    distribution::RegistryOptions options;
    options.insecureRegistries = config.insecureRegistries;
    options.registryMirrors = config.registryMirrors;
    // For tests of hanging registries; Docker has no such setting.
    const int timeout = qEnvironmentVariableIntValue("MUELLED_REGISTRY_TIMEOUT_MS");
    if (timeout > 0)
        options.timeoutMs = timeout;
    return options;
}

void reload(const QStringList &arguments, Config &current, images::ImageService &images)
{
    auto fresh = configFromCommandLine(arguments);
    if (!fresh) {
        qCWarning(lcDaemon).noquote() << "reload refused:" << fresh.error().message;
        return;
    }
    if (fresh->dataRoot != current.dataRoot || fresh->hosts != current.hosts || fresh->group != current.group)
        qCWarning(lcDaemon) << "reload: data-root, hosts and group need a restart; kept as they were";
    current.logLevel = fresh->logLevel;
    current.insecureRegistries = fresh->insecureRegistries;
    current.registryMirrors = fresh->registryMirrors;
    current.maxConcurrentDownloads = fresh->maxConcurrentDownloads;
    current.maxConcurrentUploads = fresh->maxConcurrentUploads;
    applyLogLevel(current.logLevel);
    images.setRegistryOptions(registryOptions(current), current.maxConcurrentDownloads, current.maxConcurrentUploads);
    qCInfo(lcDaemon) << "configuration reloaded";
}

// --init's binary: the configured one, else Docker's docker-init or
// Debian's static tini (the container may have no libc).
QString initBinary(const Config &config)
{
    if (!config.initPath.isEmpty())
        return config.initPath;
    for (const char *candidate :
        { "/usr/bin/docker-init", "/usr/libexec/docker/docker-init", "/usr/bin/tini-static" }) {
        if (QFileInfo(QLatin1String(candidate)).isExecutable())
            return QLatin1String(candidate);
    }
    return {};
}

} // namespace

int run(const QStringList &arguments)
{
    auto config = configFromCommandLine(arguments);
    if (!config) {
        printError(config.error().message);
        return 2;
    }
    applyLogLevel(config->logLevel);
    if (!QDir().mkpath(config->dataRoot)) {
        printError(QStringLiteral("create data root \"%1\"").arg(config->dataRoot));
        return 1;
    }
    const Paths paths(config->dataRoot, config->execRoot);
    auto lock = FileLock::acquire(paths.lock(), QStringLiteral("muelled using this data root"));
    if (!lock) {
        printError(lock.error().message);
        return 1;
    }
    auto id = engineId(paths);
    if (!id) {
        printError(id.error().message);
        return 1;
    }
    const docker::DaemonFacts facts{ *id, system::hostInfo().hostname, config->dataRoot,
        QCoreApplication::applicationVersion(), QDateTime::currentDateTimeUtc(), config->logLevel };
    events::EventBus events;
    images::ImageService images({ config->dataRoot, config->storageDriver, registryOptions(*config),
                                    config->maxConcurrentDownloads, config->maxConcurrentUploads },
        events);
    if (auto opened = images.open(); !opened) {
        printError(opened.error().message);
        return 1;
    }
    // MUELLED_FIREWALL_TABLE: a test hook, so a test's daemon keeps its rules apart.
    network::NetworkService networks(
        { config->bridge, qEnvironmentVariable("MUELLED_FIREWALL_TABLE", QStringLiteral("muelle")) }, images.metadata(),
        events);
    if (auto opened = networks.open(); !opened) {
        printError(opened.error().message);
        return 1;
    }
    volumes::VolumeService volumes(paths, events);
    if (auto opened = volumes.open(); !opened) {
        printError(opened.error().message);
        return 1;
    }
    containers::ContainerService containers(
        { config->dataRoot, config->execRoot, QCoreApplication::applicationDirPath() + QStringLiteral("/muelle-shim"),
            config->runtime, initBinary(*config) },
        images, networks, volumes, events);
    if (auto opened = containers.open(); !opened) {
        printError(opened.error().message);
        return 1;
    }

    // Called from the volume service's callers' threads: hop to the containers'.
    volumes.setUsersOf([&containers](const QString &name) {
        QStringList users;
        QMetaObject::invokeMethod(
            &containers, [&] { users = containers.store().usingVolume(name); },
            QThread::currentThread() == containers.thread() ? Qt::DirectConnection : Qt::BlockingQueuedConnection);
        return users;
    });
    stats::Recorder stats(containers.store());
    stats.start();
    builder::BuildService builds(images, containers);
    // An image is in use while a container runs on it or a build builds on it.
    images.setImageUsers([&containers, &builds](const oci::Digest &image) {
        return containers.store().usingImage(image) + builds.usingImage(image);
    });
    registries::RegistryService registries(images, paths.registries());
    if (auto loaded = registries.load(); !loaded) {
        printError(loaded.error().message);
        return 1;
    }
    docker::Engine engine{ images, events, containers, networks, volumes, stats, builds, registries };
    http::Server server(rest::makeRestApi(facts, engine));
    for (const QString &host : std::as_const(config->hosts)) {
        auto endpoint = endpointFor(host, config->group);
        if (endpoint && endpoint->kind == http::Endpoint::Kind::Unix)
            QDir().mkpath(QFileInfo(endpoint->unixPath).path());
        auto listening = endpoint ? server.listen(*endpoint) : Result<>(std::unexpected(endpoint.error()));
        if (!listening) {
            printError(listening.error().message);
            return 1;
        }
        qCInfo(lcDaemon).noquote() << "API listening on" << host;
    }
    // The desktop app's façade. Asked for by address, it must come up; on
    // the system bus (the default) it is skipped where none runs.
    std::unique_ptr<dbus::BusApi> bus;
    if (config->dbusAddress != u"none") {
        auto opened = dbus::BusApi::open(config->dbusAddress, config->group, facts, engine);
        if (opened) {
            bus = std::move(*opened);
            qCInfo(lcDaemon).noquote() << "D-Bus: org.muelle.Engine1 on" << config->dbusAddress;
        } else if (config->dbusAddress == u"system") {
            qCWarning(lcDaemon).noquote() << "D-Bus:" << opened.error().message;
        } else {
            printError(opened.error().message);
            return 1;
        }
    }
    // Bursts of connections leave freed buffers in malloc's arenas; hand
    // them back to the system now and then, so an idle daemon stays small.
    QTimer trim;
    QObject::connect(&trim, &QTimer::timeout, [] { ::malloc_trim(0); });
    trim.start(std::chrono::seconds(30));
    quitOnTerminationSignals();
    handleSignals({ SIGHUP }, [&](int) { reload(arguments, *config, images); });
    QTextStream(stderr) << "muelled: serving " << config->hosts.join(u", ") << " (data root " << config->dataRoot << ")"
                        << Qt::endl;
    const int code = QCoreApplication::exec();
    server.close();
    return code;
}

} // namespace muelle::engine::daemon
