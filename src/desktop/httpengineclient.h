#pragma once
// An engine reached over the Docker Engine API on TCP (http://, or https://
// with the client's certificate, as `docker -H tcp://… --tls…`): a remote
// muelled, or any Docker-compatible engine. The Windows build of the app
// talks to engines this way. Each org.muelle.Engine1 request maps to its
// REST route; events come from GET /events; pulls and pushes are streamed
// jobs reported like the D-Bus ones; live stats are polled (GET
// /containers/{id}/stats?stream=false&one-shot=true for each running
// container, every two seconds, CPU computed between polls) and batched
// into one statsSampled — long-lived streams would take the connections
// Qt keeps per host; the stats history is muelled's own route (an engine
// without it answers with an error, shown in words).

#include "desktop/engineclient.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace muelle::desktop {

class HttpEngineClient : public EngineClient {
    Q_OBJECT
public:
    // `base`: "http://host:2375" or "https://host:2376" (then `tls` holds the
    // CA and the client's certificate and key).
    HttpEngineClient(QUrl base, std::optional<QSslConfiguration> tls = {}, QObject *parent = nullptr);
    ~HttpEngineClient() override;

    // tcp://HOST:PORT as `docker -H` takes it: plain HTTP, or TLS with the
    // CA, certificate and key files when given. InvalidArgument: another
    // URL, or a file that cannot be read.
    static Result<std::unique_ptr<EngineClient>> forHost(
        const QString &host, const QString &caFile, const QString &certFile, const QString &keyFile);

    bool isConnected() const override;
    void call(const Request &request, std::function<void(Result<QJsonValue>)> done) override;
    void openLogs(
        const QString &container, const QVariantMap &options, std::function<void(Result<LogStream>)> done) override;

private:
    struct Route {
        QByteArray verb = {};
        QString path = {};
        QList<std::pair<QString, QString>> query = {};
        QByteArray body = {};
        bool stream = false; // a pull or push: progress lines
    };
    Result<Route> routeOf(const Request &request) const;
    QNetworkRequest requestFor(const QString &path, const QList<std::pair<QString, QString>> &query) const;
    void ping();
    void setConnected(bool connected);
    void followEvents();
    void startJob(const Route &route, std::function<void(Result<QJsonValue>)> done);
    void pollStats();

    QUrl base_;
    std::optional<QSslConfiguration> tls_;
    QNetworkAccessManager network_;
    QTimer pinger_;
    QTimer statsPoll_;
    bool connected_ = false;
    QNetworkReply *events_ = nullptr;
    struct CpuCounters {
        double container = 0, system = 0;
    };
    QHash<QString, CpuCounters> previousCpu_; // by container ID
    bool polling_ = false;
};

// Docker's stats JSON (one sample of GET /containers/{id}/stats) in the
// shape of org.muelle.Engine1's Stats signal entries; the CPU share is
// against the given previous counters (container's, system's) when the
// sample has none of its own.
QJsonObject sampleOfDockerStats(
    const QJsonObject &stats, qint64 timeMs, double previousContainerCpu = 0, double previousSystemCpu = 0);

} // namespace muelle::desktop
