#pragma once
// docker cp: the archive endpoints (HEAD, GET and PUT
// /containers/{id}/archive) on a path in a container's filesystem. A running
// container's paths are reached through /proc/<pid>/root, its root as its
// processes see it, mounts included; a stopped one's in its layer (mounted
// for the moment it takes to open it), or in the volume or bind mounted at
// that path. Every name below that root is resolved inside it
// (confine/inroot.h), so no symlink in the container leads out of it.
// Lives on the daemon's main thread; the file work runs on a worker thread.

#include "engine/containers/container.h"
#include "engine/runtime/ocispec.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThreadPool;

namespace muelle::archive {
class TarStream;
}

namespace muelle::engine::containers {

// Docker's container path stat (the X-Docker-Container-Path-Stat header).
struct PathStat {
    QString name; // the path's last component, "." for "dir/.", "/" for the root
    qint64 size = 0;
    quint32 mode = 0; // Go's os.FileMode: permission bits and type bits
    QDateTime mtime;
    QString linkTarget; // a symlink's target, resolved in the container, absolute
};

struct PathArchive {
    PathStat stat;
    std::shared_ptr<archive::TarStream> tar;
};

struct CopyInOptions {
    bool noOverwriteDirNonDir = false;
    // docker cp -a: the files belong to the container's user (its --user),
    // rather than to the owners the archive gives (Docker's copyUIDGID).
    bool copyUidGid = false;
};

// Go's os.FileMode bits from a stat(2) mode.
quint32 goFileMode(unsigned mode);

class ContainerStore;

class FileService : public QObject {
    Q_OBJECT
public:
    FileService(ContainerStore &store, QThreadPool &pool, QObject *parent = nullptr)
        : QObject(parent), store_(store), pool_(pool)
    {
    }

    // NotFound: "Could not find the file ... in container ...".
    void statPath(const QString &name, const QString &path, std::function<void(Result<PathStat>)> done);
    // The path's stat and the tar stream of it (read from a worker thread).
    void archivePath(const QString &name, const QString &path, std::function<void(Result<PathArchive>)> done);
    // Unpacks the tar archive in `tarFile` into the directory at `path`; a
    // bad archive is refused before anything is written.
    void extractToPath(const QString &name, const QString &path, const QString &tarFile, CopyInOptions options,
        std::function<void(Result<>)> done);

    struct FileRoot;

private:
    struct MountedPath {
        QByteArray target; // a root path in the container
        QString hostPath; // "" for tmpfs
        bool readOnly = false;
    };
    QList<MountedPath> mountedPaths(const Container &container) const;
    Result<FileRoot> locatePath(const QString &name, const QString &path);
    Result<runtime::User> userOf(const Container &container); // its --user's IDs

    ContainerStore &store_;
    QThreadPool &pool_;
};

} // namespace muelle::engine::containers
