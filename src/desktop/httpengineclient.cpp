#include "desktop/httpengineclient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>
#include <QUrlQuery>
#include <QUuid>

namespace muelle::desktop {
namespace {

// Docker's answer to an error: its status and {"message": ...}.
Error errorOf(QNetworkReply &reply, const QByteArray &body)
{
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return { Code::Unavailable,
            QObject::tr("the engine at %1 is not reachable: %2").arg(reply.url().authority(), reply.errorString()) };
    QString message = QJsonDocument::fromJson(body).object().value(u"message").toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.trimmed().left(300));
    const Code code = status == 404 ? Code::NotFound
        : status == 409             ? Code::Conflict
        : status == 400             ? Code::InvalidArgument
        : status == 401             ? Code::Unauthenticated
        : status == 403             ? Code::PermissionDenied
        : status == 501             ? Code::Unimplemented
                                    : Code::Internal;
    return { code, message };
}

QString flag(bool on)
{
    return on ? QStringLiteral("1") : QStringLiteral("0");
}

// A route naming a container, image, volume or network, as the docker CLI
// sends them: "/images/host:5000/team/app:1.0/json"; QUrl encodes what a
// path may not hold.
QString pathOf(const char *collection, const QString &name, const char *rest = "")
{
    return QString::fromLatin1(collection) + u'/' + name + QString::fromLatin1(rest);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A pull's or push's progress body: JSON lines, one message each.
QList<QJsonObject> linesOf(QByteArray &buffer)
{
    QList<QJsonObject> messages;
    qsizetype end;
    while ((end = buffer.indexOf('\n')) >= 0) {
        const QByteArray line = buffer.left(end).trimmed();
        buffer.remove(0, end + 1);
        if (!line.isEmpty())
            messages.append(QJsonDocument::fromJson(line).object());
    }
    return messages;
}

} // namespace

QJsonObject sampleOfDockerStats(
    const QJsonObject &stats, qint64 timeMs, double previousContainerCpu, double previousSystemCpu)
{
    const QJsonObject cpu = stats.value(u"cpu_stats").toObject();
    const QJsonObject precpu = stats.value(u"precpu_stats").toObject();
    double before = precpu.value(u"cpu_usage").toObject().value(u"total_usage").toDouble();
    double systemBefore = precpu.value(u"system_cpu_usage").toDouble();
    if (systemBefore <= 0) { // one-shot: no previous reading in the sample
        before = previousContainerCpu;
        systemBefore = previousSystemCpu;
    }
    const double cpuDelta = cpu.value(u"cpu_usage").toObject().value(u"total_usage").toDouble() - before;
    const double systemDelta = systemBefore > 0 ? cpu.value(u"system_cpu_usage").toDouble() - systemBefore : 0;
    const double cpus = cpu.value(u"online_cpus").toDouble(1);
    const QJsonObject memory = stats.value(u"memory_stats").toObject();
    const QJsonObject memoryStat = memory.value(u"stats").toObject();
    const double inactive = memoryStat.contains(u"total_inactive_file")
        ? memoryStat.value(u"total_inactive_file").toDouble()
        : memoryStat.value(u"inactive_file").toDouble();
    double rx = 0, tx = 0, read = 0, written = 0;
    const QJsonObject networks = stats.value(u"networks").toObject();
    for (const QJsonValue &network : networks) {
        rx += network.toObject().value(u"rx_bytes").toDouble();
        tx += network.toObject().value(u"tx_bytes").toDouble();
    }
    for (const QJsonValue &value :
        stats.value(u"blkio_stats").toObject().value(u"io_service_bytes_recursive").toArray()) {
        const QJsonObject entry = value.toObject();
        const QString op = entry.value(u"op").toString().toLower();
        if (op == u"read")
            read += entry.value(u"value").toDouble();
        else if (op == u"write")
            written += entry.value(u"value").toDouble();
    }
    return { { QStringLiteral("Id"), stats.value(u"id").toString() }, { QStringLiteral("Time"), double(timeMs) },
        { QStringLiteral("CPU"), systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0.0 },
        { QStringLiteral("Memory"), std::max(0.0, memory.value(u"usage").toDouble() - inactive) },
        { QStringLiteral("MemoryLimit"), memory.value(u"limit").toDouble() }, { QStringLiteral("NetworkRx"), rx },
        { QStringLiteral("NetworkTx"), tx }, { QStringLiteral("BlockRead"), read },
        { QStringLiteral("BlockWrite"), written },
        { QStringLiteral("Pids"), stats.value(u"pids_stats").toObject().value(u"current").toDouble() } };
}

HttpEngineClient::HttpEngineClient(QUrl base, std::optional<QSslConfiguration> tls, QObject *parent)
    : EngineClient(parent), base_(std::move(base)), tls_(std::move(tls))
{
    connect(&pinger_, &QTimer::timeout, this, &HttpEngineClient::ping);
    pinger_.start(5000);
    connect(&statsPoll_, &QTimer::timeout, this, &HttpEngineClient::pollStats);
    statsPoll_.start(2000);
    ping();
}

Result<std::unique_ptr<EngineClient>> HttpEngineClient::forHost(
    const QString &host, const QString &caFile, const QString &certFile, const QString &keyFile)
{
    QUrl url(host);
    if (url.scheme() != u"tcp" || url.host().isEmpty() || url.port() <= 0)
        return fail(Code::InvalidArgument, QStringLiteral("--host wants tcp://HOST:PORT, not \"%1\"").arg(host));
    const bool tls = !caFile.isEmpty() || !certFile.isEmpty();
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    if (!tls)
        return std::unique_ptr<EngineClient>(std::make_unique<HttpEngineClient>(url));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    const auto read = [](const QString &path) -> Result<QByteArray> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(Code::InvalidArgument, QStringLiteral("read \"%1\": %2").arg(path, file.errorString()));
        return file.readAll();
    };
    if (!caFile.isEmpty()) {
        auto ca = read(caFile);
        if (!ca)
            return fail(ca.error());
        config.setCaCertificates(QSslCertificate::fromData(*ca));
    }
    if (!certFile.isEmpty()) {
        auto certificate = read(certFile);
        auto key = read(keyFile);
        if (!certificate || !key)
            return fail(certificate ? key.error() : certificate.error());
        config.setLocalCertificate(QSslCertificate(*certificate));
        config.setPrivateKey(QSslKey(*key, QSsl::Ec).isNull() ? QSslKey(*key, QSsl::Rsa) : QSslKey(*key, QSsl::Ec));
    }
    return std::unique_ptr<EngineClient>(std::make_unique<HttpEngineClient>(url, config));
}

