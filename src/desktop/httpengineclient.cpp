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

QString flag(const QVariantMap &options, const char *key)
{
    return options.value(QString::fromLatin1(key)).toBool() ? QStringLiteral("1") : QStringLiteral("0");
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

QNetworkRequest HttpEngineClient::requestFor(const QString &path, const QList<std::pair<QString, QString>> &query) const
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

Result<HttpEngineClient::Route> HttpEngineClient::routeOf(const Request &request) const
{
    const QString noun = request.noun, method = request.method;
    // As the docker CLI sends them: "/images/host:5000/team/app:1.0/json";
    // QUrl encodes what a path may not hold.
    const QString name = request.arguments.value(0);
    const QVariantMap &o = request.options;
    const auto body = [&request](int i) { return request.arguments.value(i).toUtf8(); };
    using Q = QList<std::pair<QString, QString>>;
    if (noun == u"System") {
        if (method == u"Version")
            return Route{ "GET", QStringLiteral("/version") };
        if (method == u"Info")
            return Route{ "GET", QStringLiteral("/info") };
        if (method == u"DiskUsage")
            return Route{ "GET", QStringLiteral("/system/df") };
    } else if (noun == u"Containers") {
        const QString at = QStringLiteral("/containers/") + name;
        if (method == u"List")
            return Route{ "GET", QStringLiteral("/containers/json"), Q{ { QStringLiteral("all"), flag(o, "all") } } };
        if (method == u"Inspect")
            return Route{ "GET", at + QStringLiteral("/json") };
        if (method == u"Create")
            return Route{ "POST", QStringLiteral("/containers/create"),
                Q{ { QStringLiteral("name"), o.value(QStringLiteral("name")).toString() } }, body(0) };
        if (method == u"Start" || method == u"Pause" || method == u"Unpause")
            return Route{ "POST", at + u'/' + method.toLower() };
        if (method == u"Stop" || method == u"Restart")
            return Route{ "POST", at + u'/' + method.toLower(),
                o.contains(QStringLiteral("timeout"))
                    ? Q{ { QStringLiteral("t"), o.value(QStringLiteral("timeout")).toString() } }
                    : Q{} };
        if (method == u"Kill")
            return Route{ "POST", at + QStringLiteral("/kill"),
                Q{ { QStringLiteral("signal"),
                    o.value(QStringLiteral("signal"), QStringLiteral("SIGKILL")).toString() } } };
        if (method == u"Remove")
            return Route{ "DELETE", at,
                Q{ { QStringLiteral("force"), flag(o, "force") }, { QStringLiteral("v"), flag(o, "volumes") } } };
        if (method == u"Top")
            return Route{
                "GET", at + QStringLiteral("/top"),
                Q{ { QStringLiteral("ps_args"), o.value(QStringLiteral("ps_args"), QStringLiteral("-ef")).toString() } }
            };
        if (method == u"StatsHistory") // muelled's own route
            return Route{ "GET", at + QStringLiteral("/stats/history"),
                Q{ { QStringLiteral("resolution"),
                    o.value(QStringLiteral("resolution"), QStringLiteral("second")).toString() } } };
    } else if (noun == u"Images") {
        const QString at = QStringLiteral("/images/") + name;
        if (method == u"List")
            return Route{ "GET", QStringLiteral("/images/json") };
        if (method == u"Inspect")
            return Route{ "GET", at + QStringLiteral("/json") };
        if (method == u"History")
            return Route{ "GET", at + QStringLiteral("/history") };
        if (method == u"Remove")
            return Route{ "DELETE", at, Q{ { QStringLiteral("force"), flag(o, "force") } } };
        if (method == u"Tag") {
            const QString target = request.arguments.value(1);
            const qsizetype colon = target.lastIndexOf(u':');
            const bool tagged = colon > target.lastIndexOf(u'/');
            return Route{ "POST", at + QStringLiteral("/tag"),
                Q{ { QStringLiteral("repo"), tagged ? target.left(colon) : target },
                    { QStringLiteral("tag"), tagged ? target.mid(colon + 1) : QStringLiteral("latest") } } };
        }
        if (method == u"Pull")
            return Route{ "POST", QStringLiteral("/images/create"),
                Q{ { QStringLiteral("fromImage"), request.arguments.value(0) } }, {}, true };
        if (method == u"Push")
            return Route{ "POST", at + QStringLiteral("/push"), {}, {}, true };
    } else if (noun == u"Volumes" || noun == u"Networks") {
        const QString root = noun == u"Volumes" ? QStringLiteral("/volumes") : QStringLiteral("/networks");
        if (method == u"List")
            return Route{ "GET", root };
        if (method == u"Create")
            return Route{ "POST", root + QStringLiteral("/create"), {}, body(0) };
        if (method == u"Inspect")
            return Route{ "GET", root + u'/' + name };
        if (method == u"Remove")
            return Route{ "DELETE", root + u'/' + name, Q{ { QStringLiteral("force"), flag(o, "force") } } };
        if (method == u"Prune")
            return Route{ "POST", root + QStringLiteral("/prune"),
                o.value(QStringLiteral("all")).toBool()
                    ? Q{ { QStringLiteral("filters"), QStringLiteral("{\"all\":[\"true\"]}") } }
                    : Q{} };
    }
    return fail(Code::Unimplemented, tr("%1.%2 has no Docker API route").arg(noun, method));
}

void HttpEngineClient::call(const Request &request, std::function<void(Result<QJsonValue>)> done)
{
    if (request.noun == u"Images" && request.method == u"Cancel") {
        // The job's request, aborted: it ends with Finished (Cancelled).
        for (QNetworkReply *job : network_.findChildren<QNetworkReply *>()) {
            if (job->property("job").toString() == request.arguments.value(0))
                job->abort();
        }
        return done(QJsonValue());
    }
    auto route = routeOf(request);
    if (!route)
        return done(fail(route.error()));
    if (route->stream)
        return startJob(*route, done);
    QNetworkRequest http = requestFor(route->path, route->query);
    QNetworkReply *reply = network_.sendCustomRequest(http, route->verb, route->body);
    connect(reply, &QNetworkReply::finished, this, [reply, done] {
        reply->deleteLater();
        const QByteArray body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError)
            return done(fail(errorOf(*reply, body)));
        if (body.trimmed().isEmpty())
            return done(QJsonValue());
        const QJsonDocument document = QJsonDocument::fromJson(body);
        done(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
    });
}

void HttpEngineClient::startJob(const Route &route, std::function<void(Result<QJsonValue>)> done)
{
    const QString job = QUuid::createUuid().toString(QUuid::Id128).left(16);
    QNetworkRequest http = requestFor(route.path, route.query);
    // Docker wants credentials with a push; none: the engine's own login.
    http.setRawHeader("X-Registry-Auth", QByteArray("{}").toBase64());
    QNetworkReply *reply = network_.sendCustomRequest(http, route.verb, route.body);
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
    done(QJsonValue(job));
}

void HttpEngineClient::pollStats()
{
    if (!connected_ || polling_)
        return;
    polling_ = true;
    call({ QStringLiteral("Containers"), QStringLiteral("List"), {} }, [this](Result<QJsonValue> running) {
        const QJsonArray containers = running ? running->toArray() : QJsonArray();
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

void HttpEngineClient::openLogs(
    const QString &container, const QVariantMap &options, std::function<void(Result<LogStream>)> done)
{
    // As the docker CLI does: the container's Tty says whether the log
    // comes in frames or as raw lines (the headers do not, on every engine).
    inspectContainer(container, [this, options, done](Result<QJsonObject> inspect) {
        if (!inspect)
            return done(fail(inspect.error()));
        const bool tty = inspect->value(u"Config").toObject().value(u"Tty").toBool();
        QList<std::pair<QString, QString>> query{ { QStringLiteral("stdout"), QStringLiteral("1") },
            { QStringLiteral("stderr"), QStringLiteral("1") }, { QStringLiteral("follow"), flag(options, "follow") },
            { QStringLiteral("timestamps"), flag(options, "timestamps") } };
        if (options.contains(QStringLiteral("tail")) && options.value(QStringLiteral("tail")).toInt() >= 0)
            query.append({ QStringLiteral("tail"), options.value(QStringLiteral("tail")).toString() });
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
