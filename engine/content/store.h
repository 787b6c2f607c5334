#pragma once
// The engine's content store: every blob (layer, config, manifest) once,
// named by its sha256. A blob is written to an ingest file while it is
// hashed, synced, and renamed into place only when its digest is the one
// expected, so a visible blob is always complete and verified. Ingest files
// left by a crash are removed when the store opens.
//
// Thread-safe: writers run on worker threads, readers anywhere.

#include "blob/blobwriter.h"
#include "engine/paths.h"

#include <QList>

#include <optional>

namespace muelle::engine::content {

// A blob being written. Removed on destruction unless committed.
class Ingest {
public:
    Ingest(Ingest &&) noexcept = default;
    Ingest &operator=(Ingest &&) = delete;
    ~Ingest();

    Result<> write(QByteArrayView chunk) { return writer_->write(chunk); }
    qint64 size() const { return writer_->size(); }
    oci::Digest digest() const { return writer_->digest(); }
    // Makes the blob visible under `expected`: DataLoss when the bytes
    // written hash to something else or their count differs from
    // `expectedSize` (when it is >= 0). A blob already present is fine.
    Result<> commit(const oci::Digest &expected, qint64 expectedSize = -1);

private:
    friend class Store;
    Ingest(blob::BlobWriter writer, QString target);
    std::optional<blob::BlobWriter> writer_;
    QString target_; // the blobs directory
    bool committed_ = false;
};

class Store {
public:
    explicit Store(const Paths &paths) : paths_(paths) { }

    // Creates the directories and removes ingest files left by a crash.
    Result<> open();
    bool has(const oci::Digest &digest) const;
    QString path(const oci::Digest &digest) const { return paths_.blob(digest); }
    // The blob's size, or NotFound.
    Result<qint64> size(const oci::Digest &digest) const;
    // A small blob whole (configs, manifests); ResourceExhausted beyond `limit`.
    Result<QByteArray> read(const oci::Digest &digest, qint64 limit = 4 << 20) const;
    Result<Ingest> ingest() const;
    // Writes a small blob in one call; its digest must be `expected`.
    Result<> put(QByteArrayView bytes, const oci::Digest &expected) const;
    // Removing a missing blob is fine.
    Result<> remove(const oci::Digest &digest) const;
    QList<oci::Digest> list() const;

private:
    Paths paths_;
};

} // namespace muelle::engine::content
