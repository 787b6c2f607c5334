#pragma once
// docker cp: what the archive endpoints (HEAD, GET and PUT
// /containers/{id}/archive) say about a path in a container's filesystem.

#include <QDateTime>
#include <QString>

#include <memory>

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

} // namespace muelle::engine::containers
