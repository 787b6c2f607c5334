#pragma once
// Image manifests and indexes (OCI and Docker schema2), parsed from the exact
// bytes a registry or client sends. The bytes are never re-serialised: their
// digest is the manifest's identity.

#include "oci/descriptor.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace muelle::oci {

struct Manifest {
    QString mediaType; // resolved: from the document, else from the Content-Type given
    bool isIndex = false;
    std::optional<Descriptor> config; // image manifests only
    QList<Descriptor> layers; // image manifests only
    QList<Descriptor> manifests; // indexes only
    std::optional<Descriptor> subject;
    QString artifactType; // artifactType, else config.mediaType for image manifests (as referrers report it)
    QMap<QString, QString> annotations;

    // Parses and validates: valid JSON object, schemaVersion 2, a known media
    // type (the document's mediaType must agree with `contentType` when both
    // are given), required fields present and well-typed, every descriptor
    // valid. InvalidArgument with a message naming the field otherwise.
    // `contentType` may be empty.
    static Result<Manifest> parse(const QByteArray &bytes, const QString &contentType);

    // Every blob the manifest references directly (config, layers, subject
    // excluded). Indexes: none.
    QList<Descriptor> blobs() const;
};

} // namespace muelle::oci
