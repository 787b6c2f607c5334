#include "engine/builder/copy.h"

#include "archive/extract.h"
#include "confine/inroot.h"
#include "engine/builder/context.h"

#include <QFile>

#include <memory>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::builder {

namespace {

struct Target {
    int rootFd;
    std::optional<std::pair<unsigned, unsigned>> owner;
    std::optional<int> mode;
};

Error systemFailure(const char *what, const QByteArray &path, int error)
{
    return systemError(QString::fromLatin1(what), QString::fromUtf8(path.isEmpty() ? QByteArray("/") : path), error);
}

// Owner, mode and times of what was just made, as COPY sets them.
Result<> finish(
    int dirFd, const QByteArray &name, const struct stat &source, const Target &target, const QByteArray &shown)
{
    const auto [uid, gid] = target.owner.value_or(std::pair{ 0u, 0u });
    const int nofollow = S_ISLNK(source.st_mode) ? AT_SYMLINK_NOFOLLOW : 0;
    if (::fchownat(dirFd, name.constData(), uid, gid, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemFailure("chown", shown, errno));
    if (!S_ISLNK(source.st_mode)) {
        const int mode = target.mode.value_or(int(source.st_mode & 07777));
        if (::fchmodat(dirFd, name.constData(), mode_t(mode), 0) != 0)
            return fail(systemFailure("chmod", shown, errno));
    }
    const struct timespec times[2] = { source.st_atim, source.st_mtim };
    if (::utimensat(dirFd, name.constData(), times, nofollow) != 0)
        return fail(systemFailure("set times of", shown, errno));
    return {};
}

Result<> copyFileData(int from, int to, const QByteArray &shown)
{
    for (;;) {
        const ssize_t n = ::copy_file_range(from, nullptr, to, nullptr, 1 << 30, 0);
        if (n > 0)
            continue;
        if (n == 0)
            return {};
        if (errno == EINTR)
            continue;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
            return fail(systemFailure("copy", shown, errno));
        // No copy_file_range between these file systems: read and write.
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        for (;;) {
            const ssize_t got = ::read(from, buffer.data(), size_t(buffer.size()));
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                return fail(systemFailure("read", shown, errno));
            if (got == 0)
                return {};
            for (ssize_t done = 0; done < got;) {
                const ssize_t put = ::write(to, buffer.constData() + done, size_t(got - done));
                if (put < 0 && errno == EINTR)
                    continue;
                if (put < 0)
                    return fail(systemFailure("write", shown, errno));
                done += put;
            }
        }
    }
}

// Removes what is at `name` unless it is a directory and a directory is wanted.
Result<> makeRoom(int dirFd, const QByteArray &name, bool directoryWanted, const QByteArray &shown)
{
    struct stat st { };
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return {};
    if (S_ISDIR(st.st_mode) && directoryWanted)
        return {};
    return confine::removeTree(dirFd, name, shown);
}

Result<> copyEntry(int fromDir, const QByteArray &fromName, int toDir, const QByteArray &toName, const Target &target,
    const QByteArray &shown);

Result<> copyChildren(int fromDir, int toDir, const Target &target, const QByteArray &shown)
{
    auto names = confine::listDir(fromDir, shown);
    if (!names)
        return fail(names.error());
    for (const QByteArray &name : std::as_const(*names)) {
        if (auto done = copyEntry(fromDir, name, toDir, name, target, confine::joinPath(shown, name)); !done)
            return done;
    }
    return {};
}

Result<> copyEntry(int fromDir, const QByteArray &fromName, int toDir, const QByteArray &toName, const Target &target,
    const QByteArray &shown)
{
    struct stat st { };
    if (::fstatat(fromDir, fromName.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(systemFailure("stat", shown, errno));
    if (auto room = makeRoom(toDir, toName, S_ISDIR(st.st_mode), shown); !room)
        return room;
    if (S_ISDIR(st.st_mode)) {
        if (::mkdirat(toDir, toName.constData(), 0700) != 0 && errno != EEXIST)
            return fail(systemFailure("mkdir", shown, errno));
        auto from = confine::openSubdir(fromDir, fromName, shown);
        auto to = confine::openSubdir(toDir, toName, shown);
        if (!from || !to)
            return fail(from ? to.error() : from.error());
        if (auto done = copyChildren(from->get(), to->get(), target, shown); !done)
            return done;
    } else if (S_ISLNK(st.st_mode)) {
        QByteArray link(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(fromDir, fromName.constData(), link.data(), size_t(link.size()));
        if (n < 0)
            return fail(systemFailure("read link", shown, errno));
        link.truncate(n);
        if (::symlinkat(link.constData(), toDir, toName.constData()) != 0)
            return fail(systemFailure("symlink", shown, errno));
    } else if (S_ISREG(st.st_mode)) {
        confine::Fd from(
            ::openat(fromDir, fromName.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
        if (!from.isValid())
            return fail(systemFailure("open", shown, errno));
        // What was stat'ed may have been swapped for a device or a fifo since.
        struct stat opened { };
        if (::fstat(from.get(), &opened) != 0 || !S_ISREG(opened.st_mode))
            return fail(
                Code::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(QString::fromUtf8(shown)));
        ::fcntl(from.get(), F_SETFL, ::fcntl(from.get(), F_GETFL) & ~O_NONBLOCK);
        confine::Fd to(::openat(toDir, toName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!to.isValid())
            return fail(systemFailure("create", shown, errno));
        if (auto copied = copyFileData(from.get(), to.get(), shown); !copied)
            return copied;
    } else {
        return {}; // devices, fifos and sockets are not copied
    }
    return finish(toDir, toName, st, target, shown);
}

bool isArchive(int fd)
{
    char head[262] = {};
    const ssize_t n = ::pread(fd, head, sizeof head, 0);
    return n > 0 && looksLikeArchive(QByteArrayView(head, n));
}

// ADD's local archive: unpacked into the destination directory.
// ADD's local archive: unpacked into `toPath` (a directory, made when
// missing), as Docker does even without a trailing slash. False when the
// file is no tar (a .json.gz, say): it is then copied as it is.
Result<bool> unpackIfArchive(
    int sourceRoot, const Source &source, int destinationRoot, const QByteArray &toPath, const Target &target)
{
    auto parent = confine::openDirInRoot(sourceRoot, confine::parentPath(source.path));
    if (!parent)
        return fail(parent.error());
    const QByteArray name = confine::baseName(source.path);
    const auto open = [&]() -> Result<std::shared_ptr<QFile>> {
        const int fd = ::openat(parent->get(), name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            return fail(systemFailure("open", source.path, errno));
        struct stat st { };
        auto file = std::make_shared<QFile>();
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)
            || !file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return fail(
                Code::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(QString::fromUtf8(source.path)));
        }
        return file;
    };
    auto file = open();
    if (!file)
        return fail(file.error());
    if (!isArchive((*file)->handle()))
        return false;
    const auto reader = [](QFile &from) {
        return archive::ChunkSource(
            [&from](qint64 maxBytes) -> Result<QByteArray> { return from.read(std::min<qint64>(maxBytes, 1 << 20)); });
    };
    archive::ExtractOptions options;
    options.whiteouts = archive::WhiteoutMode::None;
    options.owner = target.owner;
    // Read whole first: a compressed file that holds no tar is copied, not half unpacked.
    if (!archive::checkArchive(reader(**file), destinationRoot, options))
        return false;
    auto again = open();
    if (!again)
        return fail(again.error());
    auto dir = confine::makeDirInRoot(destinationRoot, toPath);
    if (!dir)
        return fail(dir.error());
    if (auto unpacked = archive::extractLayer(reader(**again), confine::Fd(::dup(dir->get())), options); !unpacked)
        return fail(unpacked.error());
    return true;
}

} // namespace

Result<std::optional<int>> parseChmod(const QString &text)
{
    if (text.isEmpty())
        return std::optional<int>();
    bool ok = false;
    const int mode = text.toInt(&ok, 8);
    if (!ok || mode < 0 || mode > 07777)
        return fail(Code::InvalidArgument, QStringLiteral("invalid chmod parameter: %1").arg(text));
    return std::optional(mode);
}

Result<> copyInto(int sourceRoot, int destinationRoot, const CopyRequest &request)
{
    QString destination = request.destination;
    if (!destination.startsWith(u'/'))
        destination = (request.workingDir.isEmpty() ? QStringLiteral("/") : request.workingDir) + u'/' + destination;
    const bool intoDirectory = destination.endsWith(u'/') || destination.endsWith(QLatin1String("/."));
    const auto clean = confine::cleanPath(destination.toUtf8());
    if (!clean)
        return fail(Code::InvalidArgument, QStringLiteral("invalid destination: %1").arg(request.destination));
    const bool several = request.sources.size() > 1;
    if (several && !intoDirectory)
        return fail(Code::InvalidArgument,
            QStringLiteral("When using COPY with more than one source file, the destination must be a directory and "
                           "end with a /"));
    const Target target{ destinationRoot, request.owner, request.mode };
    for (const Source &source : request.sources) {
        QByteArray toPath = *clean;
        bool toDirectory = intoDirectory || source.directory;
        if (!toDirectory) {
            // An existing directory at the destination takes the file inside it.
            if (auto existing = confine::openDirInRoot(destinationRoot, toPath); existing)
                toDirectory = true;
        }
        if (request.unpackArchives && !source.directory) {
            auto unpacked = unpackIfArchive(sourceRoot, source, destinationRoot, toPath, target);
            if (!unpacked)
                return fail(unpacked.error());
            if (*unpacked)
                continue;
        }
        if (source.directory) {
            auto to = confine::makeDirInRoot(destinationRoot, toPath);
            auto from = confine::openDirInRoot(sourceRoot, source.path);
            if (!to || !from)
                return fail(to ? from.error() : to.error());
            if (auto done = copyChildren(from->get(), to->get(), target, source.path); !done)
                return done;
            continue;
        }
        if (toDirectory)
            toPath = confine::joinPath(toPath, confine::baseName(source.path));
        auto toParent = confine::makeDirInRoot(destinationRoot, confine::parentPath(toPath));
        auto fromParent = confine::openDirInRoot(sourceRoot, confine::parentPath(source.path));
        if (!toParent || !fromParent)
            return fail(toParent ? fromParent.error() : toParent.error());
        if (auto done = copyEntry(fromParent->get(), confine::baseName(source.path), toParent->get(),
                confine::baseName(toPath), target, source.path);
            !done)
            return done;
    }
    return {};
}

} // namespace muelle::engine::builder
