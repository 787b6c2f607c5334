#pragma once
// The manifest that stands for a local image when it leaves the engine (a
// push, a save): the one it was pulled with, byte for byte, preferring the
// repository it goes to; for an image that came without one (a legacy
// docker load), a Docker schema2 manifest made from its records and kept
// in the content store.

#include "engine/content/store.h"
#include "engine/metadata/metadata.h"

namespace muelle::engine::distribution {

struct StoredManifest {
    QByteArray bytes;
    QString mediaType;
    oci::Digest digest;
};

Result<StoredManifest> manifestOf(
    const metadata::Image &image, const content::Store &content, const QString &preferredRepository = {});

} // namespace muelle::engine::distribution
