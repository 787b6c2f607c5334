#pragma once
// Unpacked layers on disk, keyed by chain ID (the image spec's ChainID: the
// first layer's diff ID, then sha256("<parent chain ID> <diff ID>")).
//
// Two drivers. overlay: each snapshot holds its own layer only, with OCI
// whiteouts turned into overlay whiteouts; the snapshots of an image are the
// lower dirs of a container's overlay mount, and can be unpacked in any
// order, in parallel. copy (where overlayfs cannot be mounted): each
// snapshot is a full tree, a copy of its parent with the layer applied, so
// layers are unpacked in order.
//
// A layer is unpacked into a fresh directory from prepare(), then commit()
// renames it to its chain ID: a visible snapshot is always complete, and a
// process killed at any moment leaves none half made (directories left are
// removed by open()). Like Docker's overlay2, snapshots are not synced to
// disk: a snapshot derives from its blob, which is, and syncing every
// unpacked file more than doubled the time of a pull. After a host crash, a
// layer unpacked in the last seconds may need pulling again.
// Blocking I/O: call from worker threads; the methods are thread-safe.

#include "archive/extract.h"
#include "engine/paths.h"

#include <QStringList>

namespace muelle::engine::snapshots {

enum class Driver { Overlay, Copy };

class Snapshotter {
public:
    explicit Snapshotter(const Paths &paths) : paths_(paths) { }

    // Creates the directories, clears unfinished work, and picks the driver:
    // `wanted` ("overlay2", "vfs", or empty to probe an overlay mount).
    Result<> open(const QString &wanted);
    Driver driver() const { return driver_; }
    QString driverName() const;
    archive::WhiteoutMode whiteoutMode() const;

    bool exists(const oci::Digest &chainId) const;
    QString path(const oci::Digest &chainId) const { return paths_.snapshot(chainId); }
    // A fresh directory to unpack a layer into: empty for the overlay
    // driver, and for the copy driver a copy of `parent` (when given).
    Result<QString> prepare(const std::optional<oci::Digest> &parent) const;
    // Makes `dir` visible as `chainId`. When another pull committed the same
    // snapshot first, `dir` is discarded and that one kept.
    Result<> commit(const QString &dir, const oci::Digest &chainId) const;
    void discard(const QString &dir) const;
    Result<> remove(const oci::Digest &chainId) const;
    QList<oci::Digest> list() const;
    // Bytes used by a snapshot's files (du).
    qint64 usage(const oci::Digest &chainId) const;

private:
    Paths paths_;
    Driver driver_ = Driver::Overlay;
};

// ChainIDs of a list of diff IDs, in order.
QList<oci::Digest> chainIds(const QList<oci::Digest> &diffIds);

} // namespace muelle::engine::snapshots
