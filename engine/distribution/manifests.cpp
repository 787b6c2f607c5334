#include "engine/distribution/manifests.h"

#include "oci/mediatype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::distribution {

namespace {

// An image's layers in the other family's words (Docker's, or OCI's).
QString layerTypeIn(const QString &type, bool oci)
{
    static const QList<std::pair<QString, QString>> equivalents{
        { QStringLiteral("application/vnd.docker.image.rootfs.diff.tar"), oci::mediatype::ociLayer },
        { oci::mediatype::dockerLayerGzip, oci::mediatype::ociLayerGzip }
    };
    for (const auto &[docker, ociType] : equivalents) {
        if (oci && type == docker)
            return ociType;
        if (!oci && type == ociType)
            return docker;
    }
    return type;
}

// A manifest for an image that came with none (built, committed, imported,
// loaded): Docker's schema 2 unless a layer has a type only OCI has (zstd);
// every layer is named in the manifest's family (an OCI gzip layer of a
// pulled base as Docker's), as skopeo and registries want.
std::pair<QByteArray, QString> synthesizedManifest(const metadata::Image &image, qint64 configSize)
{
    bool oci = false;
    for (const metadata::Layer &layer : image.layers)
        oci = oci || layerTypeIn(layer.mediaType, false).startsWith(QLatin1String("application/vnd.oci."));
    QJsonArray layers;
    for (const metadata::Layer &layer : image.layers) {
        layers.append(QJsonObject{ { QStringLiteral("mediaType"), layerTypeIn(layer.mediaType, oci) },
            { QStringLiteral("size"), layer.blobSize }, { QStringLiteral("digest"), layer.blob.toString() } });
    }
    const QString type = oci ? oci::mediatype::ociManifest : oci::mediatype::dockerManifest;
    const QJsonObject manifest{ { QStringLiteral("schemaVersion"), 2 }, { QStringLiteral("mediaType"), type },
        { QStringLiteral("config"),
            QJsonObject{
                { QStringLiteral("mediaType"), oci ? oci::mediatype::ociConfig : oci::mediatype::dockerConfig },
                { QStringLiteral("size"), configSize }, { QStringLiteral("digest"), image.id.toString() } } },
        { QStringLiteral("layers"), layers } };
    return { QJsonDocument(manifest).toJson(QJsonDocument::Compact), type };
}

} // namespace

Result<StoredManifest> manifestOf(
    const metadata::Image &image, const content::Store &content, const QString &preferredRepository)
{
    std::optional<metadata::RepoDigest> chosen;
    for (const metadata::RepoDigest &digest : image.repoDigests) {
        if (content.has(digest.manifest) && (!chosen || digest.repository == preferredRepository))
            chosen = digest;
    }
    if (chosen) {
        auto bytes = content.read(chosen->manifest);
        if (!bytes)
            return fail(bytes.error());
        return StoredManifest{ *bytes, chosen->mediaType, chosen->manifest };
    }
    auto configSize = content.size(image.id);
    if (!configSize)
        return fail(configSize.error());
    const auto [bytes, type] = synthesizedManifest(image, *configSize);
    StoredManifest made{ bytes, type, {} };
    made.digest = oci::Digest::of(made.bytes);
    if (auto stored = content.put(made.bytes, made.digest); !stored)
        return fail(stored.error());
    return made;
}

} // namespace muelle::engine::distribution