HttpEngineClient::~HttpEngineClient()
{
    if (events_) {
        events_->disconnect(this); // no reconnecting while going away
        events_->abort();
    }
}

bool HttpEngineClient::isConnected() const
{
    return connected_;
}

QNetworkRequest HttpEngineClient::requestFor(const QString &path, const Query &query) const
{
    QUrl url = base_;
    url.setPath(path);
    QUrlQuery parameters;
    for (const auto &[key, value] : query)
        parameters.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    url.setQuery(parameters);
    QNetworkRequest request(url);
    if (tls_)
        request.setSslConfiguration(*tls_);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(0); // streams (events, logs, stats) last
    return request;
}

void HttpEngineClient::ping()
{
    QNetworkRequest request = requestFor(QStringLiteral("/_ping"), {});
    request.setTransferTimeout(5000);
    QNetworkReply *reply = network_.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        setConnected(reply->error() == QNetworkReply::NoError);
    });
}

void HttpEngineClient::setConnected(bool connected)
{
    if (connected == connected_)
        return;
    connected_ = connected;
    if (connected)
        followEvents();
    Q_EMIT connectedChanged(connected);
}

void HttpEngineClient::followEvents()
{
    if (events_)
        return;
    const QString since = QString::number(QDateTime::currentSecsSinceEpoch());
    events_ = network_.get(requestFor(QStringLiteral("/events"), { { QStringLiteral("since"), since } }));
    auto buffer = std::make_shared<QByteArray>();
    connect(events_, &QIODevice::readyRead, this, [this, buffer] {
        *buffer += events_->readAll();
        for (const QJsonObject &event : linesOf(*buffer))
            Q_EMIT engineEvent(event);
    });
    connect(events_, &QNetworkReply::finished, this, [this] {
        events_->deleteLater();
        events_ = nullptr;
        setConnected(false); // the next ping says when it is back
        ping();
    });
}

