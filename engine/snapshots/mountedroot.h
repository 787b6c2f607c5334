#pragma once
// A root filesystem mounted apart, for work that needs no container:
// overlayfs over an image's snapshots, read-only (COPY --from's source,
// what docker diff compares with) or with a fresh upper directory that
// collects what a build step writes (the upper dir becomes the layer); or
// over a container's own layers, read-only (docker export). Unmounted and
// its mount point removed when it goes. Overlay only. Blocking: create and
// destroy it on a worker thread.

#include "engine/paths.h"
#include "oci/digest.h"

#include <QList>
#include <QString>

#include <memory>

namespace muelle::engine::snapshots {

// The options that keep an overlay's upper dir a plain layer — no
// redirects or metadata-only copies, which a tar of it could not carry —
// where the kernel knows them (",redirect_dir=off,metacopy=off"), else "".
QString plainUpperOptions();

class MountedRoot {
public:
    // `chainIds`: the image's, bottom layer first. `upper` and `work`
    // (empty directories on one file system) make it writable.
    static Result<std::unique_ptr<MountedRoot>> mount(
        const Paths &paths, const QList<oci::Digest> &chainIds, const QString &upper = {}, const QString &work = {});
    // Read-only over `lowerDirs`, the top one first.
    static Result<std::unique_ptr<MountedRoot>> mountDirs(const Paths &paths, const QStringList &lowerDirs);
    ~MountedRoot();
    MountedRoot(const MountedRoot &) = delete;
    MountedRoot &operator=(const MountedRoot &) = delete;

    const QString &path() const { return path_; }
    // An open descriptor of the root, for confined paths below it.
    int fd() const { return fd_; }
    // Unmounts now (the upper dir is complete once this returned).
    void unmount();

private:
    MountedRoot() = default;
    static Result<std::unique_ptr<MountedRoot>> mountOver(
        const Paths &paths, QStringList lower, const QString &upper, const QString &work);
    QString path_;
    QString empty_; // the lower dir of an image without layers
    int fd_ = -1;
    bool mounted_ = false;
};

} // namespace muelle::engine::snapshots
