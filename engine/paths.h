#pragma once
// muelled's data root, drawn once; every path is built here.
//
//   <data-root>/
//     muelled.lock              held (flock) by the one daemon using this root
//     engine-id                 the daemon's stable ID
//     metadata.db               SQLite (WAL): images, tags, manifests, layers
//     auth.json                 registry credentials from `docker login` (0600)
//     registries.json           the registries a user added (the desktop's Registries)
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
//       containers/<id>/        a container's writable layer: upper/ and work/
//                               (overlay) mounted at merged/ over init/ (the
//                               mount points) and the image's snapshots (empty/:
//                               the lower dir of an image with no layers); with the
//                               copying driver merged/ is a full copy of the image
//     containers/<id>/          the OCI bundle (config.json), hosts, resolv.conf,
//                               hostname, <id>-json.log, update.json (docker
//                               update's resources for runc update), and the
//                               shim's files: state.json, init.pid, runtime.log
//       exec/<exec id>/         an exec's shim: process.json, state.json
//       stats/seconds, minutes  its resource history (engine/stats/history.h)
//     volumes/<name>/_data      a named volume's files
//     build/cache-mounts/<hex>  RUN --mount=type=cache's directories
//
//   <exec-root>/ (default /run/muelle: gone at reboot, like the processes)
//     runc/                     runc --root: the runtime's state
//     s/<id prefix>.sock        each shim's control socket (sun_path is short)
//
//   cgroups: each container's is /muelle/<id> below every hierarchy
//   (engine/cgroups reads its files; runc creates it from config.json)
//
// content/ and snapshots/ each live on one filesystem, so committing is an
// atomic rename.

#include "oci/digest.h"

#include <QString>

namespace muelle::engine {

class Paths {
public:
    explicit Paths(QString root, QString execRoot = {}) : root_(std::move(root)), execRoot_(std::move(execRoot)) { }

    const QString &root() const { return root_; }
    QString lock() const { return root_ + QStringLiteral("/muelled.lock"); }
    QString engineId() const { return root_ + QStringLiteral("/engine-id"); }
    QString database() const { return root_ + QStringLiteral("/metadata.db"); }
    QString credentials() const { return root_ + QStringLiteral("/auth.json"); }
    QString registries() const { return root_ + QStringLiteral("/registries.json"); }
    QString blobsDir() const { return root_ + QStringLiteral("/content/blobs/sha256"); }
    QString blob(const oci::Digest &digest) const { return blobsDir() + u'/' + digest.hex(); }
    QString ingestDir() const { return root_ + QStringLiteral("/content/ingest"); }
    QString tmpDir() const { return root_ + QStringLiteral("/tmp"); }
    QString snapshotsDir() const { return root_ + QStringLiteral("/snapshots"); }
    QString snapshot(const oci::Digest &chainId) const { return snapshotsDir() + u'/' + chainId.hex(); }
    QString snapshotTmpDir() const { return root_ + QStringLiteral("/snapshots/tmp"); }

    QString containerLayersDir() const { return root_ + QStringLiteral("/snapshots/containers"); }
    QString containerLayer(const QString &id) const { return containerLayersDir() + u'/' + id; }
    QString containerLayerUpper(const QString &id) const { return containerLayer(id) + QStringLiteral("/upper"); }
    QString containerLayerWork(const QString &id) const { return containerLayer(id) + QStringLiteral("/work"); }
    QString containerLayerMerged(const QString &id) const { return containerLayer(id) + QStringLiteral("/merged"); }
    // The lower dir above the image's: the mount points runc needs, made at
    // create so that they are not the container's changes (Docker's init layer).
    QString containerLayerInit(const QString &id) const { return containerLayer(id) + QStringLiteral("/init"); }
    // An empty lower dir for an image of no layers (overlay wants one).
    QString containerLayerEmpty(const QString &id) const { return containerLayer(id) + QStringLiteral("/empty"); }
    QString containersDir() const { return root_ + QStringLiteral("/containers"); }
    QString container(const QString &id) const { return containersDir() + u'/' + id; }
    QString containerLog(const QString &id) const { return container(id) + u'/' + id + QStringLiteral("-json.log"); }
    QString containerConfig(const QString &id) const { return container(id) + QStringLiteral("/config.json"); }
    QString containerHosts(const QString &id) const { return container(id) + QStringLiteral("/hosts"); }
    QString containerHostname(const QString &id) const { return container(id) + QStringLiteral("/hostname"); }
    QString containerResolvConf(const QString &id) const { return container(id) + QStringLiteral("/resolv.conf"); }
    QString containerUpdate(const QString &id) const { return container(id) + QStringLiteral("/update.json"); }
    QString exec(const QString &id, const QString &execId) const
    {
        return container(id) + QStringLiteral("/exec/") + execId;
    }
    QString containerStats(const QString &id) const { return container(id) + QStringLiteral("/stats"); }
    QString execProcess(const QString &id, const QString &execId) const
    {
        return exec(id, execId) + QStringLiteral("/process.json");
    }
    // RUN --mount=type=cache's directories, kept between builds.
    QString buildCacheMountsDir() const { return root_ + QStringLiteral("/build/cache-mounts"); }
    QString volumesDir() const { return root_ + QStringLiteral("/volumes"); }
    QString volume(const QString &name) const { return volumesDir() + u'/' + name; }

    const QString &execRoot() const { return execRoot_; }
    QString runtimeRoot() const { return execRoot_ + QStringLiteral("/runc"); }
    // A shim's socket: the ID's first 32 characters keep the path short.
    QString shimSocketsDir() const { return execRoot_ + QStringLiteral("/s"); }
    QString shimSocket(const QString &shimId) const
    {
        return shimSocketsDir() + u'/' + shimId.left(32) + QStringLiteral(".sock");
    }

    // A container's cgroup path, below each hierarchy's root.
    static QString containerCgroup(const QString &id) { return QStringLiteral("/muelle/") + id; }

private:
    QString root_;
    QString execRoot_;
};

} // namespace muelle::engine
