#include "confine/inroot.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace muelle::confine {

namespace {

// errno on failure: the resolver's callers decide which errno they can act on
// (ENOENT -> create, ENOSYS -> fall back) before it becomes an Error.
using SysResult = std::expected<Fd, int>;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
constexpr int kMaxSymlinks = 40; // as the kernel (MAXSYMLINKS)

std::atomic<bool> forceWalk = false;
std::atomic<bool> openat2Missing = false;

QString shown(const QByteArray &path)
{
    return path.isEmpty() ? QStringLiteral(".") : QString::fromUtf8(path);
}

SysResult openChildDir(int dirFd, const QByteArray &name)
{
    const int fd = ::openat(dirFd, name.constData(), kDirFlags | O_NOFOLLOW);
    if (fd < 0)
        return std::unexpected(errno);
    return Fd(fd);
}

SysResult openInRootWithOpenat2(int rootFd, const QByteArray &path)
{
    open_how how{};
    how.flags = kDirFlags;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const char *name = path.isEmpty() ? "." : path.constData();
    for (int attempt = 0;; ++attempt) {
        const long fd = ::syscall(SYS_openat2, rootFd, name, &how, sizeof how);
        if (fd >= 0)
            return Fd(int(fd));
        // EAGAIN: a rename raced the lookup and the kernel asks for a retry.
        if (errno == EINTR || (errno == EAGAIN && attempt < 16))
            continue;
        return std::unexpected(errno);
    }
}

std::expected<QByteArray, int> readLink(int dirFd, const QByteArray &name)
{
    QByteArray target(PATH_MAX, Qt::Uninitialized);
    const ssize_t n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
    if (n < 0) // EINVAL: not a symlink, so the component was not a directory
        return std::unexpected(errno == EINVAL ? ENOTDIR : errno);
    if (n == target.size())
        return std::unexpected(ENAMETOOLONG);
    target.truncate(n);
    return target;
}

// Opens again, from the root, directories already resolved (no symlinks).
SysResult reopenResolved(int rootFd, const QByteArrayList &parts)
{
    SysResult dir = openChildDir(rootFd, QByteArrayLiteral("."));
    for (const QByteArray &part : parts) {
        if (!dir)
            return dir;
        dir = openChildDir(dir->get(), part);
    }
    return dir;
}

// Opens `name` in `dirFd` as a directory, creating it when missing and asked to.
SysResult openOrMakeChildDir(int dirFd, const QByteArray &name, bool create)
{
    SysResult child = openChildDir(dirFd, name);
    if (child || child.error() != ENOENT || !create)
        return child;
    if (::mkdirat(dirFd, name.constData(), 0755) != 0 && errno != EEXIST)
        return std::unexpected(errno);
    return openChildDir(dirFd, name);
}

// The fallback for openat2(RESOLVE_IN_ROOT), and the way to create missing
// directories: the kernel never follows a symlink here; a symlink's target
// is put in front of the components still to walk, and an absolute one
// restarts from the root. A dangling symlink thus leads to directories
// created where it points, inside the root.
SysResult openInRootByWalking(int rootFd, const QByteArray &path, bool create)
{
    QByteArrayList pending = path.split('/');
    std::reverse(pending.begin(), pending.end()); // the next component is last
    QByteArrayList resolved;
    SysResult dir = reopenResolved(rootFd, resolved);
    int links = 0;
    while (dir && !pending.isEmpty()) {
        const QByteArray part = pending.takeLast();
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (!resolved.isEmpty())
                resolved.removeLast();
            dir = reopenResolved(rootFd, resolved);
            continue;
        }
        SysResult child = openOrMakeChildDir(dir->get(), part, create);
        if (child) {
            dir = std::move(child);
            resolved.append(part);
            continue;
        }
        if (child.error() != ELOOP && child.error() != ENOTDIR)
            return child;
        auto target = readLink(dir->get(), part);
        if (!target)
            return std::unexpected(target.error());
        if (++links > kMaxSymlinks)
            return std::unexpected(ELOOP);
        const QByteArrayList targetParts = target->split('/');
        std::for_each(targetParts.crbegin(), targetParts.crend(), [&](const QByteArray &p) { pending.append(p); });
        if (target->startsWith('/')) {
            resolved.clear();
            dir = reopenResolved(rootFd, resolved);
        }
    }
    return dir;
}

