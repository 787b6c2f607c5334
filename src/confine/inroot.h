#pragma once
// Paths inside a root directory (a layer's snapshot, a container's rootfs).
// This is the one place where a name from an untrusted source becomes a file
// descriptor: every open, create and delete below a root goes through here,
// so neither ".." nor a symlink ever leads outside the root.
//
// A "root path" is lexically clean: components joined by '/', no leading
// '/', no "", "." or ".." component; "" is the root itself. cleanPath() is
// the only way to make one from untrusted text. Symlinks are resolved as if
// the root were "/": an absolute target starts at the root, and ".." at the
// root stays there.

#include "base/error.h"
#include "confine/fd.h"

#include <QByteArray>
#include <QByteArrayList>

#include <optional>

namespace muelle::confine {

// `name` as a root path: a leading '/' is dropped (absolute names are taken
// relative to the root), "" and "." components are dropped, ".." removes
// the component before it. Nullopt when a ".." would climb above the root
// ("../x", "a/../../x"); the caller says what climbed out.
std::optional<QByteArray> cleanPath(QByteArrayView name);
// "a/b/c" -> "a/b"; "a" -> "".
QByteArray parentPath(const QByteArray &path);
// "a/b/c" -> "c".
QByteArray baseName(const QByteArray &path);
// "a/b" + "c" -> "a/b/c"; "" + "c" -> "c".
QByteArray joinPath(const QByteArray &path, const QByteArray &name);

// A symlink's `target`, found in directory `dir` (a root path), as a root
// path: an absolute target starts at the root, ".." stops there (so
// ("", "/a/../../b") is "b"). Lexical: nothing is looked up.
QByteArray resolveLinkInRoot(const QByteArray &dir, const QByteArray &target);

// Opens the directory at root path `path` below `rootFd` (O_RDONLY |
// O_DIRECTORY), following symlinks inside the root. Uses openat2(2) with
// RESOLVE_IN_ROOT, or a component-by-component walk (O_NOFOLLOW, symlinks
// read and resolved here) when the kernel lacks openat2. Fails with
// systemError("resolve", path, errno): NotFound when a component is missing
// or is not a directory.
Result<Fd> openDirInRoot(int rootFd, const QByteArray &path);
// openDirInRoot, creating the missing directories (mode 0755) on the way,
// also where a dangling symlink points.
Result<Fd> makeDirInRoot(int rootFd, const QByteArray &path);

// Opens the subdirectory `name` of `dirFd` without following a symlink.
// `shownPath` names it in errors.
Result<Fd> openSubdir(int dirFd, const QByteArray &name, const QByteArray &shownPath);
// The names in directory `dirFd`, without "." and "..".
Result<QByteArrayList> listDir(int dirFd, const QByteArray &shownPath);
// Removes the entry `name` of `dirFd`, and when it is a directory everything
// below it. Symlinks are removed, never followed. A missing entry is success.
Result<> removeTree(int dirFd, const QByteArray &name, const QByteArray &shownPath);

// For tests: resolve with the fallback walk even where openat2 works.
void setForceResolveWalkForTests(bool force);

} // namespace muelle::confine
