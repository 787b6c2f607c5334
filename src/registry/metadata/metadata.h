#pragma once
// The registry's metadata in SQLite (WAL): repositories, the blobs linked to
// each, manifests and what they reference, tags, upload sessions.
//
// Thread-safe: each thread gets its own connection. Every change is one
// transaction taken with BEGIN IMMEDIATE, so writers (the server's threads and
// a concurrent `gc` process) are serialised by SQLite's write lock. Changes
// that also move a file (placing a blob, trashing one) run that step inside
// the transaction, which is what makes gc safe while pushes run.

#include "registry/metadata/records.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace muelle::registry::metadata {

class Metadata {
public:
    // Opens (creating when missing) the database file and its schema.
    static Result<std::unique_ptr<Metadata>> open(const QString &path);
    ~Metadata();

    // --- reads; NotFound only for broken storage, absence is an empty optional
    Result<bool> repositoryExists(const QString &repository);
    // A blob linked to the repository.
    Result<std::optional<LinkedBlob>> linkedBlob(const QString &repository, const oci::Digest &digest);
    Result<bool> blobRecorded(const oci::Digest &digest);
    Result<std::optional<ManifestRecord>> manifest(const QString &repository, const oci::Digest &digest);
    Result<std::optional<ManifestRecord>> taggedManifest(const QString &repository, const QString &tag);
    Result<QStringList> tags(const QString &repository, const Page &page);
    Result<QStringList> repositories(const Page &page);
    Result<QList<ManifestRecord>> referrers(const QString &repository, const oci::Digest &subject);
    Result<std::optional<UploadRecord>> upload(const QString &uuid);

    // --- writes
    Result<> createUpload(const QString &uuid, const QString &repository);
    // NotFound when there is no such session.
    Result<> deleteUpload(const QString &uuid);
    // Records a verified blob and links it to the repository; `place` moves its
    // file into the store inside the transaction. Ends the upload session
    // `uuid` when non-empty.
    Result<> commitBlob(const QString &repository, const oci::Digest &digest, qint64 size, const QString &uuid,
        const std::function<Result<>()> &place);
    // Links a blob of `from` into `repository`. NotFound when `from` has no such blob.
    Result<> mountBlob(const QString &repository, const QString &from, const oci::Digest &digest);
    // Marks the link as fresh, so a gc running now keeps the blob for a
    // pusher that found it present and will reference it.
    Result<> touchLink(const QString &repository, const oci::Digest &digest);
    // NotFound when the blob is not linked to the repository.
    Result<> unlinkBlob(const QString &repository, const oci::Digest &digest);
    // Records a manifest (and the tag, when given) with what search shows of
    // it. FailedPrecondition naming the first missing reference when a blob
    // is not linked to the repository or a child manifest is not in it.
    // `place` stores the manifest's bytes.
    Result<> putManifest(const QString &repository, const ManifestRecord &manifest, const ManifestReferences &refs,
        const std::optional<QString> &tag, const ManifestSummary &summary, const std::function<Result<>()> &place);
    // Deletes the manifest and every tag pointing to it. NotFound when absent.
    Result<> deleteManifest(const QString &repository, const oci::Digest &digest);
    // NotFound when the tag does not exist.
    Result<> deleteTag(const QString &repository, const QString &tag);

    // --- search (search.cpp), kept current by the writes above
    // The repositories whose name, tags, title, description, vendor, source
    // or labels hold words starting with each word of `terms` (letters and
    // digits; the rest separates words), best first, at most `limit`; none
    // when `terms` has no word.
    Result<QStringList> search(const QString &terms, int limit);
    // What search shows of these repositories, in their order (those with no
    // tag left out).
    Result<QList<SearchHit>> searchHits(const QStringList &repositories);

    // --- garbage collection
    // Blobs that no manifest is and none references, and that no repository
    // linked at or after `linkedBefore` (a push may be about to reference them).
    Result<QList<oci::Digest>> unreferencedBlobs(const QDateTime &linkedBefore);
    // Checks again under the write lock that the blob is unreferenced, then
    // forgets it and calls `remove` (which moves its file away) in the same
    // transaction. Returns false when the blob became referenced meanwhile.
    Result<bool> sweepBlob(
        const oci::Digest &digest, const QDateTime &linkedBefore, const std::function<Result<>()> &remove);
    // For a file in the store that no row records (a crash between placing it
    // and committing): under the write lock, checks again and calls `remove`.
    Result<bool> sweepUnrecorded(const oci::Digest &digest, const std::function<Result<>()> &remove);
    Result<QList<UploadRecord>> uploadsStartedBefore(const QDateTime &time);

private:
    Metadata();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::registry::metadata
