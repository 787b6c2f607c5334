#pragma once
// A container's writable layer on its image's snapshots: with overlay, an
// upper and a work dir of its own over the image's layers as lower dirs,
// mounted at merged/ while it runs (or for a moment, to reach its files);
// with the copying driver, a full copy of the image made at create. What it
// changed over the image is its upper dir (the builder's diff reads the
// same). Blocking I/O: create, remove and usage belong on a worker thread.

#include "engine/paths.h"
#include "engine/snapshots/snapshotter.h"

namespace muelle::engine::snapshots {

class WritableLayer {
public:
    // `chainIds`: the image's, bottom layer first.
    WritableLayer(const Paths &paths, Driver driver, QString id, QList<oci::Digest> chainIds);

    Result<> create() const;
    // Mounts (again, after a crash) and returns the root's path.
    Result<QString> mount() const;
    void unmount() const;
    // Unmounts and deletes the layer.
    Result<> remove() const;
    // The root's path (mounted or not).
    QString path() const;
    // The directory holding what the container changed: upper/ with overlay,
    // the whole copy with the copying driver.
    QString changesDir() const;
    // The bytes in changesDir() (files and symlink targets), walking the tree.
    qint64 usage() const;
    Driver driver() const { return driver_; }
    // With overlay, the read-only dirs under the upper one, top first: the
    // init dir (when the container has one), then the image's snapshots
    // (the image's alone, `withInit` false).
    QStringList lowerDirs(bool withInit = true) const;

private:
    Paths paths_;
    Driver driver_;
    QString id_;
    QList<oci::Digest> chainIds_;
};

} // namespace muelle::engine::snapshots
