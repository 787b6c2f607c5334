#pragma once
// The rows the registry's metadata holds, as values.

#include "oci/digest.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace muelle::registry::metadata {

struct ManifestRecord {
    oci::Digest digest;
    QString mediaType;
    qint64 size = 0;
    QString artifactType;
    std::optional<oci::Digest> subject;
    QByteArray annotations; // JSON object, or empty
};

// What search shows of a manifest, worked out when it is pushed (from its
// config for an image; an index takes its children's).
struct ManifestSummary {
    qint64 size = 0; // config and layers, compressed
    QStringList platforms; // "linux/amd64", "linux/arm/v7"
    QMap<QString, QString> labels; // the config's labels, then the manifest's annotations over them
};

// A repository found by search: what its most recently pushed tag says.
struct SearchHit {
    QString repository;
    QString latestTag;
    QDateTime pushed;
    qint64 size = 0;
    QStringList platforms;
    QString title; // org.opencontainers.image.title
    QString description; // org.opencontainers.image.description
    QString vendor;
    QString source; // org.opencontainers.image.source, else .url
};

struct UploadRecord {
    QString uuid;
    QString repository;
    QDateTime started;
};

// A blob linked to a repository: its size and when it was last linked or
// touched (gc keeps recent links).
struct LinkedBlob {
    qint64 size = 0;
    QDateTime linked;
};

// What a manifest references, checked against the repository when it is put.
struct ManifestReferences {
    QList<oci::Digest> blobs; // config and layers: must be linked to the repository
    QList<oci::Digest> manifests; // an index's children: must be manifests of the repository
};

// A page of names in lexical order, after `last`, at most `limit` (when >= 0).
struct Page {
    QString last;
    int limit = -1;
};

} // namespace muelle::registry::metadata
