#pragma once
// What the desktop app asks of an engine, whichever way it reaches it: a
// local engine over D-Bus (DbusEngineClient), a remote one over the Docker
// API (HttpEngineClient). One method per method of org.muelle.Engine1's
// interfaces, in their order: packaging/dbus/org.muelle.Engine1.*.xml is the
// contract (what each answers, what each option means); here the options
// are typed parameters. Answers come later, on the client's thread, as the
// Docker API's JSON the interface documents; errors keep the engine's code
// and words (NotFound for a missing container, image, volume or network).

#include "base/error.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

// A container's log as it streams: Docker's multiplexed frames (8-byte
// headers, stdout and stderr apart), or raw lines (a container with a TTY,
// over HTTP).
struct LogStream {
    std::unique_ptr<QIODevice> device;
    bool framed = true;
};

// Which of a container's log: Containers.Logs's options.
struct LogOptions {
    bool follow = false; // on while the container runs
    bool timestamps = false; // each line with its RFC 3339 time
    int tail = -1; // the last lines only; -1: all
    qint64 since = 0; // Unix seconds; 0: from the start
};

// A build's options, as Images.Build's (POST /build's).
struct BuildOptions {
    QString dockerfile = QStringLiteral("Dockerfile"); // its path in the context
    QStringList tags;
    QJsonObject buildArgs; // name -> value
    QJsonObject labels;
    QString target; // a stage; "": the last
    bool noCache = false;
    bool pull = false;
    QString networkMode; // "": the default
};

// A build begun: its job's ID, and where the caller writes the context (a
// tar stream; closing it ends the context).
struct BuildStart {
    QString job;
    std::unique_ptr<QIODevice> context;
};

// Containers.StatsHistory's resolution: the last hour by second, or the
// last day by minute (CPU and memory averaged over the minute).
enum class StatsResolution { Second, Minute };

class EngineClient : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Engine)
    QML_SINGLETON
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectedChanged)
public:
    // The app's one Engine (DesktopApp's), for QML.
    static EngineClient *create(QQmlEngine *, QJSEngine *);
    using QObject::QObject;

    using Done = std::function<void(Result<>)>;
    using JsonReply = std::function<void(Result<QJsonObject>)>;
    using ListReply = std::function<void(Result<QJsonArray>)>;
    using TextReply = std::function<void(Result<QString>)>;
    using LogReply = std::function<void(Result<LogStream>)>;

    // Whether the engine answers now (it may come and go).
    virtual bool isConnected() const = 0;

    // org.muelle.Engine1.System
    virtual void version(JsonReply done) = 0;
    virtual void info(JsonReply done) = 0;
    virtual void diskUsage(JsonReply done) = 0;

    // org.muelle.Engine1.Containers. A container is named by ID, unique ID
    // prefix or name.
    virtual void listContainers(bool all, ListReply done) = 0;
    virtual void inspectContainer(const QString &name, JsonReply done) = 0;
    // `config`: POST /containers/create's body; `name` "": the engine picks
    // one. Answers {"Id", "Warnings"}.
    virtual void createContainer(const QJsonObject &config, const QString &name, JsonReply done) = 0;
    virtual void startContainer(const QString &name, Done done) = 0;
    // No timeout: the container's own; -1 waits forever.
    virtual void stopContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) = 0;
    virtual void restartContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) = 0;
    // `signal`: "SIGTERM", "TERM", "15"; "" is SIGKILL.
    virtual void killContainer(const QString &name, const QString &signal, Done done) = 0;
    virtual void pauseContainer(const QString &name, Done done) = 0;
    virtual void unpauseContainer(const QString &name, Done done) = 0;
    // `force`: a running one too; `volumes`: its anonymous volumes too.
    virtual void removeContainer(const QString &name, bool force, bool volumes, Done done) = 0;
    // Containers.Top: {"Titles", "Processes"}; `psArgs` "": "-ef".
    virtual void containerProcesses(const QString &name, const QString &psArgs, JsonReply done) = 0;
    virtual void containerLogs(const QString &name, const LogOptions &options, LogReply done) = 0;
    virtual void statsHistory(const QString &name, StatsResolution resolution, ListReply done) = 0;

    // org.muelle.Engine1.Images. An image is named by reference, ID or
    // unique ID prefix. Pulls and pushes answer a job's ID at once; the job
    // reports through jobProgress and ends with jobFinished.
    virtual void listImages(ListReply done) = 0;
    virtual void inspectImage(const QString &name, JsonReply done) = 0;
    virtual void imageHistory(const QString &name, ListReply done) = 0;
    // `target`: "repo:tag" (":latest" when it has no tag).
    virtual void tagImage(const QString &name, const QString &target, Done done) = 0;
    // Answers [{"Untagged"}, {"Deleted"}]; `force`: an image in use too.
    virtual void removeImage(const QString &name, bool force, ListReply done) = 0;
    // `platform`: "os/arch[/variant]"; "": the engine's.
    virtual void pullImage(const QString &reference, const QString &platform, TextReply job) = 0;
    virtual void pushImage(const QString &reference, TextReply job) = 0;
    // The job then ends with jobFinished (cancelled) or buildFinished.
    virtual void cancelJob(const QString &job, Done done) = 0;
    // Starts a build; the context is written into `context` as the engine
    // reads it. The job reports through buildStep, buildStepDone and
    // buildOutput, and ends with buildFinished.
    using BuildReply = std::function<void(Result<BuildStart>)>;
    virtual void buildImage(const BuildOptions &options, BuildReply started) = 0;
    // Images.ParseDockerfile's JSON: stages, args, errors and warnings.
    virtual void parseDockerfile(const QString &text, JsonReply done) = 0;

    // org.muelle.Engine1.Volumes
    // GET /volumes's body: {"Volumes", "Warnings"}.
    virtual void listVolumes(JsonReply done) = 0;
    // `config`: {"Name", "Labels", "DriverOpts"}; answers the volume.
    virtual void createVolume(const QJsonObject &config, JsonReply done) = 0;
    virtual void inspectVolume(const QString &name, JsonReply done) = 0;
    // A volume in use is a Conflict unless forced.
    virtual void removeVolume(const QString &name, bool force, Done done) = 0;
    // Unused anonymous volumes; `all`: unused named ones too.
    virtual void pruneVolumes(bool all, JsonReply done) = 0;

    // org.muelle.Engine1.Networks
    virtual void listNetworks(ListReply done) = 0;
    // `config`: {"Name", "Driver", "Internal", "Labels", "IPAM"}; answers
    // {"Id", "Warning"}.
    virtual void createNetwork(const QJsonObject &config, JsonReply done) = 0;
    virtual void inspectNetwork(const QString &name, JsonReply done) = 0;
    // Not a predefined one (bridge, host, none), nor one a container uses.
    virtual void removeNetwork(const QString &name, Done done) = 0;
    // Networks no container uses.
    virtual void pruneNetworks(JsonReply done) = 0;

    // org.muelle.Engine1.Registries: registries by host ("name[:port]"),
    // references as "host/name:tag" or "host/name@digest". Credentials go
    // to the engine and stay there. Every answer needs the network, so each
    // may take the registry's time; none blocks.
    // [{"host", "added", "logged_in", "username", "insecure", "mirror"}]
    virtual void listRegistries(ListReply done) = 0;
    virtual void addRegistry(const QString &host, bool insecure, Done done) = 0;
    virtual void removeRegistry(const QString &host, Done done) = 0;
    // Refused credentials: Unauthenticated in the registry's words.
    virtual void loginRegistry(const QString &host, const QString &username, const QString &password, TextReply done)
        = 0;
    virtual void logoutRegistry(const QString &host, Done done) = 0;
    // {"host", "search": "muelle", "docker" or "catalog"}; an error when
    // it does not answer or refuses the engine's credentials.
    virtual void checkRegistry(const QString &host, JsonReply done) = 0;
    // {"repositories": [...], "next"} / {"tags": [...], "next"}: `limit`
    // names after `last`; "next" is the following page's `last`, "" at the end.
    virtual void registryCatalog(const QString &host, int limit, const QString &last, JsonReply done) = 0;
    virtual void registryTags(
        const QString &host, const QString &repository, int limit, const QString &last, JsonReply done)
        = 0;
    // Registries.Describe's JSON; `platform` "": the engine's.
    virtual void describeReference(const QString &reference, const QString &platform, JsonReply done) = 0;
    virtual void deleteRegistryTag(const QString &reference, Done done) = 0;
    // Searches every known registry; answers the search's ID at once, then
    // searchResults or searchFailed per registry and searchFinished.
    virtual void searchRegistries(const QString &terms, TextReply job) = 0;

