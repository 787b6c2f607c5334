#include "engine/containers/files.h"

#include "archive/extract.h"
#include "archive/tree.h"
#include "confine/inroot.h"
#include "engine/containers/store.h"
#include "engine/containers/volumemounts.h"
#include "engine/runtime/ocispec.h"

#include <QFile>
#include <QFileInfo>
#include <QThreadPool>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

namespace muelle::engine::containers {

quint32 goFileMode(unsigned mode)
{
    quint32 bits = mode & 0777;
    if (mode & S_ISUID)
        bits |= 1u << 23;
    if (mode & S_ISGID)
        bits |= 1u << 22;
    if (mode & S_ISVTX)
        bits |= 1u << 20;
    switch (mode & S_IFMT) {
    case S_IFDIR:
        return bits | 1u << 31;
    case S_IFLNK:
        return bits | 1u << 27;
    case S_IFBLK:
        return bits | 1u << 26;
    case S_IFCHR:
        return bits | 1u << 26 | 1u << 21;
    case S_IFIFO:
        return bits | 1u << 25;
    case S_IFSOCK:
        return bits | 1u << 24;
    default:
        return bits;
    }
}

namespace {

// "/a/../b/" -> "b": a root path, ".." stopping at the root as in any
// absolute path.
QByteArray rootPathOf(const QString &path)
{
    return confine::resolveLinkInRoot({}, path.toUtf8());
}

bool isUnder(const QByteArray &path, const QByteArray &dir)
{
    return dir.isEmpty() || path == dir || path.startsWith(dir + '/');
}

// Go's filepath.Base of the path as the client wrote it.
QString baseNameOf(const QString &path)
{
    QString trimmed = path;
    while (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return QStringLiteral("/");
    return trimmed.mid(trimmed.lastIndexOf(u'/') + 1);
}

Result<confine::Fd> openDir(const QString &path)
{
    confine::Fd dir(::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.isValid())
        return fail(systemError(QStringLiteral("open"), path, errno));
    return dir;
}

Error notFound(const QString &path, const QString &container)
{
    return { Code::NotFound, QStringLiteral("Could not find the file %1 in container %2").arg(path, container) };
}

// The path's entry: its directory and its name there (".", with the
// directory itself, for "dir/", "dir/." and the root).
struct Entry {
    confine::Fd parent;
    QByteArray name;
    struct stat st { };
};

} // namespace

// Where a container path is: the directory it is resolved in and the
// root path below it.
struct FileService::FileRoot {
    std::shared_ptr<confine::Fd> dir;
    QByteArray path;
    QByteArray prefix; // the container path of `dir`, as a root path
    bool followLast = false; // the client wrote "dir/" or "dir/."
    QString shownPath; // as the client wrote it
    Container container;
};

namespace {

Result<Entry> entryOf(const FileService::FileRoot &root)
{
    Result<confine::Fd> parent = root.followLast || root.path.isEmpty()
        ? confine::openDirInRoot(root.dir->get(), root.path)
        : confine::openDirInRoot(root.dir->get(), confine::parentPath(root.path));
    if (!parent)
        return fail(
            parent.error().code == Code::NotFound ? notFound(root.shownPath, root.container.name) : parent.error());
    Entry entry;
    entry.parent = std::move(*parent);
    entry.name = root.followLast || root.path.isEmpty() ? QByteArrayLiteral(".") : confine::baseName(root.path);
    if (::fstatat(entry.parent.get(), entry.name.constData(), &entry.st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return fail(notFound(root.shownPath, root.container.name));
        return fail(systemError(QStringLiteral("stat"), root.shownPath, errno));
    }
    return entry;
}

// Where a chain of symlinks starting at `path` ends, as a root path.
QByteArray linkTargetOf(int rootFd, QByteArray path)
{
    for (int hop = 0; hop < 40; ++hop) {
        Result<confine::Fd> parent = confine::openDirInRoot(rootFd, confine::parentPath(path));
        if (!parent)
            return path;
        const QByteArray name = confine::baseName(path);
        struct stat st { };
        if (::fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(st.st_mode))
            return path;
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(parent->get(), name.constData(), target.data(), size_t(target.size()));
        if (n <= 0)
            return path;
        target.truncate(n);
        path
            = rootPathOf(QString::fromUtf8(target.startsWith('/') ? target : confine::parentPath(path) + '/' + target));
    }
    return path;
}

Result<PathStat> statOf(const FileService::FileRoot &root, const Entry &entry)
{
    PathStat stat;
    stat.name = baseNameOf(root.shownPath);
    stat.size = entry.st.st_size;
    stat.mode = goFileMode(entry.st.st_mode);
    stat.mtime = QDateTime::fromMSecsSinceEpoch(
        qint64(entry.st.st_mtim.tv_sec) * 1000 + entry.st.st_mtim.tv_nsec / 1000000, Qt::UTC);
    if (S_ISLNK(entry.st.st_mode)) {
        const QByteArray target = linkTargetOf(root.dir->get(), root.path);
        stat.linkTarget = u'/' + QString::fromUtf8(confine::joinPath(root.prefix, target));
    }
    return stat;
}

archive::ChunkSource fileSource(const std::shared_ptr<QFile> &file)
{
    return [file](qint64 maxBytes) -> Result<QByteArray> {
        QByteArray chunk = file->read(std::min<qint64>(maxBytes, 1 << 20));
        if (chunk.isEmpty() && file->error() != QFileDevice::NoError)
            return fail(Code::Internal, QStringLiteral("read the archive: %1").arg(file->errorString()));
        return chunk;
    };
}

Result<> extractInto(const FileService::FileRoot &root, const QString &tarFile, const CopyInOptions &copy,
    std::optional<std::pair<unsigned, unsigned>> owner)
{
    Result<confine::Fd> dir = confine::openDirInRoot(root.dir->get(), root.path);
    if (!dir) {
        if (dir.error().code != Code::NotFound)
            return fail(dir.error());
        FileService::FileRoot parentRoot = root;
        parentRoot.followLast = false;
        if (entryOf(parentRoot))
            return fail(Code::InvalidArgument, QStringLiteral("extraction point is not a directory"));
        return fail(notFound(root.shownPath, root.container.name));
    }
    archive::ExtractOptions options;
    options.whiteouts = archive::WhiteoutMode::None;
    options.owner = owner;
    options.noOverwriteDirNonDir = copy.noOverwriteDirNonDir;
    auto file = std::make_shared<QFile>(tarFile);
    if (!file->open(QIODevice::ReadOnly))
        return fail(Code::Internal, QStringLiteral("open the archive: %1").arg(file->errorString()));
    // A first pass that writes nothing: a bad archive changes nothing.
    if (Result<> checked = archive::checkArchive(fileSource(file), dir->get(), options); !checked)
        return checked;
    file->seek(0);
    if (auto extracted = archive::extractLayer(fileSource(file), std::move(*dir), options); !extracted)
        return fail(extracted.error());
    return {};
}

} // namespace

Result<FileService::FileRoot> FileService::locatePath(const QString &name, const QString &path)
{
    auto found = store_.lookup(name);
    if (!found)
        return fail(found.error());
    const Container &container = **found;
    FileRoot root;
    root.path = rootPathOf(path);
    root.followLast = path.endsWith(u'/') || path.endsWith(QLatin1String("/.")) || path == u'.';
    root.shownPath = path;
    root.container = container;
    if (container.running() && container.state.pid > 0) {
        auto dir = openDir(QStringLiteral("/proc/%1/root").arg(container.state.pid));
        if (!dir)
            return fail(dir.error());
        root.dir = std::make_shared<confine::Fd>(std::move(*dir));
        return root;
    }
    // Stopped: a volume or bind mounted at the path holds it, else the layer.
    std::optional<MountedPath> holder;
    for (const MountedPath &mount : mountedPaths(container)) {
        if (!mount.hostPath.isEmpty() && isUnder(root.path, mount.target)
            && (!holder || mount.target.size() > holder->target.size()))
            holder = mount;
    }
    if (holder) {
        QString hostDir = holder->hostPath;
        QByteArray below = root.path.mid(holder->target.size() + 1);
        root.prefix = holder->target;
        if (!QFileInfo(hostDir).isDir()) { // a file bind mounted at exactly this path
            hostDir = QFileInfo(holder->hostPath).path();
            below = QFile::encodeName(QFileInfo(holder->hostPath).fileName());
            root.prefix = confine::parentPath(holder->target);
        }
        auto dir = openDir(hostDir);
        if (!dir)
            return fail(dir.error());
        root.dir = std::make_shared<confine::Fd>(std::move(*dir));
        root.path = below;
        return root;
    }
    // Mounted and at once detached: the descriptor keeps the mount alive
    // for as long as the copy needs it, and nothing is left mounted.
    const snapshots::WritableLayer rootfs = store_.layerOf(container);
    auto mounted = rootfs.mount();
    if (!mounted)
        return fail(mounted.error());
    auto dir = openDir(*mounted);
    rootfs.unmount();
    if (!dir)
        return fail(dir.error());
    root.dir = std::make_shared<confine::Fd>(std::move(*dir));
    return root;
}

Result<runtime::User> FileService::userOf(const Container &container)
{
    if (container.running() && container.state.pid > 0)
        return runtime::resolveUser(QStringLiteral("/proc/%1/root").arg(container.state.pid), container.spec.user);
    const snapshots::WritableLayer rootfs = store_.layerOf(container);
    auto mounted = rootfs.mount();
    if (!mounted)
        return fail(mounted.error());
    auto user = runtime::resolveUser(*mounted, container.spec.user);
    rootfs.unmount();
    return user;
}

QList<FileService::MountedPath> FileService::mountedPaths(const Container &container) const
{
    QList<MountedPath> paths;
    const auto volumePath = [this](const QString &name) { return store_.volumes().hostPathOf(name); };
    for (const Mount &mount : container.spec.mounts) {
        QString hostPath;
        if (mount.type == MountType::Bind)
            hostPath = mount.source;
        else if (mount.type == MountType::Volume)
            hostPath = volumePath(mount.source);
        paths.append({ rootPathOf(mount.target), hostPath, mount.readOnly });
    }
    for (auto it = container.anonymousVolumes.cbegin(); it != container.anonymousVolumes.cend(); ++it)
        paths.append({ rootPathOf(it.key()), volumePath(it.value()), false });
    return paths;
}

void FileService::statPath(const QString &name, const QString &path, std::function<void(Result<PathStat>)> done)
{
    auto root = locatePath(name, path);
    if (!root)
        return done(fail(root.error()));
    auto *context = this;
    pool_.start([context, root = *root, done] {
        Result<PathStat> stat = fail(Code::Internal, QString());
        if (auto entry = entryOf(root))
            stat = statOf(root, *entry);
        else
            stat = fail(entry.error());
        QMetaObject::invokeMethod(context, [stat, done] { done(stat); });
    });
}

void FileService::archivePath(const QString &name, const QString &path, std::function<void(Result<PathArchive>)> done)
{
    auto root = locatePath(name, path);
    if (!root)
        return done(fail(root.error()));
    auto *context = this;
    pool_.start([context, root = *root, done] {
        Result<PathArchive> answer = fail(Code::Internal, QString());
        if (auto entry = entryOf(root)) {
            PathArchive archived;
            if (auto stat = statOf(root, *entry)) {
                archived.stat = *stat;
                const QString entryName = stat->name == u'/' ? QStringLiteral(".") : stat->name;
                archived.tar = std::make_shared<archive::TarStream>(
                    archive::treeProducer(std::move(entry->parent), entry->name, entryName));
                answer = archived;
            } else {
                answer = fail(stat.error());
            }
        } else {
            answer = fail(entry.error());
        }
        QMetaObject::invokeMethod(context, [context, container = root.container, answer, done] {
            if (answer)
                context->store_.publish(container, QStringLiteral("archive-path"));
            done(answer);
        });
    });
}

void FileService::extractToPath(const QString &name, const QString &path, const QString &tarFile, CopyInOptions options,
    std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    const Container container = **found;
    const QByteArray target = rootPathOf(path);
    std::optional<MountedPath> holder;
    for (const MountedPath &mount : mountedPaths(container)) {
        if (isUnder(target, mount.target) && (!holder || mount.target.size() > holder->target.size()))
            holder = mount;
    }
    if (holder && holder->readOnly)
        return done(fail(Code::InvalidArgument, QStringLiteral("mounted volume is marked read-only")));
    if (!holder && container.spec.readonlyRootfs)
        return done(fail(Code::InvalidArgument, QStringLiteral("container rootfs is marked read-only")));
    std::optional<std::pair<unsigned, unsigned>> owner;
    if (options.copyUidGid && !container.spec.user.isEmpty()) {
        auto user = userOf(container);
        if (!user)
            return done(fail(user.error()));
        owner = std::pair(user->uid, user->gid);
    }
    auto root = locatePath(name, path);
    if (!root)
        return done(fail(root.error()));
    auto *context = this;
    pool_.start([context, root = *root, tarFile, options, owner, done] {
        const Result<> extracted = extractInto(root, tarFile, options, owner);
        QMetaObject::invokeMethod(context, [context, container = root.container, extracted, done] {
            if (extracted)
                context->store_.publish(container, QStringLiteral("extract-to-dir"));
            done(extracted);
        });
    });
}

} // namespace muelle::engine::containers