SysResult resolveDir(int rootFd, const QByteArray &path)
{
    if (!forceWalk && !openat2Missing) {
        SysResult dir = openInRootWithOpenat2(rootFd, path);
        if (dir || dir.error() != ENOSYS)
            return dir;
        openat2Missing = true;
    }
    return openInRootByWalking(rootFd, path, false);
}

} // namespace

std::optional<QByteArray> cleanPath(QByteArrayView name)
{
    QByteArrayList parts;
    for (const QByteArray &part : name.toByteArray().split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part != "..") {
            parts.append(part);
            continue;
        }
        if (parts.isEmpty())
            return std::nullopt;
        parts.removeLast();
    }
    return parts.join('/');
}

QByteArray parentPath(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? QByteArray() : path.left(slash);
}

QByteArray baseName(const QByteArray &path)
{
    return path.mid(path.lastIndexOf('/') + 1);
}

QByteArray joinPath(const QByteArray &path, const QByteArray &name)
{
    return path.isEmpty() ? name : path + '/' + name;
}

Result<Fd> openDirInRoot(int rootFd, const QByteArray &path)
{
    SysResult dir = resolveDir(rootFd, path);
    if (!dir)
        return fail(systemError(QStringLiteral("resolve"), shown(path), dir.error()));
    return std::move(*dir);
}

Result<Fd> makeDirInRoot(int rootFd, const QByteArray &path)
{
    SysResult dir = resolveDir(rootFd, path);
    if (!dir && dir.error() == ENOENT)
        dir = openInRootByWalking(rootFd, path, true);
    if (!dir)
        return fail(systemError(QStringLiteral("resolve"), shown(path), dir.error()));
    return std::move(*dir);
}

QByteArray resolveLinkInRoot(const QByteArray &dir, const QByteArray &target)
{
    QByteArrayList parts;
    if (!target.startsWith('/') && !dir.isEmpty())
        parts = dir.split('/');
    for (const QByteArray &part : target.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    return parts.join('/');
}

Result<Fd> openSubdir(int dirFd, const QByteArray &name, const QByteArray &shownPath)
{
    SysResult dir = openChildDir(dirFd, name);
    if (!dir)
        return fail(systemError(QStringLiteral("open directory"), shown(shownPath), dir.error()));
    return std::move(*dir);
}

Result<QByteArrayList> listDir(int dirFd, const QByteArray &shownPath)
{
    // A descriptor of its own: closedir() closes it, and its offset moves.
    const int fd = ::openat(dirFd, ".", kDirFlags);
    DIR *dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!dir) {
        const int error = errno;
        if (fd >= 0)
            ::close(fd);
        return fail(systemError(QStringLiteral("list"), shown(shownPath), error));
    }
    QByteArrayList names;
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..")
            names.append(name);
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0)
        return fail(systemError(QStringLiteral("list"), shown(shownPath), error));
    return names;
}

static Result<> emptyDir(int dirFd, const QByteArray &shownPath)
{
    Result<QByteArrayList> names = listDir(dirFd, shownPath);
    if (!names)
        return fail(names.error());
    for (const QByteArray &name : *names) {
        if (Result<> removed = removeTree(dirFd, name, joinPath(shownPath, name)); !removed)
            return removed;
    }
    return {};
}

Result<> removeTree(int dirFd, const QByteArray &name, const QByteArray &shownPath)
{
    struct stat st { };
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return {};
        return fail(systemError(QStringLiteral("stat"), shown(shownPath), errno));
    }
    if (S_ISDIR(st.st_mode)) {
        Result<Fd> dir = openSubdir(dirFd, name, shownPath);
        if (!dir)
            return fail(dir.error());
        if (Result<> emptied = emptyDir(dir->get(), shownPath); !emptied)
            return emptied;
    }
    if (::unlinkat(dirFd, name.constData(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0)
        return fail(systemError(QStringLiteral("remove"), shown(shownPath), errno));
    return {};
}

void setForceResolveWalkForTests(bool force)
{
    forceWalk = force;
}

} // namespace muelle::confine
