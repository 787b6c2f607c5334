#pragma once
// The container service: creates containers from local images and runs
// them through one muelle-shim each, then manages them while they run —
// start, stop, restart, kill, pause, wait, attach, remove — and after
// muelled restarts (live restore: running containers keep running, their
// shims are watched again). Lives on the daemon's main thread; the REST API
// calls it now, D-Bus later, neither holding logic of its own.

#include "engine/cgroups/cgroups.h"
#include "engine/containers/container.h"
#include "engine/containers/files.h"
#include "engine/containers/rootfs.h"
#include "engine/containers/shimclient.h"
#include "engine/events/events.h"
#include "engine/paths.h"
#include "engine/runtime/ocispec.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace muelle::engine::network {
class NetworkService;
}
namespace muelle::engine::volumes {
class VolumeService;
}
namespace muelle::engine::images {
class ImageService;
}

namespace muelle::engine::containers {

struct Settings {
    QString dataRoot;
    QString execRoot; // /run/muelle
    QString shim; // the muelle-shim executable
    QString runtime = QStringLiteral("runc");
    QString initPath; // --init's binary (tini-static); "" = none
};

enum class WaitCondition { NotRunning, NextExit, Removed };

struct WaitResult {
    int statusCode = 0;
    QString error;
};

// docker ps filters; empty fields filter nothing.
struct ListOptions {
    bool all = false;
    int limit = -1; // the last N created
    QStringList ids, names, statuses, ancestors, labels, exited, volumes, networks;
    std::optional<QString> before, since;
};

// docker exec: what to run in a running container.
struct ExecSpec {
    QStringList cmd;
    QStringList env; // added to the container's
    QString user; // "" = the container's
    QString workingDir; // "" = the container's
    bool tty = false;
    bool attachStdin = false;
    bool attachStdout = false;
    bool attachStderr = false;
    bool privileged = false;
    ConsoleSize consoleSize;
};

struct Exec {
    QString id;
    QString containerId;
    ExecSpec spec;
    bool started = false;
    bool running = false;
    std::optional<int> exitCode;
    int pid = 0;
};

class ContainerService : public QObject {
    Q_OBJECT
public:
    ContainerService(Settings settings, images::ImageService &images, network::NetworkService &networks,
        volumes::VolumeService &volumes, events::EventBus &events, QObject *parent = nullptr);
    ~ContainerService() override;

    // Loads the records, watches the shims of running containers again (a
    // container whose shim is gone is marked exited), and starts those
    // their restart policy says must run.
    Result<> open();

    // The container a name means: a full ID, a name ("/x" or "x"), or a
    // unique ID prefix. NotFound: "No such container: x".
    Result<Container> find(const QString &name) const;

    struct Created {
        QString id;
        QStringList warnings;
    };
    // `name` empty = a generated one. NotFound "No such image" when the
    // image is not here (docker run then pulls it).
    void create(const QString &name, Spec spec, std::function<void(Result<Created>)> done);
    // `done` gets false when it was running already (HTTP 304).
    void start(const QString &name, std::function<void(Result<bool>)> done);
    // Signals the stop signal, then SIGKILL after `timeout` seconds (the
    // container's or 10 when nullopt; -1 waits forever). false when it was
    // not running (HTTP 304).
    void stop(const QString &name, std::optional<int> timeout, std::function<void(Result<bool>)> done);
    void restart(const QString &name, std::optional<int> timeout, std::function<void(Result<>)> done);
    void kill(const QString &name, int signal, std::function<void(Result<>)> done);
    void pause(const QString &name, std::function<void(Result<>)> done);
    void unpause(const QString &name, std::function<void(Result<>)> done);
    void wait(const QString &name, WaitCondition condition, std::function<void(Result<WaitResult>)> done);
    // Removes a stopped container (a running one with `force`), its layer
    // and logs; with `volumes` its anonymous volumes.
    void remove(const QString &name, bool force, bool volumes, std::function<void(Result<>)> done);
    Result<> rename(const QString &name, const QString &newName);
    // docker update: the resources of POST /containers/{id}/update's body
    // (see updatedResources) and its restart policy, applied at once to a
    // running container (runc update) and kept for its next starts.
    void update(const QString &name, const QJsonObject &body, std::function<void(Result<>)> done);
    Result<QList<Container>> list(const ListOptions &options) const;
    // Removes every stopped container; their IDs.
    void prune(std::function<void(Result<QStringList>)> done);

    // An attach stream to the container's process. For a container not
    // started yet, `done` is called when it starts (before its process runs,
    // so no output is missed).
    void attach(const QString &name, bool in, bool out, bool err, std::function<void(Result<Attachment>)> done);
    void resize(const QString &name, int rows, int columns, std::function<void(Result<>)> done);

    // docker exec: Conflict when the container is not running.
    Result<QString> createExec(const QString &container, ExecSpec spec);
    // Runs the exec; with `attach`, `done` gets the stream to its process
    // (connected before the process starts). An exec that cannot start has
    // an exit code (126, or 127 for a missing command) and `done` an error.
    void startExec(const QString &execId, bool attach, std::function<void(Result<std::optional<Attachment>>)> done);
    // NotFound: "No such exec instance: <id>".
    Result<Exec> exec(const QString &execId) const;
    void resizeExec(const QString &execId, int rows, int columns, std::function<void(Result<>)> done);

