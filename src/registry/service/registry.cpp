#include "registry/service/registry.h"

#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/mediatype.h"
#include "oci/reference.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace muelle::registry::service {

namespace {

// Appends a request body to an upload session; gives the session back when the
// body ends or the client goes away, so the bytes received stay resumable.
class UploadSink final : public http::BodySink {
public:
    UploadSink(UploadSessions &sessions, QString uuid, blob::BlobWriter writer)
        : sessions_(sessions), uuid_(std::move(uuid)), writer_(std::move(writer))
    {
    }
    ~UploadSink() override { finish(); }

    Result<> write(QByteArrayView chunk) override { return writer_.write(chunk); }
    // The session is free again once the body ended, before the request's
    // handler goes on to complete it.
    Result<> finish() override
    {
        if (!released_)
            sessions_.release(uuid_, std::move(writer_));
        released_ = true;
        return {};
    }

private:
    UploadSessions &sessions_;
    QString uuid_;
    blob::BlobWriter writer_;
    bool released_ = false;
};

QByteArray annotationsJson(const QMap<QString, QString> &annotations)
{
    if (annotations.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        object.insert(it.key(), it.value());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

metadata::ManifestReferences referencesOf(const oci::Manifest &manifest)
{
    metadata::ManifestReferences refs;
    for (const oci::Descriptor &blob : manifest.blobs()) {
        // Foreign layers (with urls) live elsewhere; the registry need not hold them.
        if (blob.urls.isEmpty())
            refs.blobs.append(blob.digest);
    }
    for (const oci::Descriptor &child : manifest.manifests)
        refs.manifests.append(child.digest);
    return refs;
}

// What search shows of a manifest: sizes and platforms from its
// descriptors, labels from its image config (one small blob, already
// pushed) under its own annotations.
metadata::ManifestSummary summaryOf(const oci::Manifest &manifest, const storage::BlobStore &blobs)
{
    constexpr qint64 maxConfig = 4 << 20;
    metadata::ManifestSummary summary;
    for (const oci::Descriptor &child : manifest.manifests) {
        if (child.platform)
            summary.platforms.append(child.platform->toString());
    }
    if (const std::optional<oci::Descriptor> &config = manifest.config) {
        summary.size = config->size;
        for (const oci::Descriptor &layer : manifest.layers)
            summary.size += layer.size;
        const bool imageConfig
            = config->mediaType == oci::mediatype::ociConfig || config->mediaType == oci::mediatype::dockerConfig;
        QFile file(blobs.paths().blob(config->digest));
        if (imageConfig && config->size <= maxConfig && file.open(QIODevice::ReadOnly)) {
            if (auto parsed = oci::ImageConfig::parse(file.read(maxConfig)); parsed) {
                summary.labels = parsed->labels;
                if (!parsed->platform.os.isEmpty())
                    summary.platforms.append(parsed->platform.toString());
            }
        }
    }
    for (auto it = manifest.annotations.cbegin(); it != manifest.annotations.cend(); ++it)
        summary.labels.insert(it.key(), it.value());
    return summary;
}

// A manifest's bytes; DataLoss when the file is shorter than recorded.
Result<QByteArray> readAll(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::NotFound, QStringLiteral("open \"%1\": %2").arg(path, file.errorString()));
    QByteArray bytes = file.read(size);
    if (bytes.size() != size)
        return fail(
            Code::DataLoss, QStringLiteral("read \"%1\": %2 of %3 bytes").arg(path).arg(bytes.size()).arg(size));
    return bytes;
}

Result<> writeFile(const QString &path, const QByteArray &bytes)
{
    auto writer = blob::BlobWriter::open(path);
    if (!writer)
        return fail(writer.error());
    if (auto written = writer->write(bytes); !written)
        return written;
    return writer->sync();
}

} // namespace

Registry::Registry(storage::Paths paths, std::unique_ptr<metadata::Metadata> metadata)
    : blobs_(std::move(paths)), metadata_(std::move(metadata))
{
}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::open(const QString &root, Role role)
{
    storage::Paths paths(root);
    storage::BlobStore store(paths);
    if (auto made = store.createTree(); !made)
        return fail(made.error());
    auto lock = role == Role::Server
        ? FileLock::acquire(paths.serverLock(), QStringLiteral("muelle-registry serving this root"))
        : FileLock();
    if (!lock)
        return fail(lock.error());
    auto metadata = metadata::Metadata::open(paths.database());
    if (!metadata)
        return fail(metadata.error());
    std::unique_ptr<Registry> registry(new Registry(paths, std::move(*metadata)));
    registry->lock_ = std::move(*lock);
    auto &meta = *registry->metadata_;
    // A server owns tmp/ alone (the lock says so); gc, running beside a
    // server, only clears what is too old to belong to a live request.
    const auto tmpAge = role == Role::Server ? std::chrono::seconds(0) : std::chrono::seconds(24 * 3600);
    if (auto recovered = registry->blobs_.recover(
            [&](const oci::Digest &digest) { return meta.blobRecorded(digest).value_or(true); }, tmpAge);
        !recovered)
        return fail(recovered.error());
    return registry;
}

// A pusher that finds a blob present skips uploading it and references it
// soon after: a link touched this recently is kept by a gc with a grace
// longer than this.
static constexpr qint64 touchLinksOlderThanSeconds = 600;

Result<qint64> Registry::blobSize(const QString &repository, const oci::Digest &digest)
{
    const QString key = digest.toString();
    // The file decides, cached or not: gc (another process) may have swept it.
    auto file = blobs_.fileIdentity(digest);
    std::optional<CachedLink> link = linkCache_.find(repository, key);
    if (link && (!file || *file != link->file)) {
        linkCache_.forget(repository, key);
        link.reset();
    }
    if (!link) {
        const quint64 readAt = linkCache_.generation();
        auto linked = metadata_->linkedBlob(repository, digest);
        if (!linked)
            return fail(linked.error());
        if (!*linked || !file)
            return fail(Code::NotFound, QStringLiteral("blob %1 unknown to repository").arg(key));
        link = CachedLink{ (*linked)->size, *file, (*linked)->linked };
        linkCache_.insert(repository, key, *link, readAt);
    }
    if (link->linked.secsTo(QDateTime::currentDateTimeUtc()) > touchLinksOlderThanSeconds) {
        const quint64 readAt = linkCache_.generation();
        if (metadata_->touchLink(repository, digest)) {
            link->linked = QDateTime::currentDateTimeUtc();
            linkCache_.insert(repository, key, *link, readAt);
        }
    }
    return link->size;
}

Result<std::unique_ptr<http::FileSource>> Registry::readBlob(const oci::Digest &digest, qint64 offset, qint64 length)
{
    return blobs_.open(digest, offset, length);
}

Result<> Registry::deleteBlob(const QString &repository, const oci::Digest &digest)
{
    auto unlinked = metadata_->unlinkBlob(repository, digest);
    linkCache_.forget(repository, digest.toString());
    return unlinked;
}

Result<> Registry::mountBlob(const QString &repository, const QString &from, const oci::Digest &digest)
{
    return metadata_->mountBlob(repository, from, digest);
}

Result<QString> Registry::startUpload(const QString &repository)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto created = metadata_->createUpload(uuid, repository); !created)
        return fail(created.error());
    QFile file(blobs_.paths().upload(uuid));
    if (!file.open(QIODevice::WriteOnly)) {
        (void)metadata_->deleteUpload(uuid);
        return fail(Code::Internal, QStringLiteral("create \"%1\": %2").arg(file.fileName(), file.errorString()));
    }
    return uuid;
}

