#include "engine/builder/context.h"

#include "confine/inroot.h"
#include "dockerfile/dockerignore.h"
#include "engine/builder/sources.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::builder {

namespace {

// A small file of the context, read inside it; nullopt when it is not there.
Result<std::optional<QByteArray>> readInContext(int rootFd, const QString &path)
{
    const auto clean = confine::cleanPath(path.toUtf8());
    if (!clean || clean->isEmpty())
        return std::optional<QByteArray>();
    // A symlink is followed inside the context only; what is opened must be
    // a regular file (never a device or a fifo of the host).
    auto resolved = resolveInRoot(DirTree(rootFd), *clean, path);
    if (!resolved || resolved->first.isEmpty())
        return std::optional<QByteArray>();
    auto parent = confine::openDirInRoot(rootFd, confine::parentPath(resolved->first));
    if (!parent)
        return std::optional<QByteArray>();
    confine::Fd file(::openat(parent->get(), confine::baseName(resolved->first).constData(),
        O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK));
    if (!file.isValid())
        return std::optional<QByteArray>();
    struct stat st { };
    if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::optional<QByteArray>();
    if (st.st_size > maxDockerfileSize)
        return fail(Code::InvalidArgument, QStringLiteral("%1 is larger than 16 MiB").arg(path));
    QByteArray bytes(st.st_size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(file.get(), bytes.data() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    bytes.truncate(done);
    return std::optional(bytes);
}

} // namespace

bool looksLikeArchive(QByteArrayView head)
{
    const auto starts = [&](QByteArrayView magic) { return head.startsWith(magic); };
    if (starts("\x1f\x8b") || starts("BZh")
        || starts(QByteArrayView("\xfd"
                                 "7zXZ\x00",
            6))
        || starts("\x28\xb5\x2f\xfd"))
        return true;
    return head.size() >= 262 && head.sliced(257, 5) == QByteArrayView("ustar");
}

Result<QString> readContextDockerfile(const QString &dir, const QString &dockerfile)
{
    confine::Fd root(::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid())
        return fail(systemError(QStringLiteral("open"), dir, errno));
    return takeDockerfile(
        dockerfile, [&root](const QString &path) { return readInContext(root.get(), path); },
        [&root](const QByteArray &path) {
            if (auto parent = confine::openDirInRoot(root.get(), confine::parentPath(path)); parent)
                confine::removeTree(parent->get(), confine::baseName(path), path);
        });
}

Result<QString> takeDockerfile(
    const QString &dockerfile, const ReadContextFile &read, const std::function<void(const QByteArray &)> &drop)
{
    auto text = read(dockerfile);
    if (!text)
        return fail(text.error());
    if (!*text)
        return fail(Code::InvalidArgument, QStringLiteral("Cannot locate specified Dockerfile: %1").arg(dockerfile));
    // Docker drops the Dockerfile and .dockerignore when .dockerignore names them.
    auto ignore = read(QStringLiteral(".dockerignore"));
    if (ignore && *ignore) {
        auto matcher = dockerfile::IgnoreMatcher::create(dockerfile::readDockerignore(QString::fromUtf8(**ignore)));
        if (!matcher)
            return fail(matcher.error());
        for (const QString &name : { dockerfile::cleanPath(dockerfile), QStringLiteral(".dockerignore") }) {
            const auto clean = confine::cleanPath(name.toUtf8());
            if (clean && !clean->isEmpty() && matcher->matches(name))
                drop(*clean);
        }
    }
    return QString::fromUtf8(**text);
}

} // namespace muelle::engine::builder
