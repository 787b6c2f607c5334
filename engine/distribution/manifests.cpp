#include "engine/distribution/manifests.h"

#include "oci/mediatype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::distribution {

namespace {

QByteArray synthesizedManifest(const metadata::Image &image, qint64 configSize)
{
    QJsonArray layers;
    for (const metadata::Layer &layer : image.layers) {
        layers.append(QJsonObject{ { QStringLiteral("mediaType"), layer.mediaType },
            { QStringLiteral("size"), layer.blobSize }, { QStringLiteral("digest"), layer.blob.toString() } });
    }
    const QJsonObject manifest{ { QStringLiteral("schemaVersion"), 2 },
        { QStringLiteral("mediaType"), oci::mediatype::dockerManifest },
        { QStringLiteral("config"),
            QJsonObject{ { QStringLiteral("mediaType"), oci::mediatype::dockerConfig },
                { QStringLiteral("size"), configSize }, { QStringLiteral("digest"), image.id.toString() } } },
        { QStringLiteral("layers"), layers } };
    return QJsonDocument(manifest).toJson(QJsonDocument::Compact);
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
    StoredManifest made{ synthesizedManifest(image, *configSize), oci::mediatype::dockerManifest, {} };
    made.digest = oci::Digest::of(made.bytes);
    if (auto stored = content.put(made.bytes, made.digest); !stored)
        return fail(stored.error());
    return made;
}

} // namespace muelle::engine::distribution
