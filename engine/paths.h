#pragma once
// muelled's data root, drawn once; every path is built here.
//
//   <data-root>/
//     muelled.lock              held (flock) by the one daemon using this root
//     engine-id                 the daemon's stable ID
//     metadata.db               SQLite (WAL): images, tags, manifests, layers
//     auth.json                 registry credentials from `docker login` (0600)
//     content/
//       blobs/sha256/<hex>      every blob once (layers, configs, manifests);
//                               complete and verified when visible
//       ingest/<random>         blobs being written (cleared at start)
//     tmp/                      scratch: uploaded tarballs being loaded (cleared at start)
//     snapshots/
//       <chain-id hex>/         one unpacked layer: an overlayfs lower dir, or
//                               with the copying driver the whole tree so far;
//                               complete when visible
//       tmp/<random>/           layers being unpacked (cleared at start)
//
// content/ and snapshots/ each live on one filesystem, so committing is an
// atomic rename.

#include "oci/digest.h"

#include <QString>

namespace muelle::engine {

class Paths {
public:
    explicit Paths(QString root) : root_(std::move(root)) { }

    const QString &root() const { return root_; }
    QString lock() const { return root_ + QStringLiteral("/muelled.lock"); }
    QString engineId() const { return root_ + QStringLiteral("/engine-id"); }
    QString database() const { return root_ + QStringLiteral("/metadata.db"); }
    QString credentials() const { return root_ + QStringLiteral("/auth.json"); }
    QString blobsDir() const { return root_ + QStringLiteral("/content/blobs/sha256"); }
    QString blob(const oci::Digest &digest) const { return blobsDir() + u'/' + digest.hex(); }
    QString ingestDir() const { return root_ + QStringLiteral("/content/ingest"); }
    QString tmpDir() const { return root_ + QStringLiteral("/tmp"); }
    QString snapshotsDir() const { return root_ + QStringLiteral("/snapshots"); }
    QString snapshot(const oci::Digest &chainId) const { return snapshotsDir() + u'/' + chainId.hex(); }
    QString snapshotTmpDir() const { return root_ + QStringLiteral("/snapshots/tmp"); }

private:
    QString root_;
};

} // namespace muelle::engine
