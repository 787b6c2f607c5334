#include "engine/builder/sources.h"

#include "confine/inroot.h"
#include "dockerfile/dockerignore.h"
#include "oci/digest.h"

#include <algorithm>
#include <cerrno>
#include <climits>
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

Result<std::optional<TreeNode>> DirTree::node(const QByteArray &path) const
{
    struct stat st { };
    if (path.isEmpty()) {
        if (::fstat(rootFd_, &st) != 0)
            return fail(systemError(QStringLiteral("stat"), QStringLiteral("/"), errno));
        return std::optional(TreeNode{ st.st_mode, {} });
    }
    auto parent = confine::openDirInRoot(rootFd_, confine::parentPath(path));
    if (!parent)
        return std::optional<TreeNode>();
    const QByteArray name = confine::baseName(path);
    if (::fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return std::optional<TreeNode>();
    TreeNode node{ st.st_mode, {} };
    if (S_ISLNK(st.st_mode)) {
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(parent->get(), name.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return fail(systemError(QStringLiteral("read link"), QString::fromUtf8(path), errno));
        target.truncate(n);
        node.linkTarget = target;
    }
    return std::optional(node);
}

Result<QList<QByteArray>> DirTree::names(const QByteArray &dir) const
{
    auto opened = confine::openDirInRoot(rootFd_, dir);
    if (!opened)
        return fail(opened.error());
    return confine::listDir(opened->get(), dir);
}

Result<QByteArray> DirTree::fileDigest(const QByteArray &path) const
{
    const QString shown = QString::fromUtf8(path);
    auto parent = confine::openDirInRoot(rootFd_, confine::parentPath(path));
    if (!parent)
        return fail(parent.error());
    confine::Fd file(::openat(
        parent->get(), confine::baseName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!file.isValid())
        return fail(systemError(QStringLiteral("open"), shown, errno));
    struct stat st { };
    if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return fail(Code::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(shown));
    // OpenSSL's sha256 (the CPU's SHA instructions where it has them).
    oci::Hasher hash;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("read"), shown, errno));
        if (n == 0)
            return hash.digest().hex().toLatin1();
        hash.update(QByteArrayView(buffer.constData(), n));
    }
}

Result<std::pair<QByteArray, TreeNode>> resolveInRoot(const SourceTree &tree, QByteArray path, const QString &shown)
{
    for (int links = 0; links < 40; ++links) {
        auto node = tree.node(path);
        if (!node)
            return fail(node.error());
        if (!*node)
            return fail(notFound(shown));
        if (!S_ISLNK((*node)->mode))
            return std::pair{ path, **node };
        path = confine::resolveLinkInRoot(confine::parentPath(path), (*node)->linkTarget);
    }
    return fail(Code::InvalidArgument, QStringLiteral("%1: too many levels of symbolic links").arg(shown));
}

namespace {

// Every path below `dir` (not following symlinks), parents first.
Result<> walk(const SourceTree &tree, const QByteArray &dir, const std::function<void(const QByteArray &, bool)> &visit)
{
    auto names = tree.names(dir);
    if (!names)
        return fail(names.error());
    std::sort(names->begin(), names->end());
    for (const QByteArray &name : std::as_const(*names)) {
        const QByteArray child = confine::joinPath(dir, name);
        auto node = tree.node(child);
        if (!node)
            return fail(node.error());
        if (!*node)
            continue;
        const bool directory = S_ISDIR((*node)->mode);
        visit(child, directory);
        if (directory) {
            if (auto done = walk(tree, child, visit); !done)
                return done;
        }
    }
    return {};
}

} // namespace

Result<QList<Source>> findSources(const SourceTree &tree, const QStringList &patterns)
{
    QList<Source> sources;
    for (const QString &pattern : patterns) {
        const auto clean = confine::cleanPath(pattern.toUtf8());
        if (!clean)
            return fail(
                Code::InvalidArgument, QStringLiteral("forbidden path outside the build context: %1 ()").arg(pattern));
        if (!dockerfile::hasGlob(pattern)) {
            auto found = resolveInRoot(tree, *clean, pattern);
            if (!found)
                return fail(found.error());
            sources.append({ found->first, S_ISDIR(found->second.mode) });
            continue;
        }
        auto regex = dockerfile::globPattern(QString::fromUtf8(*clean));
        if (!regex)
            return fail(regex.error());
        const qsizetype before = sources.size();
        auto walked = walk(tree, {}, [&](const QByteArray &path, bool directory) {
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

// One entry (and below a directory, everything) into the hash, named by
// its path below the source (`shown`).
Result<> hashEntry(const SourceTree &tree, const QByteArray &path, const QByteArray &shown, oci::Hasher &hash)
{
    auto node = tree.node(path);
    if (!node)
        return fail(node.error());
    if (!*node)
        return fail(notFound(QString::fromUtf8(path)));
    const mode_t mode = (*node)->mode;
    hash.update(shown + '\0' + QByteArray::number(mode, 8) + '\0');
    if (S_ISREG(mode)) {
        auto digest = tree.fileDigest(path);
        if (!digest)
            return fail(digest.error());
        hash.update(*digest);
        return {};
    }
    if (S_ISLNK(mode)) {
        hash.update((*node)->linkTarget);
        return {};
    }
    if (!S_ISDIR(mode))
        return {};
    auto names = tree.names(path);
    if (!names)
        return fail(names.error());
    std::sort(names->begin(), names->end());
    for (const QByteArray &name : std::as_const(*names)) {
        if (auto done = hashEntry(tree, confine::joinPath(path, name), confine::joinPath(shown, name), hash); !done)
            return done;
    }
    return {};
}

} // namespace

Result<QString> sourcesDigest(const SourceTree &tree, const QList<Source> &sources)
{
    oci::Hasher hash;
    for (const Source &source : sources) {
        // Its name too: COPY a.txt and COPY b.txt of the same bytes differ.
        hash.update(source.path + '\0');
        oci::Hasher one;
        if (auto done = hashEntry(tree, source.path, {}, one); !done)
            return fail(done.error());
        hash.update(one.digest().hex().toLatin1());
    }
    const QString hex = hash.digest().hex();
    if (sources.size() > 1)
        return QStringLiteral("multi:") + hex;
    return (sources.value(0).directory ? QStringLiteral("dir:") : QStringLiteral("file:")) + hex;
}

} // namespace muelle::engine::builder
