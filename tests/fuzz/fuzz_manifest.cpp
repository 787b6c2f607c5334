// Manifests and image configs: bytes a client pushes to the registry, or a
// registry sends on pull. The first byte picks the Content-Type the bytes
// come with; the rest is the document.

#include "fuzzcheck.h"
#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/mediatype.h"

#include <QByteArray>
#include <QJsonObject>

#include <iterator>

using namespace muelle;
using namespace muelle::oci;

namespace {

QString contentTypeFor(uint8_t selector)
{
    const QString types[] = {
        QString(),
        mediatype::ociManifest,
        mediatype::ociIndex,
        mediatype::dockerManifest,
        mediatype::dockerManifestList,
        mediatype::ociManifest + QStringLiteral("; charset=utf-8"),
        QStringLiteral("application/json"),
        mediatype::ociConfig,
    };
    return types[selector % std::size(types)];
}

// A descriptor that parsed comes back the same through its JSON.
void checkDescriptor(const Descriptor &descriptor)
{
    CHECK(descriptor.digest.isValid());
    CHECK(descriptor.size >= 0);
    CHECK(mediatype::isWellFormed(descriptor.mediaType));
    const QJsonObject json = descriptor.toJson();
    const Result<Descriptor> again = Descriptor::fromJson(json, QStringLiteral("again"));
    CHECK(again && again->toJson() == json);
}

void checkManifest(const QByteArray &bytes, const QString &contentType)
{
    const Result<Manifest> manifest = Manifest::parse(bytes, contentType);
    if (!manifest) {
        CHECK(manifest.error().code == Code::InvalidArgument);
        CHECK(!manifest.error().message.isEmpty());
        return;
    }
    CHECK(mediatype::isManifest(manifest->mediaType) != mediatype::isIndex(manifest->mediaType));
    CHECK(manifest->isIndex == mediatype::isIndex(manifest->mediaType));
    if (manifest->isIndex) {
        CHECK(!manifest->config && manifest->layers.isEmpty());
        CHECK(manifest->blobs().isEmpty());
    } else {
        CHECK(manifest->config && manifest->manifests.isEmpty());
        CHECK(manifest->blobs().size() == manifest->layers.size() + 1);
        CHECK(!manifest->artifactType.isEmpty());
        checkDescriptor(*manifest->config);
    }
    for (const Descriptor &descriptor : manifest->layers)
        checkDescriptor(descriptor);
    for (const Descriptor &descriptor : manifest->manifests)
        checkDescriptor(descriptor);
    if (manifest->subject)
        checkDescriptor(*manifest->subject);

    // The type it resolved to is one it accepts as Content-Type.
    const Result<Manifest> again = Manifest::parse(bytes, manifest->mediaType);
    CHECK(again && again->mediaType == manifest->mediaType && again->layers.size() == manifest->layers.size()
        && again->manifests.size() == manifest->manifests.size());
}

// What toJson writes parses again, and writes the same the second time.
void checkImageConfig(const QByteArray &bytes)
{
    const Result<ImageConfig> config = ImageConfig::parse(bytes);
    if (!config) {
        CHECK(!config.error().message.isEmpty());
        return;
    }
    for (const Digest &diffId : config->diffIds)
        CHECK(diffId.isValid());
    const QByteArray json = config->toJson();
    const Result<ImageConfig> again = ImageConfig::parse(json);
    CHECK(again);
    CHECK(again->toJson() == json);
    CHECK(again->diffIds == config->diffIds);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    checkManifest(bytes, contentTypeFor(data[0]));
    checkImageConfig(bytes);
    return 0;
}