Q_SIGNALS:
    // A search's results from one registry (Registries.SearchResults's
    // JSON), one registry's failure in words, and the search's end.
    void searchResults(const QString &job, const QString &registry, const QJsonArray &results);
    void searchFailed(const QString &job, const QString &registry, const QString &message);
    void searchFinished(const QString &job);
    // An engine event, as GET /events streams it.
    void engineEvent(const QJsonObject &event);
    void connectedChanged(bool connected);
    // Once a second: each running container's sample (Containers.Stats).
    void statsSampled(const QJsonArray &samples);
    // A build's steps: one begins (its number of the total, its instruction
    // and Dockerfile line), one ends (from the cache or not, the image it
    // made, how long it took), what the running step printed, and the end:
    // the image and its tags, or the error's words and line (0: none).
    void buildStep(const QString &job, int number, int total, const QString &instruction, int line);
    void buildStepDone(const QString &job, int number, bool cached, const QString &image, qint64 milliseconds);
    void buildOutput(const QString &job, const QString &text);
    void buildFinished(
        const QString &job, const QString &image, const QStringList &tags, const QString &error, int line);
    // A pull's or push's progress (Docker's messages) and its end.
    void jobProgress(const QString &job, const QJsonArray &messages);
    void jobFinished(const QString &job, const QString &error);
};

// `reply`, dropped instead of called once `owner` is gone: an answer may
// come after the object that asked was deleted (a page's model closed while
// its request was on the way). Every caller that captures itself wraps its
// reply in it.
template <typename Reply> auto whileAlive(QObject *owner, Reply reply)
{
    return [owner = QPointer<QObject>(owner), reply = std::move(reply)](auto &&...answer) {
        if (owner)
            reply(std::forward<decltype(answer)>(answer)...);
    };
}

// An answer's JSON in the shape its method documents (T: QJsonObject or
// QJsonArray); DataLoss when it does not parse or has the other shape.
template <typename T> Result<T> jsonOf(const QByteArray &text);
extern template Result<QJsonObject> jsonOf(const QByteArray &text);
extern template Result<QJsonArray> jsonOf(const QByteArray &text);

} // namespace muelle::desktop
