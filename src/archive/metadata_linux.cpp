// Owner, xattrs, mode and times of extracted entries. All by (parent
// directory, name), never following the last component.

#include "archive/extractor.h"

#include "archive/log.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace muelle::archive {

using confine::Fd;

Metadata Metadata::of(archive_entry *entry)
{
    Metadata metadata;
    metadata.uid = uid_t(archive_entry_uid(entry));
    metadata.gid = gid_t(archive_entry_gid(entry));
    metadata.mode = archive_entry_perm(entry) & 07777;
    metadata.times[1] = { archive_entry_mtime(entry), archive_entry_mtime_nsec(entry) };
    metadata.times[0] = archive_entry_atime_is_set(entry)
        ? timespec{ archive_entry_atime(entry), archive_entry_atime_nsec(entry) }
        : metadata.times[1];
    archive_entry_xattr_reset(entry);
    const char *name = nullptr;
    const void *value = nullptr;
    size_t size = 0;
    while (archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK)
        metadata.xattrs.append({ QByteArray(name), QByteArray(static_cast<const char *>(value), qsizetype(size)) });
    return metadata;
}

// chown clears setuid bits and file capabilities: the owner goes first.
Result<> Extractor::finishEntry(const Slot &slot, const Metadata &metadata, Kind kind)
{
    if (Result<> recorded = recordWritten(slot); !recorded)
        return recorded;
    if (Result<> owned = applyOwner(slot, metadata); !owned)
        return owned;
    if (Result<> set = applyXattrs(slot, metadata, kind); !set)
        return set;
    if (kind == Kind::Directory)
        return {}; // mode and times in finish(), after the contents
    return applyModeAndTimes(slot, metadata, kind);
}

Result<> Extractor::applyOwner(const Slot &slot, const Metadata &metadata)
{
    if (!options_.preserveOwnership || !privileged_)
        return {};
    const uid_t uid = options_.owner ? options_.owner->first : metadata.uid;
    const gid_t gid = options_.owner ? options_.owner->second : metadata.gid;
    if (::fchownat(slot.dir.get(), slot.name.constData(), uid, gid, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemError(QStringLiteral("change owner of"), QString::fromUtf8(slot.path), errno));
    return {};
}

bool Extractor::xattrAllowed(const QByteArray &name, Kind kind) const
{
    // Overlay metadata (opaque, redirect, metacopy) would steer the mount
    // through lower layers: only whiteouts make it, never a layer's xattrs.
    if (name.startsWith("trusted.overlay."))
        return false;
    // The kernel takes user.* on regular files and directories only.
    if (name.startsWith("user."))
        return kind == Kind::File || kind == Kind::Directory;
    if (name == "security.capability")
        return privileged_ && kind == Kind::File;
    if (name.startsWith("trusted."))
        return privileged_;
    return false;
}

Result<> Extractor::applyXattrs(const Slot &slot, const Metadata &metadata, Kind kind)
{
    // The directory's descriptor as a path, so that l*xattr() can name the
    // entry without following it.
    const QByteArray path = "/proc/self/fd/" + QByteArray::number(slot.dir.get()) + '/' + slot.name;
    for (const auto &[name, value] : metadata.xattrs) {
        if (!xattrAllowed(name, kind)) {
            qCDebug(lcArchive) << "ignored xattr" << name << "of" << QString::fromUtf8(slot.path);
            continue;
        }
        if (::lsetxattr(path.constData(), name.constData(), value.constData(), size_t(value.size()), 0) == 0)
            continue;
        if (errno == ENOTSUP) {
            qCWarning(lcArchive) << "xattr" << name << "not supported here, left out of"
                                 << QString::fromUtf8(slot.path);
            continue;
        }
        return fail(systemError(
            QStringLiteral("set xattr %1 of").arg(QString::fromUtf8(name)), QString::fromUtf8(slot.path), errno));
    }
    return {};
}

Result<> Extractor::applyModeAndTimes(const Slot &slot, const Metadata &metadata, Kind kind)
{
    const QString path = QString::fromUtf8(slot.path);
    if (kind != Kind::Symlink
        && ::fchmodat(slot.dir.get(), slot.name.constData(), metadata.mode, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemError(QStringLiteral("change mode of"), path, errno));
    if (::utimensat(slot.dir.get(), slot.name.constData(), metadata.times, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemError(QStringLiteral("set times of"), path, errno));
    return {};
}

Result<> Extractor::recordWritten(const Slot &slot)
{
    if (options_.whiteouts != WhiteoutMode::Copy)
        return {};
    struct stat st { };
    if (::fstatat(slot.dir.get(), slot.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemError(QStringLiteral("stat"), QString::fromUtf8(slot.path), errno));
    written_.insert({ st.st_dev, st.st_ino });
    return {};
}

} // namespace muelle::archive
