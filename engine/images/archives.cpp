#include "engine/images/archives.h"

#include "engine/distribution/layerpipe.h"

#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/mediatype.h"
#include "oci/reference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::images {

namespace {

constexpr qint64 documentLimit = 16 << 20;
const QDateTime epoch = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);

// Feeds the entries to the writer one step at a time: a header, or the
// next MiB of the current file.
class EntryProducer {
public:
    explicit EntryProducer(QList<ArchiveEntry> entries) : entries_(std::move(entries)) { }

    Result<> operator()(archive::TarWriter &writer)
    {
        if (file_.isOpen()) {
            const QByteArray chunk = file_.read(1 << 20);
            if (chunk.isEmpty()) {
                if (writer.remaining() > 0)
                    return fail(Code::DataLoss, QStringLiteral("read \"%1\": ended early").arg(file_.fileName()));
                file_.close();
                return step(writer);
            }
            return writer.writeData(chunk);
        }
        return step(writer);
    }

private:
    Result<> step(archive::TarWriter &writer)
    {
        if (next_ == entries_.size())
            return writer.finish();
        const ArchiveEntry &entry = entries_[next_++];
        if (entry.path.isEmpty())
            return writer.addBytes(entry.name, entry.bytes, 0644, epoch);
        file_.setFileName(entry.path);
        if (!file_.open(QIODevice::ReadOnly))
            return fail(Code::NotFound, QStringLiteral("open \"%1\": %2").arg(entry.path, file_.errorString()));
        return writer.addFile(entry.name, file_.size(), 0644, epoch);
    }

    QList<ArchiveEntry> entries_;
    qsizetype next_ = 0;
    QFile file_;
};

// A path the archive names, which must stay inside it.
Result<QString> insideArchive(const QString &dir, const QString &name)
{
    const QString clean = QDir::cleanPath(name);
    if (name.isEmpty() || QDir::isAbsolutePath(name) || clean == u".." || clean.startsWith(u"../"))
        return fail(Code::InvalidArgument, QStringLiteral("archive names \"%1\", outside the archive").arg(name));
    return dir + u'/' + clean;
}

Result<QByteArray> readDocument(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::InvalidArgument, QStringLiteral("archive: %1 is missing").arg(what));
    if (file.size() > documentLimit)
        return fail(Code::InvalidArgument, QStringLiteral("archive: %1 is too large").arg(what));
    return file.readAll();
}

QString layerMediaType(const QString &path)
{
    QFile file(path);
    const QByteArray magic = file.open(QIODevice::ReadOnly) ? file.read(4) : QByteArray();
    if (magic.startsWith("\x1f\x8b"))
        return oci::mediatype::dockerLayerGzip;
    if (magic == QByteArray("\x28\xb5\x2f\xfd", 4))
        return oci::mediatype::ociLayerZstd;
    return QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
}

// Copies a file into the content store; its digest must be `expected` when given.
Result<std::pair<oci::Digest, qint64>> storeFile(
    const QString &path, const content::Store &content, const std::optional<oci::Digest> &expected)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            Code::InvalidArgument, QStringLiteral("archive: \"%1\" is missing").arg(QFileInfo(path).fileName()));
    auto ingest = content.ingest();
    if (!ingest)
        return fail(ingest.error());
    for (;;) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            break;
        if (auto written = ingest->write(chunk); !written)
            return fail(written.error());
    }
    const oci::Digest digest = ingest->digest();
    const qint64 size = ingest->size();
    if (expected && *expected != digest)
        return fail(Code::InvalidArgument,
            QStringLiteral("archive: blob %1 holds content with digest %2")
                .arg(expected->toString(), digest.toString()));
    if (!content.has(digest)) {
        if (auto committed = ingest->commit(digest, size); !committed)
            return fail(committed.error());
    }
    return std::pair{ digest, size };
}

