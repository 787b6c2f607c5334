#pragma once
// The containers' records: every container of the engine by ID, found by
// name, ID or unique ID prefix; created (record and writable layer) and
// destroyed; kept in metadata.db; their events published. The other roles
// (supervisor, execs, files, networking) read and change containers here.
// Lives on the daemon's main thread.

#include "engine/cgroups/cgroups.h"
#include "engine/containers/container.h"
#include "engine/paths.h"
#include "engine/snapshots/writable.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

class QThreadPool;

namespace muelle::engine::images {
class ImageService;
}
namespace muelle::engine::events {
class EventBus;
}

namespace muelle::engine::containers {

class VolumeMounts;

struct Settings {
    QString dataRoot;
    QString execRoot; // /run/muelle
    QString shim; // the muelle-shim executable
    QString runtime = QStringLiteral("runc");
    QString initPath; // --init's binary (tini-static); "" = none
};

// docker ps filters; empty fields filter nothing.
struct ListOptions {
    bool all = false;
    int limit = -1; // the last N created
    QStringList ids, names, statuses, ancestors, labels, exited, volumes, networks;
    std::optional<QString> before, since;
};

// Where a container's log is, and whether it has a TTY (raw log lines).
struct LogSource {
    QString path;
    int maxFiles = 1;
    bool tty = false;
    bool running = false;
    QString id;
};

class ContainerStore : public QObject {
    Q_OBJECT
public:
    ContainerStore(Settings settings, images::ImageService &images, VolumeMounts &volumes, events::EventBus &events,
        QThreadPool &pool, QObject *parent = nullptr);

    // Reads the records (those of an older muelled are written again in
    // today's shape; a damaged one is skipped with a warning).
    Result<> load();

    // The container a name means: a full ID, a name ("/x" or "x"), or a
    // unique ID prefix. NotFound: "No such container: x".
    Result<Container *> lookup(const QString &name);
    Result<Container> find(const QString &name) const;
    // By full ID; nullptr once it is gone.
    Container *get(const QString &id);
    const QHash<QString, Container> &all() const { return containers_; }

    struct Created {
        QString id;
        QStringList warnings;
    };
    // `name` empty = a generated one. NotFound "No such image" when the
    // image is not here (docker run then pulls it). Visible (and saved) at
    // once; `done` once its writable layer is made.
    void create(const QString &name, Spec spec, std::function<void(Result<Created>)> done);
    // Marks it removing, deletes its writable layer and bundle (on a worker
    // thread), then its record: `done` once it is gone. With
    // `anonymousVolumes` its anonymous volumes go too. A layer that cannot be
    // deleted leaves it dead, with the reason.
    void destroy(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done);
    Result<> rename(const QString &name, const QString &newName);
    Result<QList<Container>> list(const ListOptions &options) const;

    // Moves its state to `to` (see transition()) and saves it.
    Result<> move(Container &container, Status to);
    Result<> save(const Container &container);
    void publish(const Container &container, const QString &action, QHash<QString, QString> attributes = {});

    Result<LogSource> logSource(const QString &name) const;
    // The containers created from `image` (for image removal), and those
    // that mount volume `name` (for volume removal).
    QStringList usingImage(const oci::Digest &image) const;
    QStringList usingVolume(const QString &name) const;
    snapshots::WritableLayer layerOf(const Container &container) const;
    // The bytes of its writable layer (docker system df). Walks the tree.
    qint64 writableSize(const Container &container) const;
    cgroups::Cgroup cgroupOf(const Container &container) const;
    const cgroups::Hierarchy &cgroups() const { return cgroups_; }
    const Paths &paths() const { return paths_; }
    const Settings &settings() const { return settings_; }
    images::ImageService &images() const { return images_; }
    VolumeMounts &volumes() const { return volumes_; }

private:
    Settings settings_;
    Paths paths_;
    images::ImageService &images_;
    VolumeMounts &volumes_;
    events::EventBus &events_;
    QThreadPool &pool_;
    cgroups::Hierarchy cgroups_;
    QHash<QString, Container> containers_;
};

} // namespace muelle::engine::containers
