// Copy-up and usage by descriptors: each entry is reached as (directory
// descriptor, name) with AT_SYMLINK_NOFOLLOW or O_NOFOLLOW, never by path.

#include "engine/volumes/tree.h"

#include "confine/fd.h"
#include "confine/inroot.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace muelle::engine::volumes {

namespace {

using confine::Fd;
using Inode = std::pair<dev_t, ino_t>;

QString shown(const QByteArray &path)
{
    return path.isEmpty() ? QStringLiteral(".") : QString::fromUtf8(path);
}

Result<struct stat> statAt(int dirFd, const QByteArray &name, const QByteArray &path)
{
    struct stat st { };
    const int rc = name.isEmpty() ? ::fstat(dirFd, &st) : ::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW);
    if (rc != 0)
        return fail(systemError(QStringLiteral("stat"), shown(path), errno));
    return st;
}

// An entry is (dir, name), or the directory `dir` itself when name is "".
struct Node {
    int dir;
    QByteArray name;

    // For l*xattr(): the entry by a path that does not follow it.
    QByteArray procPath() const { return "/proc/self/fd/" + QByteArray::number(dir) + '/' + name; }
};

QByteArrayList xattrNames(const Node &node)
{
    QByteArray buffer(4096, Qt::Uninitialized);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const ssize_t size = node.name.isEmpty()
            ? ::flistxattr(node.dir, buffer.data(), size_t(buffer.size()))
            : ::llistxattr(node.procPath().constData(), buffer.data(), size_t(buffer.size()));
        if (size >= 0) {
            buffer.truncate(size);
            QByteArrayList names = buffer.split('\0');
            names.removeAll(QByteArray());
            return names;
        }
        if (errno != ERANGE)
            return {};
        buffer.resize(buffer.size() * 4);
    }
    return {};
}

std::optional<QByteArray> xattrValue(const Node &node, const QByteArray &name)
{
    QByteArray buffer(65536, Qt::Uninitialized);
    const ssize_t size = node.name.isEmpty()
        ? ::fgetxattr(node.dir, name.constData(), buffer.data(), size_t(buffer.size()))
        : ::lgetxattr(node.procPath().constData(), name.constData(), buffer.data(), size_t(buffer.size()));
    if (size < 0)
        return std::nullopt;
    buffer.truncate(size);
    return buffer;
}

// Best effort, as Docker: a filesystem or kernel may refuse some names
// (user.* on symlinks, trusted.* without privileges, security labels).
void copyXattrs(const Node &from, const Node &to)
{
    for (const QByteArray &name : xattrNames(from)) {
        // Overlay's own bookkeeping, when the image is an overlay mount.
        if (name.startsWith("trusted.overlay."))
            continue;
        const std::optional<QByteArray> value = xattrValue(from, name);
        if (!value)
            continue;
        if (to.name.isEmpty())
            ::fsetxattr(to.dir, name.constData(), value->constData(), size_t(value->size()), 0);
        else
            ::lsetxattr(to.procPath().constData(), name.constData(), value->constData(), size_t(value->size()), 0);
    }
}

class Copier {
public:
    explicit Copier(int toRoot) : toRoot_(toRoot), privileged_(::geteuid() == 0) { }

    Result<> copyDir(int from, int to, const QByteArray &path);
    // Owner first (chown clears setuid bits), then xattrs, mode and times.
    Result<> copyMetadata(const Node &from, const Node &to, const struct stat &st, const QByteArray &path) const;

private:
    Result<> copyEntry(int from, int to, const QByteArray &name, const QByteArray &path);
    Result<> copyFile(int from, int to, const QByteArray &name, const struct stat &st, const QByteArray &path);
    Result<> copySymlink(int from, int to, const QByteArray &name, const QByteArray &path);

    int toRoot_;
    bool privileged_;
    std::map<Inode, QByteArray> linked_; // source inodes with several links -> where copied
};

Result<> Copier::copyDir(int from, int to, const QByteArray &path)
{
    Result<QByteArrayList> names = confine::listDir(from, path);
    if (!names)
        return fail(names.error());
    for (const QByteArray &name : *names) {
        if (Result<> copied = copyEntry(from, to, name, confine::joinPath(path, name)); !copied)
            return copied;
    }
    return {};
}

Result<> Copier::copyEntry(int from, int to, const QByteArray &name, const QByteArray &path)
{
    Result<struct stat> st = statAt(from, name, path);
    if (!st)
        return fail(st.error());
    const mode_t type = st->st_mode & S_IFMT;
    if (type != S_IFDIR && st->st_nlink > 1) {
        const auto first = linked_.find({ st->st_dev, st->st_ino });
        if (first != linked_.end()) {
            if (::linkat(toRoot_, first->second.constData(), to, name.constData(), 0) != 0)
                return fail(systemError(QStringLiteral("link"), shown(path), errno));
            return {};
        }
        linked_.emplace(Inode{ st->st_dev, st->st_ino }, path);
    }
    Result<> made;
    if (type == S_IFDIR) {
        if (::mkdirat(to, name.constData(), 0700) != 0)
            return fail(systemError(QStringLiteral("create directory"), shown(path), errno));
        Result<Fd> fromDir = confine::openSubdir(from, name, path);
        if (!fromDir)
            return fail(fromDir.error());
        Result<Fd> toDir = confine::openSubdir(to, name, path);
        if (!toDir)
            return fail(toDir.error());
        made = copyDir(fromDir->get(), toDir->get(), path);
    } else if (type == S_IFREG) {
        made = copyFile(from, to, name, *st, path);
    } else if (type == S_IFLNK) {
        made = copySymlink(from, to, name, path);
    } else if (type == S_IFCHR || type == S_IFBLK || type == S_IFIFO) {
        if (::mknodat(to, name.constData(), type | 0600, st->st_rdev) != 0)
            made = fail(systemError(QStringLiteral("create node"), shown(path), errno));
    } else {
        return {}; // a socket is only meaningful to the process that bound it
    }
    if (!made)
        return made;
    return copyMetadata({ from, name }, { to, name }, *st, path);
}

