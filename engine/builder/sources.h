#pragma once
// The files a COPY or ADD names in a root (the build context, or the root
// of a stage or image given by --from): each source pattern matched with
// Go's filepath.Match rules component by component, every path kept inside
// the root (".." and symlinks resolved as if the root were "/"), and their
// digest — contents, modes and names — for the step's cache key.
//
// A root is a SourceTree: a directory on disk (DirTree), or the index of a
// context not unpacked (contextindex.h). Both give one digest for the same
// files. Blocking.

#include "base/error.h"
#include "confine/fd.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>
#include <utility>

namespace muelle::engine::builder {

// What a root holds at a path (never following its last component).
struct TreeNode {
    mode_t mode = 0; // type and permission bits, as st_mode
    QByteArray linkTarget; // a symlink's
};

class SourceTree {
public:
    virtual ~SourceTree() = default;
    // Paths are root paths: cleaned, relative, "" for the root. nullopt
    // when nothing is there (or a parent is not a directory).
    virtual Result<std::optional<TreeNode>> node(const QByteArray &path) const = 0;
    // A directory's names, in no particular order.
    virtual Result<QList<QByteArray>> names(const QByteArray &dir) const = 0;
    // A regular file's sha256, hex.
    virtual Result<QByteArray> fileDigest(const QByteArray &path) const = 0;
};

// A directory on disk, open as `rootFd` (not owned), read with the
// confined resolver.
class DirTree : public SourceTree {
public:
    explicit DirTree(int rootFd) : rootFd_(rootFd) { }
    Result<std::optional<TreeNode>> node(const QByteArray &path) const override;
    Result<QList<QByteArray>> names(const QByteArray &dir) const override;
    Result<QByteArray> fileDigest(const QByteArray &path) const override;

private:
    int rootFd_;
};

struct Source {
    QByteArray path; // a root path ("" = the root itself)
    bool directory = false;
};

// `path` (a root path) with the symlinks on it resolved inside the root,
// and what it is. NotFound in the classic builder's words.
Result<std::pair<QByteArray, TreeNode>> resolveInRoot(const SourceTree &tree, QByteArray path, const QString &shown);

// The sources `patterns` name in `tree`. Errors in the classic builder's
// words: "file not found in build context or excluded by .dockerignore:
// stat x: file does not exist", "no source files were specified" (a
// wildcard that matched nothing), "forbidden path outside the build
// context: ../x ()".
Result<QList<Source>> findSources(const SourceTree &tree, const QStringList &patterns);

// "file:<hex>" for one file, "dir:<hex>" for one directory, "multi:<hex>"
// for several — as Docker names a COPY's sources in its history — hashing
// every file's name, mode, link target and contents.
Result<QString> sourcesDigest(const SourceTree &tree, const QList<Source> &sources);

} // namespace muelle::engine::builder
