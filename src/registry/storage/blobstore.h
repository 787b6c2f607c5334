#pragma once
// The content-addressed blob store: one file per digest, shared by every
// repository. It knows nothing of repositories or references (the metadata
// does); it only reads, places and removes files.

#include "http/body.h"
#include "registry/storage/paths.h"

#include <QList>

#include <chrono>
#include <functional>
#include <memory>

namespace muelle::registry::storage {

class BlobStore {
public:
    explicit BlobStore(Paths paths) : paths_(std::move(paths)) { }

    // Creates the tree when missing.
    Result<> createTree();
    // Clears what a crash left: files in tmp/ older than `tmpAge`, and trash/
    // (a blob there that `stillWanted` says is still recorded is put back —
    // gc was killed before committing — else deleted).
    Result<> recover(const std::function<bool(const oci::Digest &)> &stillWanted, std::chrono::seconds tmpAge);

    const Paths &paths() const { return paths_; }

    // The blob's size; NotFound when it is not stored.
    Result<qint64> stat(const oci::Digest &digest) const;
    // Identifies the blob's file (inode and change time): a blob swept and
    // pushed again is another file, even when the inode number is reused.
    Result<quint64> fileIdentity(const oci::Digest &digest) const;
    // Reads [offset, offset + length) of the blob.
    Result<std::unique_ptr<http::FileSource>> open(const oci::Digest &digest, qint64 offset, qint64 length) const;

    // Moves a complete, synced file into place as the blob `digest` (the
    // caller has verified the digest). If the blob is already stored the file
    // is deleted instead. The blob is visible once this returns.
    Result<> place(const QString &file, const oci::Digest &digest);

    // Moves the blob to trash/ (atomic); returns the trash path to delete once
    // the metadata no longer records the blob. NotFound when not stored.
    Result<QString> moveToTrash(const oci::Digest &digest);

    // Every stored digest (for gc).
    Result<QList<oci::Digest>> list() const;

private:
    Result<> syncDirectory(const QString &dir) const;
    Paths paths_;
};

} // namespace muelle::registry::storage
