#pragma once
// Runs containers through one muelle-shim each and supervises them: start,
// stop, restart, kill, pause, unpause, wait, attach, resize, update,
// removal; what an exit leads to (waiters, --rm, restart policies); and,
// after muelled restarts, the containers that kept running (live restore:
// their shims are watched again). Every state change is a checked
// transition (container.h). Lives on the daemon's main thread.

#include "engine/containers/container.h"
#include "engine/shim/client.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace muelle::engine::containers {

class BundleWriter;
class ContainerNetworking;
class ContainerStore;

enum class WaitCondition { NotRunning, NextExit, Removed };

struct WaitResult {
    int statusCode = 0;
    QString error;
};

class Supervisor : public QObject {
    Q_OBJECT
public:
    Supervisor(
        ContainerStore &store, BundleWriter &bundles, ContainerNetworking &networking, QObject *parent = nullptr);
    ~Supervisor() override;

    // Live restore: containers left removing are removed, running ones are
    // watched again (one whose shim is gone is marked exited), and those
    // their restart policy says must run are started.
    void restore();

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
    // Removes every stopped container; their IDs.
    void prune(std::function<void(Result<QStringList>)> done);
    // docker update: the resources of POST /containers/{id}/update's body
    // (see updatedResources) and its restart policy, applied at once to a
    // running container (runc update) and kept for its next starts.
    void update(const QString &name, const QJsonObject &body, std::function<void(Result<>)> done);

    // An attach stream to the container's process. For a container not
    // started yet, `done` is called when it starts (before its process runs,
    // so no output is missed).
    void attach(const QString &name, bool in, bool out, bool err, std::function<void(Result<shim::Attachment>)> done);
    void resize(const QString &name, int rows, int columns, std::function<void(Result<>)> done);

    // Whether a start of the container is under way (its process not yet running).
    bool starting(const QString &id) const;

private:
    struct Pending;
    shim::ShimClient shimOf(const Container &container);
    void launch(Container &container, std::function<void(Result<>)> done);
    void watch(const QString &id);
    void exited(const QString &id, std::optional<shim::Exit> exit);
    void afterExit(const QString &id);
    void restartLater(const QString &id);
    void finishRemoval(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done);
    void notify(const QString &id, WaitCondition condition);
    void runRuntime(const QStringList &args, std::function<void(Result<>)> done);

    ContainerStore &store_;
    BundleWriter &bundles_;
    ContainerNetworking &networking_;
    std::unique_ptr<Pending> pending_;
};

} // namespace muelle::engine::containers
