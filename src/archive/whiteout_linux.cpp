// OCI whiteouts: ".wh.<name>" hides <name> of the lower layers,
// ".wh..wh..opq" hides everything the lower layers put in its directory.

#include "archive/extractor.h"

#include "archive/log.h"
#include "confine/inroot.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace muelle::archive {

using confine::Fd;

namespace {
const QByteArray kPrefix = QByteArrayLiteral(".wh.");
const QByteArray kMetaPrefix = QByteArrayLiteral(".wh..wh.");
const QByteArray kOpaque = QByteArrayLiteral(".wh..wh..opq");
} // namespace

bool isWhiteout(const QByteArray &path)
{
    return confine::baseName(path).startsWith(kPrefix);
}

Result<> Extractor::applyWhiteout(const QByteArray &path)
{
    const QByteArray base = confine::baseName(path);
    const QByteArray dir = confine::parentPath(path);
    if (base == kOpaque)
        return markOpaque(dir);
    if (base.startsWith(kMetaPrefix)) { // aufs bookkeeping (.wh..wh.plnk...), meaningless here
        qCDebug(lcArchive) << "ignored whiteout metadata" << QString::fromUtf8(path);
        return {};
    }
    const QByteArray victim = base.mid(kPrefix.size());
    if (victim.isEmpty() || victim == "." || victim == "..")
        return fail(Code::InvalidArgument, QStringLiteral("whiteout names no file inside the layer"));
    const QByteArray victimPath = confine::joinPath(dir, victim);
    if (options_.whiteouts == WhiteoutMode::Copy) {
        Result<confine::Fd> parent = confine::openDirInRoot(root_.get(), dir);
        if (!parent) // nothing below to delete
            return parent.error().code == Code::NotFound ? Result<>{} : fail(parent.error());
        return confine::removeTree(parent->get(), victim, victimPath);
    }
    Result<Slot> slot = slotFor(victimPath, true);
    if (!slot)
        return fail(slot.error());
    if (Result<bool> cleared = clearSlot(*slot, false); !cleared)
        return fail(cleared.error());
    if (::mknodat(slot->dir.get(), victim.constData(), S_IFCHR | 0, 0) != 0)
        return fail(systemError(QStringLiteral("create whiteout"), QString::fromUtf8(victimPath), errno));
    return {};
}

Result<> Extractor::markOpaque(const QByteArray &dir)
{
    Result<confine::Fd> fd = confine::makeDirInRoot(root_.get(), dir);
    if (!fd)
        return fail(fd.error());
    if (options_.whiteouts == WhiteoutMode::Copy) {
        opaqueDirs_.append(dir);
        return {};
    }
    if (::fsetxattr(fd->get(), "trusted.overlay.opaque", "y", 1, 0) != 0)
        return fail(systemError(QStringLiteral("mark opaque"), QString::fromUtf8(dir), errno));
    return {};
}

Result<> Extractor::pruneOpaqueDirs()
{
    for (const QByteArray &dir : std::as_const(opaqueDirs_)) {
        Result<confine::Fd> fd = confine::openDirInRoot(root_.get(), dir);
        if (!fd && fd.error().code == Code::NotFound) // whited out later in the layer
            continue;
        if (!fd)
            return fail(fd.error());
        if (Result<bool> pruned = pruneUnwritten(fd->get(), dir); !pruned)
            return fail(pruned.error().context(QStringLiteral("opaque directory \"%1\"").arg(QString::fromUtf8(dir))));
    }
    return {};
}

// Removes below `dirFd` whatever this layer did not write, keeping the
// directories that lead to something it wrote. Returns whether anything
// was kept. Symlinks are never followed (confine::openSubdir, fstatat).
Result<bool> Extractor::pruneUnwritten(int dirFd, const QByteArray &path)
{
    Result<QByteArrayList> names = confine::listDir(dirFd, path);
    if (!names)
        return fail(names.error());
    bool keptAny = false;
    for (const QByteArray &name : std::as_const(*names)) {
        const QByteArray childPath = confine::joinPath(path, name);
        struct stat st { };
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return fail(systemError(QStringLiteral("stat"), QString::fromUtf8(childPath), errno));
        bool keep = written_.contains({ st.st_dev, st.st_ino });
        if (S_ISDIR(st.st_mode)) {
            Result<confine::Fd> sub = confine::openSubdir(dirFd, name, childPath);
            Result<bool> keptBelow = sub ? pruneUnwritten(sub->get(), childPath) : Result<bool>(fail(sub.error()));
            if (!keptBelow)
                return keptBelow;
            keep = keep || *keptBelow;
        }
        if (!keep && ::unlinkat(dirFd, name.constData(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0)
            return fail(systemError(QStringLiteral("remove"), QString::fromUtf8(childPath), errno));
        keptAny = keptAny || keep;
    }
    return keptAny;
}

} // namespace muelle::archive
