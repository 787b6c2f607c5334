#include "engine/builder/sources.h"

#include "confine/inroot.h"
#include "dockerfile/dockerignore.h"
#include "oci/digest.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::builder {

namespace {

Error notFound(const QString &pattern)
{
    return { Code::NotFound,
        QStringLiteral("file not found in build context or excluded by .dockerignore: stat %1: file does not exist")
            .arg(pattern) };
}

} // namespace

Result<std::pair<QByteArray, struct stat>> resolveInRoot(int rootFd, QByteArray path, const QString &shown)
{
    for (int links = 0; links < 40; ++links) {
        struct stat st { };
        if (path.isEmpty()) {
            if (::fstat(rootFd, &st) != 0)
                return fail(systemError(QStringLiteral("stat"), shown, errno));
            return std::pair{ path, st };
        }
        auto parent = confine::openDirInRoot(rootFd, confine::parentPath(path));
        if (!parent)
            return fail(notFound(shown));
        const QByteArray name = confine::baseName(path);
        if (::fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return fail(notFound(shown));
        if (!S_ISLNK(st.st_mode))
            return std::pair{ path, st };
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(parent->get(), name.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return fail(systemError(QStringLiteral("read link"), shown, errno));
        target.truncate(n);
        path = confine::resolveLinkInRoot(confine::parentPath(path), target);
    }
    return fail(Code::InvalidArgument, QStringLiteral("%1: too many levels of symbolic links").arg(shown));
}

namespace {

// Every path below the root (not following symlinks), parents first.
Result<> walk(int dirFd, const QByteArray &path, const std::function<void(const QByteArray &, bool)> &visit)
{
    auto names = confine::listDir(dirFd, path);
    if (!names)
        return fail(names.error());
    std::sort(names->begin(), names->end());
    for (const QByteArray &name : std::as_const(*names)) {
        const QByteArray child = confine::joinPath(path, name);
        struct stat st { };
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        visit(child, S_ISDIR(st.st_mode));
        if (S_ISDIR(st.st_mode)) {
            auto sub = confine::openSubdir(dirFd, name, child);
            if (!sub)
                return fail(sub.error());
            if (auto done = walk(sub->get(), child, visit); !done)
                return done;
        }
    }
    return {};
}

} // namespace

Result<QList<Source>> findSources(int rootFd, const QStringList &patterns)
{
    QList<Source> sources;
    for (const QString &pattern : patterns) {
        const auto clean = confine::cleanPath(pattern.toUtf8());
        if (!clean)
            return fail(
                Code::InvalidArgument, QStringLiteral("forbidden path outside the build context: %1 ()").arg(pattern));
        if (!dockerfile::hasGlob(pattern)) {
            auto found = resolveInRoot(rootFd, *clean, pattern);
            if (!found)
                return fail(found.error());
            sources.append({ found->first, S_ISDIR(found->second.st_mode) });
            continue;
        }
        auto regex = dockerfile::globPattern(QString::fromUtf8(*clean));
        if (!regex)
            return fail(regex.error());
        const qsizetype before = sources.size();
        auto walked = walk(rootFd, {}, [&](const QByteArray &path, bool directory) {
            if (regex->match(QString::fromUtf8(path)).hasMatch())
                sources.append({ path, directory });
        });
        if (!walked)
            return fail(walked.error());
        if (sources.size() == before)
            return fail(Code::NotFound, QStringLiteral("no source files were specified"));
    }
    return sources;
}

namespace {

Result<> hashFile(int dirFd, const QByteArray &name, const QString &shown, oci::Hasher &hash)
{
    confine::Fd file(::openat(dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!file.isValid())
        return fail(systemError(QStringLiteral("open"), shown, errno));
    struct stat st { };
    if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return fail(Code::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(shown));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("read"), shown, errno));
        if (n == 0)
            return {};
        hash.update(QByteArrayView(buffer.constData(), n));
    }
}

// One entry (and below a directory, everything) into the hash.
Result<> hashEntry(int dirFd, const QByteArray &name, const QByteArray &shownPath, oci::Hasher &hash)
{
    struct stat st { };
    const int flags = name.isEmpty() ? AT_EMPTY_PATH : AT_SYMLINK_NOFOLLOW;
    if (::fstatat(dirFd, name.constData(), &st, flags) != 0)
        return fail(systemError(QStringLiteral("stat"), QString::fromUtf8(shownPath), errno));
    hash.update(shownPath + '\0' + QByteArray::number(st.st_mode, 8) + '\0');
    if (S_ISREG(st.st_mode))
        return hashFile(dirFd, name, QString::fromUtf8(shownPath), hash);
    if (S_ISLNK(st.st_mode)) {
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
        if (n > 0)
            hash.update(QByteArrayView(target.constData(), n));
        return {};
    }
    if (!S_ISDIR(st.st_mode))
        return {};
    auto dir
        = name.isEmpty() ? Result<confine::Fd>(confine::Fd(::dup(dirFd))) : confine::openSubdir(dirFd, name, shownPath);
    if (!dir)
        return fail(dir.error());
    auto names = confine::listDir(dir->get(), shownPath);
    if (!names)
        return fail(names.error());
    std::sort(names->begin(), names->end());
    for (const QByteArray &child : std::as_const(*names)) {
        if (auto done = hashEntry(dir->get(), child, confine::joinPath(shownPath, child), hash); !done)
            return done;
    }
    return {};
}

} // namespace

Result<QString> sourcesDigest(int rootFd, const QList<Source> &sources)
{
    // OpenSSL's sha256 (the CPU's SHA instructions where it has them).
    oci::Hasher hash;
    for (const Source &source : sources) {
        // Its name too: COPY a.txt and COPY b.txt of the same bytes differ.
        hash.update(source.path + '\0');
        oci::Hasher one;
        if (source.path.isEmpty()) {
            if (auto done = hashEntry(rootFd, {}, {}, one); !done)
                return fail(done.error());
        } else {
            auto parent = confine::openDirInRoot(rootFd, confine::parentPath(source.path));
            if (!parent)
                return fail(parent.error());
            if (auto done = hashEntry(parent->get(), confine::baseName(source.path), {}, one); !done)
                return fail(done.error());
        }
        hash.update(one.digest().hex().toLatin1());
    }
    const QString hex = hash.digest().hex();
    if (sources.size() > 1)
        return QStringLiteral("multi:") + hex;
    return (sources.value(0).directory ? QStringLiteral("dir:") : QStringLiteral("file:")) + hex;
}

} // namespace muelle::engine::builder
