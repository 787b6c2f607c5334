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

#include <functional>
#include <optional>

namespace muelle::engine::builder {

// Whether these first bytes (262 or fewer) start an archive.
bool looksLikeArchive(QByteArrayView head);

// The Dockerfile's text, read from the unpacked context in `dir`
// (`dockerfile`: its path there); then the Dockerfile and .dockerignore are
// dropped from the context when .dockerignore names them. Errors as the
// classic builder words them: "Cannot locate specified Dockerfile: x".
Result<QString> readContextDockerfile(const QString &dir, const QString &dockerfile);

// The same over any view of the context: `read` gives a small file's bytes
// (nullopt when it is not there or is no regular file), `drop` removes a
// root path from the context.
using ReadContextFile = std::function<Result<std::optional<QByteArray>>(const QString &path)>;
Result<QString> takeDockerfile(
    const QString &dockerfile, const ReadContextFile &read, const std::function<void(const QByteArray &)> &drop);

// The largest Dockerfile (or .dockerignore) read.
constexpr qint64 maxDockerfileSize = 16 << 20;

} // namespace muelle::engine::builder
