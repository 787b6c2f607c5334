#include "archive/extractor.h"

#include "archive/log.h"
#include "archive/tarreader.h"
#include "confine/inroot.h"

#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace muelle::archive {

using confine::Fd;

namespace {

QString quoted(const QByteArray &path)
{
    return QStringLiteral("\"%1\"").arg(QString::fromUtf8(path));
}

Result<> writeAll(int fd, const DataBlock &block, const QByteArray &path)
{
    qsizetype done = 0;
    while (done < block.size) {
        const ssize_t n = ::pwrite(fd, block.data + done, size_t(block.size - done), block.offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("write"), QString::fromUtf8(path), errno));
        done += n;
    }
    return {};
}

// The entry's name as a root path; `where` names the entry for messages.
Result<QByteArray> entryPath(archive_entry *entry, QString &where)
{
    const char *pathname = pathnameOf(entry);
    const QByteArray name(pathname ? pathname : "");
    where = QStringLiteral("layer entry %1").arg(quoted(name));
    const std::optional<QByteArray> path = confine::cleanPath(name);
    if (!path)
        return fail(Code::InvalidArgument, where + QStringLiteral(": climbs out of the layer"));
    return *path;
}

bool isDirectoryEntry(archive_entry *entry)
{
    return !hardlinkOf(entry) && archive_entry_filetype(entry) == AE_IFDIR;
}

Error replacementRefused(const QByteArray &path, bool byDirectory)
{
    return { Code::InvalidArgument,
        byDirectory ? QStringLiteral("cannot overwrite non-directory %1 with a directory").arg(quoted(path))
                    : QStringLiteral("cannot overwrite directory %1 with a non-directory").arg(quoted(path)) };
}

} // namespace

