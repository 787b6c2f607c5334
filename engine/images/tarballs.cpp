#include "engine/images/images.h"

#include "engine/distribution/manifests.h"
#include "oci/mediatype.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QScopeGuard>
#include <QUuid>

// docker save, load and import: the image service's side (the tarball
// formats are archives.h's).

namespace muelle::engine::images {

template <typename T>
void ImageService::inBackground(std::function<Result<T>()> work, std::function<void(Result<T>)> then)
{
    ++activeJobs_;
    QPointer<ImageService> self(this);
    pool_.start([self, work = std::move(work), then = std::move(then)] {
        auto result = std::make_shared<Result<T>>(work());
        QMetaObject::invokeMethod(self, [self, result, then] {
            if (!self)
                return;
            self->jobEnded();
            then(std::move(*result));
        });
    });
}

Result<QList<ArchiveEntry>> ImageService::save(const QStringList &names)
{
    QList<ArchiveEntry> blobs;
    QSet<oci::Digest> included;
    QJsonArray index;
    QJsonArray manifests;
    const auto addBlob = [&](const oci::Digest &digest, const QByteArray &bytes) {
        if (included.contains(digest))
            return;
        included.insert(digest);
        const QString name = QStringLiteral("blobs/sha256/") + digest.hex();
        blobs.append(
            bytes.isNull() ? ArchiveEntry{ name, content_.path(digest), {}, 0 } : ArchiveEntry{ name, {}, bytes, 0 });
    };
    for (const QString &name : names) {
        auto image = resolveImage(name);
        if (!image)
            return fail(image.error());
        const oci::Digest id = image->id;
        auto manifest = distribution::manifestOf(*image, content_);
        if (!manifest)
            return fail(manifest.error());
        // A name given as a tag is kept; an image given by ID goes without one.
        QStringList tags;
        auto reference = oci::Reference::parse(name);
        if (reference && !reference->digest && image->tags.contains(reference->toString()))
            tags.append(reference->toString());
        addBlob(manifest->digest, manifest->bytes);
        addBlob(image->id, {});
        QJsonArray layers;
        for (const metadata::Layer &layer : std::as_const(image->layers)) {
            addBlob(layer.blob, {});
            layers.append(QStringLiteral("blobs/sha256/") + layer.blob.hex());
        }
        QJsonArray repoTags;
        for (const QString &tag : std::as_const(tags))
            repoTags.append(familiar(tag));
        manifests.append(QJsonObject{ { QStringLiteral("Config"), QStringLiteral("blobs/sha256/") + image->id.hex() },
            { QStringLiteral("RepoTags"), repoTags }, { QStringLiteral("Layers"), layers } });
        QJsonObject descriptor{ { QStringLiteral("mediaType"), manifest->mediaType },
            { QStringLiteral("digest"), manifest->digest.toString() },
            { QStringLiteral("size"), manifest->bytes.size() } };
        if (!tags.isEmpty()) {
            descriptor.insert(QStringLiteral("annotations"),
                QJsonObject{ { QStringLiteral("io.containerd.image.name"), tags.first() },
                    { QStringLiteral("org.opencontainers.image.ref.name"), tags.first().section(u':', -1) } });
        }
        index.append(descriptor);
        publish(QStringLiteral("save"), id.toString(), id.toString()); // as Docker: the ID, twice
    }
    QList<ArchiveEntry> entries{ { QStringLiteral("oci-layout"), {},
        QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}"), 0 } };
    entries += blobs;
    const QJsonObject indexDocument{ { QStringLiteral("schemaVersion"), 2 },
        { QStringLiteral("mediaType"), oci::mediatype::ociIndex }, { QStringLiteral("manifests"), index } };
    entries.append(
        { QStringLiteral("index.json"), {}, QJsonDocument(indexDocument).toJson(QJsonDocument::Compact), 0 });
    entries.append({ QStringLiteral("manifest.json"), {}, QJsonDocument(manifests).toJson(QJsonDocument::Compact), 0 });
    return entries;
}

QString ImageService::scratchFile() const
{
    return paths_.tmpDir() + QStringLiteral("/load-") + QUuid::createUuid().toString(QUuid::Id128)
        + QStringLiteral(".tar");
}

void ImageService::load(const QString &path, std::function<void(const QString &)> report, Done done)
{
    const QString dir = path + QStringLiteral(".d");
    inBackground<QList<LoadedImage>>(
        [this, path, dir]() -> Result<QList<LoadedImage>> {
            const auto cleanUp = qScopeGuard([&] {
                QDir(dir).removeRecursively();
                QFile::remove(path);
            });
            QFile tarball(path);
            if (!tarball.open(QIODevice::ReadOnly) || !QDir().mkpath(dir))
                return fail(Code::Internal, QStringLiteral("open \"%1\"").arg(path));
            archive::ExtractOptions options;
            options.whiteouts = archive::WhiteoutMode::Copy;
            options.preserveOwnership = false;
            if (auto unpacked = archive::extractLayer(tarball, dir, options); !unpacked)
                return fail(unpacked.error().code, QStringLiteral("load: %1").arg(unpacked.error().message));
            return importArchive(dir, content_, snapshots_);
        },
        [this, report, done](Result<QList<LoadedImage>> loaded) {
            if (!loaded)
                return done(fail(loaded.error()));
            for (const LoadedImage &image : *loaded) {
                if (image.tags.isEmpty()) {
                    if (auto added = metadata_->addImage(image.image, std::nullopt, std::nullopt); !added)
                        return done(fail(added.error()));
                    report(QStringLiteral("Loaded image ID: %1").arg(image.image.id.toString()));
                }
                for (const QString &tag : image.tags) {
                    if (auto added = metadata_->addImage(image.image, std::nullopt, tag); !added)
                        return done(fail(added.error()));
                    report(QStringLiteral("Loaded image: %1").arg(familiar(tag)));
                }
                publish(QStringLiteral("load"), image.image.id.toString(), image.image.id.toString());
            }
            done({});
        });
}

namespace {

struct Imported {
    metadata::Image image;
    QByteArray config;
};

// Stores the tarball as a layer blob, unpacks it, and makes a config for it.
Result<Imported> importLayer(
    const QString &path, const QString &message, const content::Store &content, const snapshots::Snapshotter &snapshots)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Internal, QStringLiteral("open \"%1\"").arg(path));
    const QByteArray magic = file.peek(4);
    const QString mediaType = magic.startsWith("\x1f\x8b") ? oci::mediatype::dockerLayerGzip
        : magic == QByteArray("\x28\xb5\x2f\xfd", 4)       ? oci::mediatype::ociLayerZstd
                                                     : QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
    auto ingest = content.ingest();
    if (!ingest)
        return fail(ingest.error());
    auto dir = snapshots.prepare(std::nullopt);
    if (!dir)
        return fail(dir.error());
    // The blob is stored while the layer unpacks, in one pass.
    const archive::ChunkSource source = [&](qint64 maxBytes) -> Result<QByteArray> {
        QByteArray chunk = file.read(std::min<qint64>(maxBytes, 1 << 20));
        if (!chunk.isEmpty()) {
            if (auto written = ingest->write(chunk); !written)
                return fail(written.error());
        }
        return chunk;
    };
    archive::ExtractOptions options;
    options.whiteouts = snapshots.whiteoutMode();
    auto report = archive::extractLayer(source, *dir, options);
    if (report) {
        for (auto rest = source(1 << 20); report && (!rest || !rest->isEmpty()); rest = source(1 << 20)) {
            if (!rest)
                report = fail(rest.error());
        }
    }
    if (!report) {
        snapshots.discard(*dir);
        return fail(report.error().code, QStringLiteral("import: %1").arg(report.error().message));
    }
    const oci::Digest blob = ingest->digest();
    const qint64 blobSize = ingest->size();
    if (auto committed = ingest->commit(blob, blobSize); !committed) {
        snapshots.discard(*dir);
        return fail(committed.error());
    }
    if (auto committed = snapshots.commit(*dir, report->diffId); !committed)
        return fail(committed.error());
    oci::ImageConfig config;
    config.platform = oci::Platform::host();
    config.created = QDateTime::currentDateTimeUtc();
    config.diffIds = { report->diffId };
    config.history = { oci::HistoryEntry{
        config.created, {}, {}, message.isEmpty() ? QStringLiteral("Imported from -") : message, false } };
    Imported imported;
    imported.config = config.toJson();
    imported.image.id = oci::Digest::of(imported.config);
    if (auto stored = content.put(imported.config, imported.image.id); !stored)
        return fail(stored.error());
    imported.image.created = config.created;
    imported.image.os = config.platform.os;
    imported.image.architecture = config.platform.architecture;
    imported.image.size = report->uncompressedSize;
    imported.image.layers = { { report->diffId, report->diffId, blob, mediaType, blobSize, report->uncompressedSize } };
    return imported;
}

} // namespace

void ImageService::importRootfs(const QString &path, const std::optional<oci::Reference> &tag, const QString &message,
    std::function<void(Result<oci::Digest>)> done)
{
    inBackground<Imported>(
        [this, path, message] {
            const auto cleanUp = qScopeGuard([&] { QFile::remove(path); });
            return importLayer(path, message, content_, snapshots_);
        },
        [this, tag, done](Result<Imported> imported) {
            if (!imported)
                return done(fail(imported.error()));
            auto added = metadata_->addImage(
                imported->image, std::nullopt, tag ? std::optional(tag->toString()) : std::nullopt);
            if (!added)
                return done(fail(added.error()));
            const QString id = imported->image.id.toString();
            publish(QStringLiteral("import"), id, tag ? familiar(tag->toString()) : id);
            done(imported->image.id);
        });
}

} // namespace muelle::engine::images