template <typename T>
void HttpEngineClient::send(const QByteArray &verb, const QString &path, const Query &query, const QByteArray &body,
    std::function<void(Result<T>)> done)
{
    QNetworkReply *reply = network_.sendCustomRequest(requestFor(path, query), verb, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray answer = reply->readAll();
        if (reply->error() != QNetworkReply::NoError)
            return done(fail(errorOf(*reply, answer)));
        if constexpr (std::is_void_v<T>)
            done(Result<>());
        else
            done(jsonOf<T>(answer));
    });
}

void HttpEngineClient::startJob(const QString &path, const Query &query, TextReply done)
{
    const QString job = QUuid::createUuid().toString(QUuid::Id128).left(16);
    QNetworkRequest http = requestFor(path, query);
    // Docker wants credentials with a push; none: the engine's own login.
    http.setRawHeader("X-Registry-Auth", QByteArray("{}").toBase64());
    QNetworkReply *reply = network_.sendCustomRequest(http, "POST", QByteArray());
    reply->setProperty("job", job);
    auto buffer = std::make_shared<QByteArray>();
    auto failed = std::make_shared<QString>();
    connect(reply, &QIODevice::readyRead, this, [this, reply, buffer, failed, job] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400)
            return; // the error body, read at the end
        *buffer += reply->readAll();
        QJsonArray messages;
        for (const QJsonObject &message : linesOf(*buffer)) {
            if (message.contains(u"error"))
                *failed = message.value(u"error").toString();
            else
                messages.append(message);
        }
        if (!messages.isEmpty())
            Q_EMIT jobProgress(job, messages);
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, failed, job] {
        reply->deleteLater();
        QString error = *failed;
        if (reply->error() == QNetworkReply::OperationCanceledError)
            error = tr("cancelled");
        else if (reply->error() != QNetworkReply::NoError)
            error = errorOf(*reply, reply->readAll()).message;
        Q_EMIT jobFinished(job, error);
    });
    done(job);
}

// System

void HttpEngineClient::version(JsonReply done)
{
    send("GET", QStringLiteral("/version"), {}, {}, std::move(done));
}

void HttpEngineClient::info(JsonReply done)
{
    send("GET", QStringLiteral("/info"), {}, {}, std::move(done));
}

void HttpEngineClient::diskUsage(JsonReply done)
{
    send("GET", QStringLiteral("/system/df"), {}, {}, std::move(done));
}

// Containers

void HttpEngineClient::listContainers(bool all, ListReply done)
{
    send("GET", QStringLiteral("/containers/json"), { { QStringLiteral("all"), flag(all) } }, {}, std::move(done));
}

void HttpEngineClient::inspectContainer(const QString &name, JsonReply done)
{
    send("GET", pathOf("/containers", name, "/json"), {}, {}, std::move(done));
}

void HttpEngineClient::createContainer(const QJsonObject &config, const QString &name, JsonReply done)
{
    send("POST", QStringLiteral("/containers/create"), { { QStringLiteral("name"), name } }, compact(config),
        std::move(done));
}

void HttpEngineClient::startContainer(const QString &name, Done done)
{
    send("POST", pathOf("/containers", name, "/start"), {}, {}, std::move(done));
}