Result<> checkEntry(archive_entry *entry, int rootFd, const ExtractOptions &options)
{
    QString where;
    const Result<QByteArray> path = entryPath(entry, where);
    if (!path)
        return fail(path.error());
    const bool directory = isDirectoryEntry(entry);
    if (path->isEmpty() && !directory)
        return fail(Code::InvalidArgument, where + QStringLiteral(": replaces the layer's root"));
    if (const char *target = hardlinkOf(entry); target && !confine::cleanPath(target))
        return fail(Code::InvalidArgument,
            where + QStringLiteral(": link target %1: climbs out of the layer").arg(quoted(target)));
    if (!options.noOverwriteDirNonDir || path->isEmpty())
        return {};
    Result<confine::Fd> parent = confine::openDirInRoot(rootFd, confine::parentPath(*path));
    if (!parent)
        return {}; // made by the extraction, or refused by it with the resolver's message
    struct stat st { };
    if (::fstatat(parent->get(), confine::baseName(*path).constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return {};
    if (S_ISDIR(st.st_mode) != directory)
        return fail(replacementRefused(*path, directory).context(where));
    return {};
}

Extractor::Extractor(confine::Fd root, const ExtractOptions &options, TarReader &reader)
    : root_(std::move(root)), options_(options), reader_(reader), privileged_(::geteuid() == 0)
{
}

Result<> Extractor::extract(archive_entry *entry)
{
    QString where;
    const Result<QByteArray> path = entryPath(entry, where);
    if (!path)
        return fail(path.error());
    if (Result<> done = extractAt(entry, *path); !done)
        return fail(done.error().context(where));
    return {};
}

Result<> Extractor::extractAt(archive_entry *entry, const QByteArray &path)
{
    if (options_.whiteouts != WhiteoutMode::None && isWhiteout(path))
        return applyWhiteout(path);
    const bool isDirectory = isDirectoryEntry(entry);
    if (path.isEmpty() && !isDirectory)
        return fail(Code::InvalidArgument, QStringLiteral("replaces the layer's root"));
    Result<Slot> slot = slotFor(path, true);
    if (!slot)
        return fail(slot.error());
    if (const char *target = hardlinkOf(entry))
        return makeHardlink(*slot, target);
    switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
        return makeDirectory(*slot, entry);
    case AE_IFREG:
        return writeFile(*slot, entry);
    case AE_IFLNK:
        return makeSymlink(*slot, entry);
    case AE_IFIFO:
    case AE_IFCHR:
    case AE_IFBLK:
        return makeNode(*slot, entry);
    default:
        return skip(path, QStringLiteral("unsupported file type"));
    }
}

Result<Slot> Extractor::slotFor(const QByteArray &path, bool createParents)
{
    if (path.isEmpty()) {
        Result<confine::Fd> root = confine::openDirInRoot(root_.get(), path);
        if (!root)
            return fail(root.error());
        return Slot{ std::move(*root), QByteArrayLiteral("."), path };
    }
    const QByteArray parent = confine::parentPath(path);
    Result<confine::Fd> dir
        = createParents ? confine::makeDirInRoot(root_.get(), parent) : confine::openDirInRoot(root_.get(), parent);
    if (!dir)
        return fail(dir.error());
    return Slot{ std::move(*dir), confine::baseName(path), path };
}

// Makes room for an entry: removes what is at its place, unless both are
// directories (then they merge; returns true).
Result<bool> Extractor::clearSlot(const Slot &slot, bool keepDirectory)
{
    struct stat st { };
    if (::fstatat(slot.dir.get(), slot.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return false;
        return fail(systemError(QStringLiteral("stat"), QString::fromUtf8(slot.path), errno));
    }
    if (options_.noOverwriteDirNonDir && S_ISDIR(st.st_mode) != keepDirectory)
        return fail(replacementRefused(slot.path, keepDirectory));
    if (keepDirectory && S_ISDIR(st.st_mode))
        return true;
    if (Result<> removed = confine::removeTree(slot.dir.get(), slot.name, slot.path); !removed)
        return fail(removed.error());
    return false;
}

Result<> Extractor::makeDirectory(const Slot &slot, archive_entry *entry)
{
    Result<bool> merged = clearSlot(slot, true);
    if (!merged)
        return fail(merged.error());
    // Owner-only until finish(): children must still be creatable when the
    // layer's mode is read-only.
    if (!*merged && ::mkdirat(slot.dir.get(), slot.name.constData(), 0700) != 0)
        return fail(systemError(QStringLiteral("create directory"), QString::fromUtf8(slot.path), errno));
    const Metadata metadata = Metadata::of(entry);
    directories_.insert(slot.path, metadata);
    return finishEntry(slot, metadata, Kind::Directory);
}

Result<> Extractor::writeFile(const Slot &slot, archive_entry *entry)
{
    if (Result<bool> cleared = clearSlot(slot, false); !cleared)
        return fail(cleared.error());
    confine::Fd file(
        ::openat(slot.dir.get(), slot.name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!file.isValid())
        return fail(systemError(QStringLiteral("create"), QString::fromUtf8(slot.path), errno));
    if (Result<> copied = copyData(file.get(), slot, archive_entry_size(entry)); !copied)
        return copied;
    file.reset();
    return finishEntry(slot, Metadata::of(entry), Kind::File);
}

Result<> Extractor::copyData(int fd, const Slot &slot, qint64 size)
{
    for (;;) {
        Result<DataBlock> block = reader_.readData();
        if (!block)
            return fail(block.error());
        if (block->size == 0)
            break;
        if (Result<> written = writeAll(fd, *block, slot.path); !written)
            return written;
    }
    // Sparse files end with a hole the blocks do not cover.
    if (::ftruncate(fd, size) != 0)
        return fail(systemError(QStringLiteral("truncate"), QString::fromUtf8(slot.path), errno));
    return {};
}

Result<> Extractor::makeSymlink(const Slot &slot, archive_entry *entry)
{
    const char *target = symlinkOf(entry);
    if (!target || !*target)
        return fail(Code::InvalidArgument, QStringLiteral("symlink without a target"));
    if (Result<bool> cleared = clearSlot(slot, false); !cleared)
        return fail(cleared.error());
    // Stored as written: it is resolved inside the root whenever it is used.
    if (::symlinkat(target, slot.dir.get(), slot.name.constData()) != 0)
        return fail(systemError(QStringLiteral("create symlink"), QString::fromUtf8(slot.path), errno));
    return finishEntry(slot, Metadata::of(entry), Kind::Symlink);
}

Result<> Extractor::makeHardlink(const Slot &slot, const QByteArray &target)
{
    const std::optional<QByteArray> targetPath = confine::cleanPath(target);
    const QString where = QStringLiteral("link target %1").arg(quoted(target));
    if (!targetPath)
        return fail(Code::InvalidArgument, where + QStringLiteral(": climbs out of the layer"));
    if (targetPath->isEmpty())
        return fail(Code::InvalidArgument, where + QStringLiteral(": is the layer's root"));
    if (*targetPath == slot.path)
        return {};
    Result<Slot> source = slotFor(*targetPath, false);
    if (!source)
        return fail(source.error().context(where));
    if (Result<bool> cleared = clearSlot(slot, false); !cleared)
        return fail(cleared.error());
    // Flags 0: a symlink target is linked itself, never followed.
    if (::linkat(source->dir.get(), source->name.constData(), slot.dir.get(), slot.name.constData(), 0) != 0)
        return fail(systemError(QStringLiteral("link"), QString::fromUtf8(slot.path), errno).context(where));
    return recordWritten(slot);
}

Result<> Extractor::makeNode(const Slot &slot, archive_entry *entry)
{
    const mode_t type = archive_entry_filetype(entry);
    const dev_t device = makedev(archive_entry_rdevmajor(entry), archive_entry_rdevminor(entry));
    const bool isOverlayWhiteout = type == AE_IFCHR && device == 0;
    if (type != AE_IFIFO && !isOverlayWhiteout) {
        if (!options_.allowDevices)
            return skip(slot.path, QStringLiteral("device nodes are not allowed"));
        if (!privileged_)
            return skip(slot.path, QStringLiteral("device nodes need root"));
    }
    if (Result<bool> cleared = clearSlot(slot, false); !cleared)
        return fail(cleared.error());
    if (::mknodat(slot.dir.get(), slot.name.constData(), type | 0600, type == AE_IFIFO ? 0 : device) != 0)
        return fail(systemError(QStringLiteral("create node"), QString::fromUtf8(slot.path), errno));
    return finishEntry(slot, Metadata::of(entry), Kind::Other);
}

Result<> Extractor::skip(const QByteArray &path, const QString &why)
{
    qCWarning(lcArchive) << "skipped layer entry" << QString::fromUtf8(path) << ":" << why;
    ++skipped_;
    return {};
}

Result<> Extractor::finish()
{
    if (Result<> pruned = pruneOpaqueDirs(); !pruned)
        return pruned;
    return applyDirectoryMetadata();
}

// Deepest first: a parent left without write or search permission must not
// stop its children.
Result<> Extractor::applyDirectoryMetadata()
{
    QList<QByteArray> paths = directories_.keys();
    const auto depth = [](const QByteArray &path) { return path.isEmpty() ? -1 : path.count('/'); };
    std::sort(paths.begin(), paths.end(), [&](const auto &a, const auto &b) { return depth(a) > depth(b); });
    for (const QByteArray &path : paths) {
        Result<Slot> slot = slotFor(path, false);
        struct stat st { };
        // Gone or replaced by a later entry or whiteout: nothing to set.
        if (!slot || ::fstatat(slot->dir.get(), slot->name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0
            || !S_ISDIR(st.st_mode))
            continue;
        const Result<> applied = applyModeAndTimes(*slot, directories_.value(path), Kind::Directory);
        if (!applied)
            return fail(applied.error().context(QStringLiteral("layer directory %1").arg(quoted(path))));
    }
    return {};
}

} // namespace muelle::archive
