#pragma once
// The volume driver's work on file trees: the copy-up from an image and the
// disk usage. Both walk by descriptors and never follow a symlink, so
// neither a link in an image nor one a container left in a volume leads
// anywhere else. Private to engine/volumes.

#include "base/error.h"

#include <QByteArray>

namespace muelle::engine::volumes {

// Copies the content of directory `fromFd` into the empty directory `toFd`,
// then gives `toFd` the owner, xattrs, mode and times of `fromFd`. Owners
// are kept when running as root; xattrs are best effort. `shownPath` names
// the source in errors.
Result<> copyTree(int fromFd, int toFd, const QByteArray &shownPath);

// The apparent size of every non-directory entry below `dirFd`, each inode
// once (du --apparent-size, as Docker counts a volume).
Result<qint64> treeUsage(int dirFd, const QByteArray &shownPath);

} // namespace muelle::engine::volumes