void HttpEngineClient::stopContainer(const QString &name, std::optional<int> timeoutSeconds, Done done)
{
    const Query query = timeoutSeconds ? Query{ { QStringLiteral("t"), QString::number(*timeoutSeconds) } } : Query();
    send("POST", pathOf("/containers", name, "/stop"), query, {}, std::move(done));
}

void HttpEngineClient::restartContainer(const QString &name, std::optional<int> timeoutSeconds, Done done)
{
    const Query query = timeoutSeconds ? Query{ { QStringLiteral("t"), QString::number(*timeoutSeconds) } } : Query();
    send("POST", pathOf("/containers", name, "/restart"), query, {}, std::move(done));
}

void HttpEngineClient::killContainer(const QString &name, const QString &signal, Done done)
{
    send("POST", pathOf("/containers", name, "/kill"),
        { { QStringLiteral("signal"), signal.isEmpty() ? QStringLiteral("SIGKILL") : signal } }, {}, std::move(done));
}

void HttpEngineClient::pauseContainer(const QString &name, Done done)
{
    send("POST", pathOf("/containers", name, "/pause"), {}, {}, std::move(done));
}

void HttpEngineClient::unpauseContainer(const QString &name, Done done)
{
    send("POST", pathOf("/containers", name, "/unpause"), {}, {}, std::move(done));
}

void HttpEngineClient::removeContainer(const QString &name, bool force, bool volumes, Done done)
{
    send("DELETE", pathOf("/containers", name),
        { { QStringLiteral("force"), flag(force) }, { QStringLiteral("v"), flag(volumes) } }, {}, std::move(done));
}

void HttpEngineClient::containerProcesses(const QString &name, const QString &psArgs, JsonReply done)
{
    send("GET", pathOf("/containers", name, "/top"),
        { { QStringLiteral("ps_args"), psArgs.isEmpty() ? QStringLiteral("-ef") : psArgs } }, {}, std::move(done));
}

void HttpEngineClient::statsHistory(const QString &name, StatsResolution resolution, ListReply done)
{
    // muelled's own route.
    send("GET", pathOf("/containers", name, "/stats/history"),
        { { QStringLiteral("resolution"),
            resolution == StatsResolution::Minute ? QStringLiteral("minute") : QStringLiteral("second") } },
        {}, std::move(done));
}

// Images

void HttpEngineClient::listImages(ListReply done)
{
    send("GET", QStringLiteral("/images/json"), {}, {}, std::move(done));
}

void HttpEngineClient::inspectImage(const QString &name, JsonReply done)
{
    send("GET", pathOf("/images", name, "/json"), {}, {}, std::move(done));
}

void HttpEngineClient::imageHistory(const QString &name, ListReply done)
{
    send("GET", pathOf("/images", name, "/history"), {}, {}, std::move(done));
}

void HttpEngineClient::tagImage(const QString &name, const QString &target, Done done)
{
    const qsizetype colon = target.lastIndexOf(u':');
    const bool tagged = colon > target.lastIndexOf(u'/');
    send("POST", pathOf("/images", name, "/tag"),
        { { QStringLiteral("repo"), tagged ? target.left(colon) : target },
            { QStringLiteral("tag"), tagged ? target.mid(colon + 1) : QStringLiteral("latest") } },
        {}, std::move(done));
}

void HttpEngineClient::removeImage(const QString &name, bool force, ListReply done)
{
    send("DELETE", pathOf("/images", name), { { QStringLiteral("force"), flag(force) } }, {}, std::move(done));
}

void HttpEngineClient::pullImage(const QString &reference, const QString &platform, TextReply job)
{
    Query query{ { QStringLiteral("fromImage"), reference } };
    if (!platform.isEmpty())
        query.append({ QStringLiteral("platform"), platform });
    startJob(QStringLiteral("/images/create"), query, std::move(job));
}