Result<metadata::UploadRecord> Registry::findUpload(const QString &repository, const QString &uuid)
{
    auto record = metadata_->upload(uuid);
    if (!record)
        return fail(record.error());
    if (!*record || (*record)->repository != repository)
        return fail(Code::NotFound, QStringLiteral("upload %1 unknown").arg(uuid));
    return **record;
}

Result<qint64> Registry::uploadSize(const QString &repository, const QString &uuid)
{
    if (auto found = findUpload(repository, uuid); !found)
        return fail(found.error());
    QFile file(blobs_.paths().upload(uuid));
    if (!file.exists())
        return fail(Code::NotFound, QStringLiteral("upload %1 has no data").arg(uuid));
    return file.size();
}

Result<std::unique_ptr<http::BodySink>> Registry::appendToUpload(
    const QString &repository, const QString &uuid, std::optional<qint64> start)
{
    if (auto found = findUpload(repository, uuid); !found)
        return fail(found.error());
    auto writer = sessions_.acquire(uuid, blobs_.paths().upload(uuid));
    if (!writer)
        return fail(writer.error());
    if (start && *start != writer->size()) {
        const qint64 size = writer->size();
        sessions_.release(uuid, std::move(*writer));
        return fail(Code::OutOfRange, QStringLiteral("chunk starts at %1, upload has %2 bytes").arg(*start).arg(size));
    }
    return std::make_unique<UploadSink>(sessions_, uuid, std::move(*writer));
}