// The digest a "blobs/sha256/<hex>" name promises.
std::optional<oci::Digest> digestInName(const QString &name)
{
    const QStringList parts = QDir::cleanPath(name).split(u'/');
    if (parts.size() == 3 && parts[0] == u"blobs")
        return oci::Digest::parse(parts[1] + u':' + parts[2]).value_or(oci::Digest());
    return std::nullopt;
}

struct Candidate {
    QString configName;
    QStringList layerNames;
    QStringList tags;
};

Result<LoadedImage> importImage(const QString &dir, const Candidate &candidate, const content::Store &content,
    const snapshots::Snapshotter &snapshots)
{
    auto configPath = insideArchive(dir, candidate.configName);
    if (!configPath)
        return fail(configPath.error());
    auto configBytes = readDocument(*configPath, QStringLiteral("config \"%1\"").arg(candidate.configName));
    if (!configBytes)
        return fail(configBytes.error());
    auto config = oci::ImageConfig::parse(*configBytes);
    if (!config)
        return fail(Code::InvalidArgument,
            QStringLiteral("archive: config \"%1\": %2").arg(candidate.configName, config.error().message));
    if (config->diffIds.size() != candidate.layerNames.size())
        return fail(Code::InvalidArgument,
            QStringLiteral("archive: config \"%1\" lists %2 diff IDs for %3 layers")
                .arg(candidate.configName)
                .arg(config->diffIds.size())
                .arg(candidate.layerNames.size()));
    const oci::Digest id = oci::Digest::of(*configBytes);
    if (auto stored = content.put(*configBytes, id); !stored)
        return fail(stored.error());
    LoadedImage loaded;
    loaded.tags = candidate.tags;
    loaded.image.id = id;
    loaded.image.created = config->created;
    loaded.image.os = config->platform.os;
    loaded.image.architecture = config->platform.architecture;
    const QList<oci::Digest> chain = snapshots::chainIds(config->diffIds);
    for (int i = 0; i < candidate.layerNames.size(); ++i) {
        auto path = insideArchive(dir, candidate.layerNames[i]);
        if (!path)
            return fail(path.error());
        const QString mediaType = layerMediaType(*path);
        auto blob = storeFile(*path, content, digestInName(candidate.layerNames[i]));
        if (!blob)
            return fail(blob.error());
        distribution::LayerTarget target;
        target.blob.digest = blob->first;
        target.blob.size = blob->second;
        target.blob.mediaType = mediaType;
        target.diffId = config->diffIds[i];
        target.chainId = chain[i];
        if (i > 0)
            target.parent = chain[i - 1];
        qint64 size = 0;
        if (!snapshots.exists(target.chainId)) {
            auto unpacked = distribution::unpackStoredLayer(content, snapshots, target);
            if (!unpacked)
                return fail(unpacked.error());
            size = *unpacked;
        } else {
            size = snapshots.usage(target.chainId);
        }
        loaded.image.size += size;
        loaded.image.layers.append({ target.chainId, target.diffId, blob->first, mediaType, blob->second, size });
    }
    return loaded;
}

Result<QList<Candidate>> candidatesFromManifestJson(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isArray())
        return fail(Code::InvalidArgument, QStringLiteral("archive: manifest.json is not a JSON array"));
    QList<Candidate> candidates;
    for (const QJsonValue &value : document.array()) {
        const QJsonObject entry = value.toObject();
        Candidate candidate;
        candidate.configName = entry.value(u"Config").toString();
        for (const QJsonValue &layer : entry.value(u"Layers").toArray())
            candidate.layerNames.append(layer.toString());
        for (const QJsonValue &tag : entry.value(u"RepoTags").toArray()) {
            auto reference = oci::Reference::parse(tag.toString());
            if (!reference || reference->digest)
                return fail(
                    Code::InvalidArgument, QStringLiteral("archive: bad RepoTags entry \"%1\"").arg(tag.toString()));
            candidate.tags.append(reference->toString());
        }
        if (candidate.configName.isEmpty())
            return fail(Code::InvalidArgument, QStringLiteral("archive: a manifest.json entry has no Config"));
        candidates.append(candidate);
    }
    return candidates;
}

