#pragma once
// The files a COPY or ADD names in a root (the build context, or the root
// of a stage or image given by --from): each source pattern matched with
// Go's filepath.Match rules component by component, every path kept inside
// the root (".." and symlinks resolved as if the root were "/"), and their
// digest — contents, modes and names — for the step's cache key. Blocking.

#include "base/error.h"
#include "confine/fd.h"
#include "oci/digest.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/stat.h>
#include <utility>

namespace muelle::engine::builder {

struct Source {
    QByteArray path; // a root path ("" = the root itself)
    bool directory = false;
};

// `path` (a root path) with the symlinks on it resolved inside the root,
// and what it is. NotFound in the classic builder's words.
Result<std::pair<QByteArray, struct stat>> resolveInRoot(int rootFd, QByteArray path, const QString &shown);

// The sources `patterns` name below `rootFd`. Errors in the classic
// builder's words: "file not found in build context or excluded by
// .dockerignore: stat x: file does not exist", "no source files were
// specified" (a wildcard that matched nothing), "forbidden path outside the
// build context: ../x ()".
Result<QList<Source>> findSources(int rootFd, const QStringList &patterns);

// "file:<hex>" for one file, "dir:<hex>" for one directory, "multi:<hex>"
// for several — as Docker names a COPY's sources in its history — hashing
// every file's name, mode, link target and contents.
Result<QString> sourcesDigest(int rootFd, const QList<Source> &sources);

} // namespace muelle::engine::builder
