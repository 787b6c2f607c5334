#pragma once
// A container's root filesystem on the image's snapshots: with overlay, an
// upper and a work dir of its own over the image's layers as lower dirs,
// mounted at start; with the copying driver, a full copy of the image made
// at create. Blocking I/O: create and remove run on a worker thread.

#include "engine/paths.h"
#include "engine/snapshots/snapshotter.h"

namespace muelle::engine::containers {

class Rootfs {
public:
    Rootfs(const Paths &paths, snapshots::Driver driver, QString id, QList<oci::Digest> chainIds);

    Result<> create() const;
    // Mounts (again, after a crash) and returns the root's path.
    Result<QString> mount() const;
    void unmount() const;
    // Unmounts and deletes the layer.
    Result<> remove() const;
    QString path() const;

private:
    Paths paths_;
    snapshots::Driver driver_;
    QString id_;
    QList<oci::Digest> chainIds_; // the image's, bottom layer first
};

} // namespace muelle::engine::containers