Result<QList<Candidate>> candidatesFromIndex(const QString &dir, const QByteArray &bytes)
{
    auto index = oci::Manifest::parse(bytes, oci::mediatype::ociIndex);
    if (!index || !index->isIndex)
        return fail(Code::InvalidArgument,
            QStringLiteral("archive: index.json: %1")
                .arg(index ? QStringLiteral("not an index") : index.error().message));
    QList<Candidate> candidates;
    for (const oci::Descriptor &entry : std::as_const(index->manifests)) {
        const QString name = QStringLiteral("blobs/%1/%2").arg(entry.digest.algorithmName(), entry.digest.hex());
        auto manifestBytes
            = readDocument(dir + u'/' + name, QStringLiteral("manifest %1").arg(entry.digest.toString()));
        if (!manifestBytes)
            return fail(manifestBytes.error());
        if (oci::Digest::of(*manifestBytes, entry.digest.algorithm()) != entry.digest)
            return fail(Code::InvalidArgument,
                QStringLiteral("archive: manifest %1 does not match its digest").arg(entry.digest.toString()));
        auto manifest = oci::Manifest::parse(*manifestBytes, entry.mediaType);
        if (!manifest || manifest->isIndex || !manifest->config)
            continue; // nested indexes and artifacts are not images to load
        Candidate candidate;
        candidate.configName = QStringLiteral("blobs/%1/%2")
                                   .arg(manifest->config->digest.algorithmName(), manifest->config->digest.hex());
        for (const oci::Descriptor &layer : std::as_const(manifest->layers))
            candidate.layerNames.append(
                QStringLiteral("blobs/%1/%2").arg(layer.digest.algorithmName(), layer.digest.hex()));
        const QString imageName = entry.annotations.value(QStringLiteral("io.containerd.image.name"));
        if (auto reference = oci::Reference::parse(imageName); !imageName.isEmpty() && reference && !reference->digest)
            candidate.tags.append(reference->toString());
        candidates.append(candidate);
    }
    return candidates;
}

} // namespace

std::unique_ptr<archive::TarStream> tarOf(QList<ArchiveEntry> entries)
{
    auto producer = std::make_shared<EntryProducer>(std::move(entries));
    return std::make_unique<archive::TarStream>([producer](archive::TarWriter &writer) { return (*producer)(writer); });
}

Result<QList<LoadedImage>> importArchive(
    const QString &dir, const content::Store &content, const snapshots::Snapshotter &snapshots)
{
    Result<QList<Candidate>> candidates = fail(Code::InvalidArgument,
        QStringLiteral("archive: neither manifest.json nor index.json: not a docker save tarball or OCI layout"));
    if (QFileInfo::exists(dir + QStringLiteral("/manifest.json"))) {
        auto bytes = readDocument(dir + QStringLiteral("/manifest.json"), QStringLiteral("manifest.json"));
        candidates = bytes ? candidatesFromManifestJson(*bytes) : Result<QList<Candidate>>(fail(bytes.error()));
    } else if (QFileInfo::exists(dir + QStringLiteral("/index.json"))) {
        auto bytes = readDocument(dir + QStringLiteral("/index.json"), QStringLiteral("index.json"));
        candidates = bytes ? candidatesFromIndex(dir, *bytes) : Result<QList<Candidate>>(fail(bytes.error()));
    }
    if (!candidates)
        return fail(candidates.error());
    QList<LoadedImage> loaded;
    for (const Candidate &candidate : std::as_const(*candidates)) {
        auto image = importImage(dir, candidate, content, snapshots);
        if (!image)
            return fail(image.error());
        loaded.append(std::move(*image));
    }
    return loaded;
}

} // namespace muelle::engine::images