void HttpEngineClient::pushImage(const QString &reference, TextReply job)
{
    startJob(pathOf("/images", reference, "/push"), {}, std::move(job));
}

void HttpEngineClient::cancelJob(const QString &job, Done done)
{
    // The job's request, aborted: it ends with jobFinished (cancelled).
    for (QNetworkReply *reply : network_.findChildren<QNetworkReply *>()) {
        if (reply->property("job").toString() == job)
            reply->abort();
    }
    done(Result<>());
}

// Volumes

void HttpEngineClient::listVolumes(JsonReply done)
{
    send("GET", QStringLiteral("/volumes"), {}, {}, std::move(done));
}

void HttpEngineClient::createVolume(const QJsonObject &config, JsonReply done)
{
    send("POST", QStringLiteral("/volumes/create"), {}, compact(config), std::move(done));
}

void HttpEngineClient::inspectVolume(const QString &name, JsonReply done)
{
    send("GET", pathOf("/volumes", name), {}, {}, std::move(done));
}

void HttpEngineClient::removeVolume(const QString &name, bool force, Done done)
{
    send("DELETE", pathOf("/volumes", name), { { QStringLiteral("force"), flag(force) } }, {}, std::move(done));
}

void HttpEngineClient::pruneVolumes(bool all, JsonReply done)
{
    const Query query = all ? Query{ { QStringLiteral("filters"), QStringLiteral("{\"all\":[\"true\"]}") } } : Query();
    send("POST", QStringLiteral("/volumes/prune"), query, {}, std::move(done));
}

// Networks

void HttpEngineClient::listNetworks(ListReply done)
{
    send("GET", QStringLiteral("/networks"), {}, {}, std::move(done));
}

void HttpEngineClient::createNetwork(const QJsonObject &config, JsonReply done)
{
    send("POST", QStringLiteral("/networks/create"), {}, compact(config), std::move(done));
}

void HttpEngineClient::inspectNetwork(const QString &name, JsonReply done)
{
    send("GET", pathOf("/networks", name), {}, {}, std::move(done));
}

void HttpEngineClient::removeNetwork(const QString &name, Done done)
{
    send("DELETE", pathOf("/networks", name), {}, {}, std::move(done));
}

void HttpEngineClient::pruneNetworks(JsonReply done)
{
    send("POST", QStringLiteral("/networks/prune"), {}, {}, std::move(done));
}

// Builds over the Docker API (POST /build with the context as the body)
// are not wired yet: the wizard drives the local engine.
void HttpEngineClient::buildImage(const BuildOptions &, BuildReply started)
{
    started(fail(Code::Unimplemented,
        QStringLiteral("building over the Docker API is not supported yet: connect to the local muelled to build")));
}

void HttpEngineClient::parseDockerfile(const QString &, JsonReply done)
{
    done(fail(Code::Unimplemented,
        QStringLiteral("checking a Dockerfile needs the local muelled: this engine is reached over the Docker API")));
}

// Registries: muelled offers them over D-Bus only; the Docker API has no
// such calls (its /images/search needs a registry the user names, and its
// logins live in the client). Each says so, in words the page shows.

namespace {

Error noRegistries()
{
    return { Code::Unimplemented,
        QStringLiteral("this engine is reached over the Docker API, which cannot browse registries: "
                       "connect to the local muelled to browse and search them") };
}

} // namespace