Result<> copyData(int in, int out, const QByteArray &path)
{
    for (;;) {
        const ssize_t copied = ::copy_file_range(in, nullptr, out, nullptr, size_t(1) << 30, 0);
        if (copied > 0)
            continue;
        if (copied == 0)
            return {};
        if (errno == EINTR)
            continue;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
            return fail(systemError(QStringLiteral("copy"), shown(path), errno));
        break; // across filesystems on older kernels: by hand, from where it stopped
    }
    QByteArray buffer(128 * 1024, Qt::Uninitialized);
    for (;;) {
        const ssize_t got = ::read(in, buffer.data(), size_t(buffer.size()));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(systemError(QStringLiteral("read"), shown(path), errno));
        if (got == 0)
            return {};
        for (ssize_t done = 0; done < got;) {
            const ssize_t put = ::write(out, buffer.constData() + done, size_t(got - done));
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                return fail(systemError(QStringLiteral("write"), shown(path), errno));
            done += put;
        }
    }
}

Result<> Copier::copyFile(int from, int to, const QByteArray &name, const struct stat &st, const QByteArray &path)
{
    const Fd in(::openat(from, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!in.isValid())
        return fail(systemError(QStringLiteral("open"), shown(path), errno));
    // The opened file must be the one stat'ed: not swapped in between.
    struct stat opened { };
    if (::fstat(in.get(), &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev)
        return fail(Code::Internal, QStringLiteral("open \"%1\": changed while copying").arg(shown(path)));
    const Fd out(::openat(to, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.isValid())
        return fail(systemError(QStringLiteral("create"), shown(path), errno));
    return copyData(in.get(), out.get(), path);
}

Result<> Copier::copySymlink(int from, int to, const QByteArray &name, const QByteArray &path)
{
    QByteArray target(PATH_MAX, Qt::Uninitialized);
    const ssize_t size = ::readlinkat(from, name.constData(), target.data(), size_t(target.size()));
    if (size < 0)
        return fail(systemError(QStringLiteral("read link"), shown(path), errno));
    target.truncate(size);
    if (::symlinkat(target.constData(), to, name.constData()) != 0)
        return fail(systemError(QStringLiteral("create symlink"), shown(path), errno));
    return {};
}

Result<> Copier::copyMetadata(const Node &from, const Node &to, const struct stat &st, const QByteArray &path) const
{
    const bool self = to.name.isEmpty();
    const bool symlink = S_ISLNK(st.st_mode);
    if (privileged_) {
        const int rc = self ? ::fchown(to.dir, st.st_uid, st.st_gid)
                            : ::fchownat(to.dir, to.name.constData(), st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
        if (rc != 0)
            return fail(systemError(QStringLiteral("change owner of"), shown(path), errno));
    }
    copyXattrs(from, to);
    if (!symlink) { // Linux has no mode on symlinks
        const mode_t mode = st.st_mode & 07777;
        const int rc = self ? ::fchmod(to.dir, mode) : ::fchmodat(to.dir, to.name.constData(), mode, 0);
        if (rc != 0)
            return fail(systemError(QStringLiteral("change mode of"), shown(path), errno));
    }
    const timespec times[2] = { st.st_atim, st.st_mtim };
    const int rc
        = self ? ::futimens(to.dir, times) : ::utimensat(to.dir, to.name.constData(), times, AT_SYMLINK_NOFOLLOW);
    if (rc != 0)
        return fail(systemError(QStringLiteral("change times of"), shown(path), errno));
    return {};
}

Result<> addUsage(int dirFd, const QByteArray &path, std::set<Inode> &seen, qint64 &total)
{
    Result<QByteArrayList> names = confine::listDir(dirFd, path);
    if (!names)
        return fail(names.error());
    for (const QByteArray &name : *names) {
        const QByteArray entryPath = confine::joinPath(path, name);
        Result<struct stat> st = statAt(dirFd, name, entryPath);
        if (!st) {
            if (st.error().code == Code::NotFound)
                continue; // removed by a running container meanwhile
            return fail(st.error());
        }
        if (S_ISDIR(st->st_mode)) {
            Result<Fd> sub = confine::openSubdir(dirFd, name, entryPath);
            if (!sub)
                return fail(sub.error());
            if (Result<> added = addUsage(sub->get(), entryPath, seen, total); !added)
                return added;
        } else if (seen.insert({ st->st_dev, st->st_ino }).second) {
            total += st->st_size;
        }
    }
    return {};
}

} // namespace

Result<> copyTree(int fromFd, int toFd, const QByteArray &shownPath)
{
    Result<struct stat> st = statAt(fromFd, {}, shownPath);
    if (!st)
        return fail(st.error());
    Copier copier(toFd);
    if (Result<> copied = copier.copyDir(fromFd, toFd, {}); !copied)
        return fail(copied.error().context(QStringLiteral("copy \"%1\"").arg(shown(shownPath))));
    return copier.copyMetadata({ fromFd, {} }, { toFd, {} }, *st, shownPath);
}

Result<qint64> treeUsage(int dirFd, const QByteArray &shownPath)
{
    std::set<Inode> seen;
    qint64 total = 0;
    if (Result<> added = addUsage(dirFd, shownPath, seen, total); !added)
        return fail(added.error());
    return total;
}

} // namespace muelle::engine::volumes
