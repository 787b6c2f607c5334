#pragma once
// The engine's records in SQLite (WAL): images, their layers, the manifests
// and tags that name them, and where blobs came from (for cross-repository
// mounts on push). Every change that touches several rows is one
// transaction, so a crash leaves either all of it or none.
//
// Used from the daemon's main thread only (one connection).

#include "oci/digest.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace muelle::engine::metadata {

struct Layer {
    oci::Digest chainId;
    oci::Digest diffId;
    oci::Digest blob; // the layer as a registry serves it
    QString mediaType;
    qint64 blobSize = 0;
    qint64 size = 0; // unpacked
};

// A manifest that names an image in a repository: docker's RepoDigests.
struct RepoDigest {
    QString repository; // "docker.io/library/busybox"
    oci::Digest digest; // what was pulled by: an index or the manifest itself
    oci::Digest manifest; // the image manifest kept in the content store
    QString mediaType; // the image manifest's
};

struct Image {
    oci::Digest id; // the config's digest
    QDateTime created; // from the config
    QDateTime added; // when this engine first had it
    qint64 size = 0; // unpacked layers
    QString os;
    QString architecture;
    QList<Layer> layers;
    QStringList tags; // full names: "docker.io/library/busybox:latest"
    QList<RepoDigest> repoDigests;
    oci::Digest parent; // the build step before; invalid for pulled images
};

// A build step's result kept for the next build (engine/build).
struct CacheEntry {
    QString key;
    oci::Digest image;
    QDateTime created;
    QDateTime lastUsed;
    QString description; // the step, as `docker history` shows it
};

// A container as stored: its record is the container service's JSON.
struct ContainerRow {
    QString id;
    QString name; // without docker's leading '/'
    oci::Digest image;
    QByteArray record;
};

// A network as stored: its record is the network service's JSON.
struct NetworkRow {
    QString id;
    QString name;
    QByteArray record;
};

class Metadata {
public:
    // Opens (creating) the database.
    static Result<std::unique_ptr<Metadata>> open(const QString &path);
    ~Metadata();

    Result<QList<Image>> images() const;
    // NotFound when there is no such image.
    Result<Image> image(const oci::Digest &id) const;
    // The images whose ID starts with `hexPrefix`.
    Result<QList<oci::Digest>> imagesWithPrefix(const QString &hexPrefix) const;
    // The images built on `id` (their parent), and every image that is some image's parent.
    Result<QList<oci::Digest>> children(const oci::Digest &id) const;
    Result<QSet<oci::Digest>> parents() const;
    // The build cache: a step's key -> the image it made. Looking one up marks it used.
    Result<std::optional<oci::Digest>> cachedStep(const QString &key);
    Result<> putCachedStep(const QString &key, const oci::Digest &image, const QString &description);
    Result<QList<CacheEntry>> cacheEntries() const;
    Result<> removeCacheEntry(const QString &key);
    // The image a full tag name points at; NotFound when none.
    Result<oci::Digest> tagged(const QString &name) const;
    // The image a repository's digest names; NotFound when none.
    Result<oci::Digest> byRepoDigest(const QString &repository, const oci::Digest &digest) const;

    // Records `image` with its layers (when new), plus `repoDigest` and
    // `tag` when given, in one transaction. Returns the image `tag` named
    // before, when it named another.
    Result<std::optional<oci::Digest>> addImage(
        const Image &image, const std::optional<RepoDigest> &repoDigest, const std::optional<QString> &tag);
    // Points `name` at `id`; returns the image it named before, if another.
    Result<std::optional<oci::Digest>> tag(const QString &name, const oci::Digest &id);
    // NotFound when `name` is no tag.
    Result<> untag(const QString &name);
    // Removes the image, its tags and repo digests.
    Result<> removeImage(const oci::Digest &id);
    // Drops the repo digests of `id` in `repository` (when its last tag there goes).
    Result<> removeRepoDigests(const oci::Digest &id, const QString &repository);

    // The unpacked size recorded for a snapshot; NotFound when no image has it.
    Result<qint64> layerSize(const oci::Digest &chainId) const;

    // What the images still use: blobs (configs, manifests, layers) and snapshots.
    Result<QSet<oci::Digest>> blobsInUse() const;
    Result<QSet<oci::Digest>> snapshotsInUse() const;

    // Where a blob is known to live, "registry/repository" pairs.
    Result<> addBlobSource(const oci::Digest &blob, const QString &registry, const QString &repository);
    Result<QStringList> blobSources(const oci::Digest &blob, const QString &registry) const;

    Result<QList<ContainerRow>> containers() const;
    // Inserts or replaces; Conflict with Docker's message when another
    // container has the name.
    Result<> putContainer(const ContainerRow &row);
    Result<> removeContainer(const QString &id);

    Result<QList<NetworkRow>> networks() const;
    // Inserts or replaces; Conflict "network with name x already exists".
    Result<> putNetwork(const NetworkRow &row);
    Result<> removeNetwork(const QString &id);

private:
    struct Private;
    explicit Metadata(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace muelle::engine::metadata