void HttpEngineClient::listRegistries(ListReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::addRegistry(const QString &, bool, Done done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::removeRegistry(const QString &, Done done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::loginRegistry(const QString &, const QString &, const QString &, TextReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::logoutRegistry(const QString &, Done done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::checkRegistry(const QString &, JsonReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::registryCatalog(const QString &, int, const QString &, JsonReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::registryTags(const QString &, const QString &, int, const QString &, JsonReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::describeReference(const QString &, const QString &, JsonReply done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::deleteRegistryTag(const QString &, Done done)
{
    done(fail(noRegistries()));
}

void HttpEngineClient::searchRegistries(const QString &, TextReply job)
{
    job(fail(noRegistries()));
}

void HttpEngineClient::pollStats()
{
    if (!connected_ || polling_)
        return;
    polling_ = true;
    listContainers(false, [this](Result<QJsonArray> running) {
        const QJsonArray containers = running.value_or(QJsonArray());
        if (containers.isEmpty()) {
            polling_ = false;
            return;
        }
        // One batch per round, sent when every container has answered.
        auto batch = std::make_shared<QJsonArray>();
        auto due = std::make_shared<int>(int(containers.size()));
        for (const QJsonValue &container : containers) {
            const QString id = container.toObject().value(u"Id").toString();
            QNetworkRequest request = requestFor(QStringLiteral("/containers/%1/stats").arg(id),
                { { QStringLiteral("stream"), QStringLiteral("false") },
                    { QStringLiteral("one-shot"), QStringLiteral("true") } });
            request.setTransferTimeout(10000);
            QNetworkReply *reply = network_.get(request);
            connect(reply, &QNetworkReply::finished, this, [this, reply, id, batch, due] {
                reply->deleteLater();
                const QJsonObject stats = QJsonDocument::fromJson(reply->readAll()).object();
                if (reply->error() == QNetworkReply::NoError && stats.contains(u"cpu_stats")) {
                    const QJsonObject cpu = stats.value(u"cpu_stats").toObject();
                    const CpuCounters previous = previousCpu_.value(id);
                    previousCpu_.insert(id,
                        { cpu.value(u"cpu_usage").toObject().value(u"total_usage").toDouble(),
                            cpu.value(u"system_cpu_usage").toDouble() });
                    if (previous.system > 0) // the first poll only primes the CPU share
                        batch->append(sampleOfDockerStats(
                            stats, QDateTime::currentMSecsSinceEpoch(), previous.container, previous.system));
                }
                if (--*due > 0)
                    return;
                polling_ = false;
                if (!batch->isEmpty())
                    Q_EMIT statsSampled(*batch);
            });
        }
    });
}

void HttpEngineClient::containerLogs(const QString &name, const LogOptions &options, LogReply done)
{
    // As the docker CLI does: the container's Tty says whether the log
    // comes in frames or as raw lines (the headers do not, on every engine).
    inspectContainer(name, [this, options, done](Result<QJsonObject> inspect) {
        if (!inspect)
            return done(fail(inspect.error()));
        const bool tty = inspect->value(u"Config").toObject().value(u"Tty").toBool();
        Query query{ { QStringLiteral("stdout"), QStringLiteral("1") },
            { QStringLiteral("stderr"), QStringLiteral("1") }, { QStringLiteral("follow"), flag(options.follow) },
            { QStringLiteral("timestamps"), flag(options.timestamps) } };
        if (options.tail >= 0)
            query.append({ QStringLiteral("tail"), QString::number(options.tail) });
        if (options.since > 0)
            query.append({ QStringLiteral("since"), QString::number(options.since) });
        const QString id = inspect->value(u"Id").toString();
        QNetworkReply *reply = network_.get(requestFor(QStringLiteral("/containers/%1/logs").arg(id), query));
        reply->setParent(nullptr); // the log view owns it once it is handed over
        // Handed over once the status is known.
        auto handed = std::make_shared<bool>(false);
        const auto handOver = [reply, handed, done, tty] {
            if (std::exchange(*handed, true))
                return;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
                done(fail(errorOf(*reply, reply->readAll())));
                reply->deleteLater();
                return;
            }
            done(LogStream{ std::unique_ptr<QIODevice>(reply), !tty });
        };
        connect(reply, &QNetworkReply::metaDataChanged, this, [reply, handOver] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 0)
                handOver();
        });
        connect(reply, &QNetworkReply::finished, this, handOver);
    });
}

} // namespace muelle::desktop