    // Where a container's log is, and whether it has a TTY (raw log lines).
    struct LogSource {
        QString path;
        int maxFiles = 1;
        bool tty = false;
        bool running = false;
        QString id;
    };
    Result<LogSource> logSource(const QString &name) const;

    // docker network connect: a running container joins now (with `ip`
    // when given), a stopped one when it starts. disconnect: it leaves.
    Result<> connectNetwork(const QString &name, const QString &network, const QString &ip);
    Result<> disconnectNetwork(const QString &name, const QString &network);
    // The networks a container is configured to join: its network mode's
    // (none for "none", "host" and "container:") and those connected since.
    QStringList networksOf(const Container &container) const;

    // docker cp (files.cpp): a path in a running container as its processes
    // see it, mounts included; in a stopped one, in its layer or in the
    // volume or bind mounted there. NotFound: "Could not find the file ...".
    void statPath(const QString &name, const QString &path, std::function<void(Result<PathStat>)> done);
    // The path's stat and the tar stream of it (read from a worker thread).
    void archivePath(const QString &name, const QString &path, std::function<void(Result<PathArchive>)> done);
    // Unpacks the tar archive in `tarFile` into the directory at `path`; a
    // bad archive is refused before anything is written.
    void extractToPath(const QString &name, const QString &path, const QString &tarFile, CopyInOptions options,
        std::function<void(Result<>)> done);

    const Paths &paths() const { return paths_; }
    // The containers that mount volume `name` (for volume removal).
    QStringList usingVolume(const QString &name) const;
    // The volumes a container mounts, by name.
    QStringList volumesOf(const Container &container) const;
    // The bytes of its writable layer (what it changed over its image;
    // its whole copy with the copying driver), for system df. Walks the tree.
    qint64 writableSize(const Container &container) const;
    // The containers created from `image` (for image removal).
    QStringList usingImage(const oci::Digest &image) const;
    cgroups::Cgroup cgroupOf(const Container &container) const;

    struct FileRoot; // files.cpp

private:
    struct Pending;
    struct MountedPath {
        QByteArray target; // a root path in the container
        QString hostPath; // "" for tmpfs
        bool readOnly = false;
    };
    QList<MountedPath> mountedPaths(const Container &container) const;
    Result<FileRoot> locatePath(const QString &name, const QString &path);
    Result<runtime::User> userOf(const Container &container); // its --user's IDs
    Result<Container *> lookup(const QString &name);
    Result<> save(const Container &container);
    void publish(const Container &container, const QString &action, QHash<QString, QString> attributes = {});
    void launch(Container &container, std::function<void(Result<>)> done);
    Result<QString> writeBundle(Container &container);
    Result<QString> writeNetworkFiles(const Container &container);
    // The running container whose network a "container:<name>" one joins.
    Result<const Container *> networkContainerOf(const Container &container);
    // networking.cpp: endpoints and published ports of a starting container
    // (its process `pid` created, not yet running) and of one that exited.
    Result<> joinNetworks(Container &container, int pid);
    Result<> joinNetwork(Container &container, int pid, const QString &network, const QString &ip);
    void leaveNetworks(Container &container);
    Result<> publishPorts(Container &container, const QHostAddress &ip);
    void restoreNetworks(Container &container);
    QByteArray hostsFileOf(const Container &container) const;
    void refreshHosts(const QString &networkId, const QString &except);
    Rootfs rootfsOf(const Container &container) const;
    void watch(const QString &id);
    void exited(const QString &id, std::optional<Exit> exit);
    void afterExit(const QString &id);
    void restartLater(const QString &id);
    // With `anonymousVolumes`, its anonymous volumes go too (rm -v, --rm).
    void finishRemoval(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done);
    // mounts.cpp: the volumes a new container needs (named ones made when
    // missing, anonymous ones for --mount without a source, -v /path and
    // the image's VOLUMEs), their host paths at start (filled from the image
    // the first time), and the anonymous ones' removal.
    Result<> makeVolumes(Spec &spec, const QStringList &imageVolumes, QMap<QString, QString> &anonymous);
    Result<QList<runtime::ResolvedMount>> resolveMounts(const Container &container, const QString &rootfs);
    void removeAnonymousVolumes(const Container &container);
    void announceUnmounts(const Container &container); // volume "unmount" events, when it stops
    void notify(const QString &id, WaitCondition condition);
    void runRuntime(const QStringList &args, std::function<void(Result<>)> done);
    QString shimSocket(const Container &container) const;
    Result<QString> writeExecProcess(const Container &container, const Exec &exec);
    void execExited(const QString &execId, std::optional<Exit> exit);

    Settings settings_;
    Paths paths_;
    images::ImageService &images_;
    network::NetworkService &networks_;
    volumes::VolumeService &volumes_;
    events::EventBus &events_;
    cgroups::Hierarchy cgroups_;
    QHash<QString, Container> containers_;
    QHash<QString, Exec> execs_;
    std::unique_ptr<Pending> pending_;
    QThreadPool pool_;
};

} // namespace muelle::engine::containers
