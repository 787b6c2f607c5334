#pragma once
// Media types of the OCI image spec and Docker's schema2.

#include <QString>

namespace muelle::oci::mediatype {

inline const QString ociManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString ociIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString ociConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString ociLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar");
inline const QString ociLayerGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
inline const QString ociLayerZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
inline const QString ociEmpty = QStringLiteral("application/vnd.oci.empty.v1+json");
inline const QString dockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString dockerManifestList = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString dockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
inline const QString dockerLayerGzip = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
inline const QString dockerForeignLayerGzip
    = QStringLiteral("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

bool isManifest(const QString &mediaType); // OCI or Docker image manifest
bool isIndex(const QString &mediaType); // OCI index or Docker manifest list
// "type/subtype" with RFC 6838 restricted names and no parameters, the form
// the OCI descriptor schema accepts.
bool isWellFormed(QStringView mediaType);

} // namespace muelle::oci::mediatype
