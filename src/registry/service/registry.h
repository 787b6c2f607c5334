#pragma once
// The registry's operations, independent of HTTP: blobs, upload sessions,
// manifests, tags, referrers. Handlers turn requests into these calls and
// their errors into the Distribution error codes.
//
// Errors: NotFound (unknown blob, manifest, tag, upload or repository),
// InvalidArgument (bad manifest; digest mismatch has its own code below),
// FailedPrecondition (a manifest references what the repository lacks),
// OutOfRange (a chunk that does not continue the upload), Conflict (a session
// already being written), ResourceExhausted (disk full), Internal.

#include "base/filelock.h"
#include "http/body.h"
#include "registry/metadata/metadata.h"
#include "registry/service/caches.h"
#include "registry/service/uploadsessions.h"
#include "registry/storage/blobstore.h"

#include <memory>

namespace muelle::registry::service {

// The digest given does not match the bytes received.
inline constexpr Code DigestMismatch = Code::DataLoss;

// A manifest is at most a few MiB (the handlers refuse more than 4 MiB), so
// it is read whole.
using StoredManifest = CachedManifest;

struct PutManifestResult {
    oci::Digest digest;
    std::optional<oci::Digest> subject;
};

class Registry {
public:
    // Server: the one process serving `root` (holds its lock). Maintenance:
    // gc, which may run beside a server.
    enum class Role { Server, Maintenance };
    // Opens the store under `root`, recovering from whatever a crash left.
    // A second server on the same root fails with Unavailable.
    static Result<std::unique_ptr<Registry>> open(const QString &root, Role role = Role::Server);
    ~Registry();

    metadata::Metadata &metadata() { return *metadata_; }
    storage::BlobStore &blobs() { return blobs_; }

    // --- blobs
    // The size of a blob linked to the repository (and whose file is there).
    Result<qint64> blobSize(const QString &repository, const oci::Digest &digest);
    Result<std::unique_ptr<http::FileSource>> readBlob(const oci::Digest &digest, qint64 offset, qint64 length);
    Result<> deleteBlob(const QString &repository, const oci::Digest &digest);
    // Links a blob of `from` into `repository`; NotFound when `from` lacks it.
    Result<> mountBlob(const QString &repository, const QString &from, const oci::Digest &digest);

    // --- uploads
    Result<QString> startUpload(const QString &repository);
    // Bytes received so far; NotFound when the session is unknown in that repository.
    Result<qint64> uploadSize(const QString &repository, const QString &uuid);
    // A sink appending to the session. `start`, when given, must equal the
    // bytes received so far (else OutOfRange).
    Result<std::unique_ptr<http::BodySink>> appendToUpload(
        const QString &repository, const QString &uuid, std::optional<qint64> start);
    // Verifies the session's bytes against `digest`, makes the blob visible in
    // the repository and ends the session. On a mismatch the session is
    // discarded and DigestMismatch returned.
    Result<> completeUpload(const QString &repository, const QString &uuid, const oci::Digest &digest);
    Result<> cancelUpload(const QString &repository, const QString &uuid);

    // --- manifests
    // `reference` is a tag or a digest. With a digest the bytes must hash to it.
    Result<PutManifestResult> putManifest(
        const QString &repository, const QString &reference, const QByteArray &bytes, const QString &contentType);
    Result<StoredManifest> manifest(const QString &repository, const QString &reference);
    // A digest deletes the manifest (and its tags); a tag deletes the tag only.
    Result<> deleteManifest(const QString &repository, const QString &reference);

private:
    Registry(storage::Paths paths, std::unique_ptr<metadata::Metadata> metadata);
    Result<metadata::UploadRecord> findUpload(const QString &repository, const QString &uuid);
    void discardUpload(const QString &uuid);

    storage::BlobStore blobs_;
    std::unique_ptr<metadata::Metadata> metadata_;
    UploadSessions sessions_;
    ManifestCache manifestCache_;
    LinkCache linkCache_;
    FileLock lock_;
};

} // namespace muelle::registry::service