void Registry::discardUpload(const QString &uuid)
{
    (void)metadata_->deleteUpload(uuid);
    sessions_.forget(uuid);
    QFile::remove(blobs_.paths().upload(uuid));
}

Result<> Registry::completeUpload(const QString &repository, const QString &uuid, const oci::Digest &digest)
{
    if (auto found = findUpload(repository, uuid); !found)
        return fail(found.error());
    const QString path = blobs_.paths().upload(uuid);
    // The session stays busy until its file is the blob: no other request may
    // append to it in between.
    auto writer = sessions_.acquire(uuid, path);
    if (!writer)
        return fail(writer.error());
    auto actual = digest.algorithm() == writer->digest().algorithm() ? Result<oci::Digest>(writer->digest())
                                                                     : blob::digestOfFile(path, digest.algorithm());
    const qint64 size = writer->size();
    if (!actual || *actual != digest) {
        sessions_.release(uuid, std::move(*writer));
        if (!actual)
            return fail(actual.error());
        discardUpload(uuid);
        return fail(
            DigestMismatch, QStringLiteral("upload has digest %1, not %2").arg(actual->toString(), digest.toString()));
    }
    auto committed = writer->sync();
    if (committed)
        committed = metadata_->commitBlob(repository, digest, size, uuid, [&] { return blobs_.place(path, digest); });
    if (!committed) {
        sessions_.release(uuid, std::move(*writer));
        return committed;
    }
    (void)writer->release();
    sessions_.forget(uuid);
    return {};
}

Result<> Registry::cancelUpload(const QString &repository, const QString &uuid)
{
    if (auto found = findUpload(repository, uuid); !found)
        return fail(found.error());
    discardUpload(uuid);
    return {};
}

Result<PutManifestResult> Registry::putManifest(
    const QString &repository, const QString &reference, const QByteArray &bytes, const QString &contentType)
{
    auto manifest = oci::Manifest::parse(bytes, contentType);
    if (!manifest)
        return fail(manifest.error());
    oci::Digest digest = oci::Digest::of(bytes);
    std::optional<QString> tag;
    if (auto wanted = oci::Digest::parse(reference)) {
        digest = oci::Digest::of(bytes, wanted->algorithm());
        if (digest != *wanted)
            return fail(
                DigestMismatch, QStringLiteral("manifest has digest %1, not %2").arg(digest.toString(), reference));
    } else {
        tag = reference;
    }
    metadata::ManifestRecord record{ digest, manifest->mediaType, bytes.size(), manifest->artifactType,
        manifest->subject ? std::optional(manifest->subject->digest) : std::nullopt,
        annotationsJson(manifest->annotations) };
    const QString file = blobs_.paths().tmpFile();
    if (auto written = writeFile(file, bytes); !written) {
        QFile::remove(file);
        return fail(written.error());
    }
    auto stored = metadata_->putManifest(repository, record, referencesOf(*manifest), tag, summaryOf(*manifest, blobs_),
        [&] { return blobs_.place(file, digest); });
    manifestCache_.forgetRepository(repository);
    if (!stored) {
        QFile::remove(file);
        return fail(stored.error());
    }
    return PutManifestResult{ digest, record.subject };
}

Result<StoredManifest> Registry::manifest(const QString &repository, const QString &reference)
{
    if (auto cached = manifestCache_.find(repository, reference))
        return *cached;
    const quint64 readAt = manifestCache_.generation();
    auto digest = oci::Digest::parse(reference);
    auto record = digest ? metadata_->manifest(repository, *digest) : metadata_->taggedManifest(repository, reference);
    if (!record)
        return fail(record.error());
    if (!*record)
        return fail(Code::NotFound, QStringLiteral("manifest \"%1\" unknown").arg(reference));
    auto bytes = readAll(blobs_.paths().blob((*record)->digest), (*record)->size);
    if (!bytes)
        return fail(bytes.error().context(QStringLiteral("manifest %1").arg((*record)->digest.toString())));
    StoredManifest manifest{ **record, std::move(*bytes) };
    manifestCache_.insert(repository, reference, manifest, readAt);
    return manifest;
}

Result<> Registry::deleteManifest(const QString &repository, const QString &reference)
{
    auto digest = oci::Digest::parse(reference);
    auto deleted
        = digest ? metadata_->deleteManifest(repository, *digest) : metadata_->deleteTag(repository, reference);
    manifestCache_.forgetRepository(repository);
    return deleted;
}

} // namespace muelle::registry::service
