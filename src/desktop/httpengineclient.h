#pragma once
// An engine reached over the Docker Engine API on TCP (http://, or https://
// with the client's certificate, as `docker -H tcp://… --tls…`): a remote
// muelled, or any Docker-compatible engine. The Windows build of the app
// talks to engines this way. Each org.muelle.Engine1 method is its REST
// route; events come from GET /events; pulls and pushes are streamed
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

    void version(JsonReply done) override;
    void info(JsonReply done) override;
    void diskUsage(JsonReply done) override;

    void listContainers(bool all, ListReply done) override;
    void inspectContainer(const QString &name, JsonReply done) override;
    void createContainer(const QJsonObject &config, const QString &name, JsonReply done) override;
    void startContainer(const QString &name, Done done) override;
    void stopContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) override;
    void restartContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) override;
    void killContainer(const QString &name, const QString &signal, Done done) override;
    void pauseContainer(const QString &name, Done done) override;
    void unpauseContainer(const QString &name, Done done) override;
    void removeContainer(const QString &name, bool force, bool volumes, Done done) override;
    void containerProcesses(const QString &name, const QString &psArgs, JsonReply done) override;
    void containerLogs(const QString &name, const LogOptions &options, LogReply done) override;
    void statsHistory(const QString &name, StatsResolution resolution, ListReply done) override;

    void listImages(ListReply done) override;
    void inspectImage(const QString &name, JsonReply done) override;
    void imageHistory(const QString &name, ListReply done) override;
    void tagImage(const QString &name, const QString &target, Done done) override;
    void removeImage(const QString &name, bool force, ListReply done) override;
    void pullImage(const QString &reference, const QString &platform, TextReply job) override;
    void pushImage(const QString &reference, TextReply job) override;
    void cancelJob(const QString &job, Done done) override;
    void buildImage(const BuildOptions &options, BuildReply started) override;
    void parseDockerfile(const QString &text, JsonReply done) override;

    void listVolumes(JsonReply done) override;
    void createVolume(const QJsonObject &config, JsonReply done) override;
    void inspectVolume(const QString &name, JsonReply done) override;
    void removeVolume(const QString &name, bool force, Done done) override;
    void pruneVolumes(bool all, JsonReply done) override;

    void listNetworks(ListReply done) override;
    void createNetwork(const QJsonObject &config, JsonReply done) override;
    void inspectNetwork(const QString &name, JsonReply done) override;
    void removeNetwork(const QString &name, Done done) override;
    void pruneNetworks(JsonReply done) override;

    void listRegistries(ListReply done) override;
    void addRegistry(const QString &host, bool insecure, Done done) override;
    void removeRegistry(const QString &host, Done done) override;
    void loginRegistry(const QString &host, const QString &username, const QString &password, TextReply done) override;
    void logoutRegistry(const QString &host, Done done) override;
    void checkRegistry(const QString &host, JsonReply done) override;
    void registryCatalog(const QString &host, int limit, const QString &last, JsonReply done) override;
    void registryTags(
        const QString &host, const QString &repository, int limit, const QString &last, JsonReply done) override;
    void describeReference(const QString &reference, const QString &platform, JsonReply done) override;
    void deleteRegistryTag(const QString &reference, Done done) override;
    void searchRegistries(const QString &terms, TextReply job) override;

private:
    using Query = QList<std::pair<QString, QString>>;
    // Sends a request; `done` gets the answer's JSON (T: QJsonObject or
    // QJsonArray), or nothing (T void), or the engine's error.
    template <typename T>
    void send(const QByteArray &verb, const QString &path, const Query &query, const QByteArray &body,
        std::function<void(Result<T>)> done);
    // Starts a pull or a push: its progress lines become jobProgress, its
    // end jobFinished; `job` gets the job's ID at once.
    void startJob(const QString &path, const Query &query, TextReply job);
    QNetworkRequest requestFor(const QString &path, const Query &query) const;
    void ping();
    void setConnected(bool connected);
    void followEvents();
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
