#pragma once
// The build context as POST /build sends it: a tar stream (plain, gzip,
// bzip2, xz or zstd) unpacked with the confined extraction layers use
// (nothing written outside the directory, no devices; upload.h), or — when
// the body is no archive — a Dockerfile alone with an empty context
// (`docker build - < Dockerfile`). The Dockerfile and .dockerignore are then
// dropped from the context when .dockerignore excludes them, as Docker
// does. Blocking.

#include "base/error.h"

#include <QByteArrayView>
#include <QString>

namespace muelle::engine::builder {

// Whether these first bytes (262 or fewer) start an archive.
bool looksLikeArchive(QByteArrayView head);

// The Dockerfile's text, read from the unpacked context in `dir`
// (`dockerfile`: its path there); then the Dockerfile and .dockerignore are
// dropped from the context when .dockerignore names them. Errors as the
// classic builder words them: "Cannot locate specified Dockerfile: x".
Result<QString> readContextDockerfile(const QString &dir, const QString &dockerfile);

} // namespace muelle::engine::builder
