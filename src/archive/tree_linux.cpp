#include "archive/tree.h"

#include "confine/inroot.h"

#include <QDateTime>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <linux/magic.h>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <sys/xattr.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace muelle::archive {

using confine::Fd;

namespace {

constexpr qint64 kChunk = 1 << 20;
constexpr unsigned kMqueueMagic = 0x19800202; // not in linux/magic.h

QDateTime mtimeOf(const struct stat &st)
{
    return QDateTime::fromSecsSinceEpoch(st.st_mtim.tv_sec, Qt::UTC);
}

bool isPseudoFileSystem(int dirFd)
{
    struct statfs fs { };
    if (::fstatfs(dirFd, &fs) != 0)
        return false;
    switch (fs.f_type) {
    case PROC_SUPER_MAGIC:
    case SYSFS_MAGIC:
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
    case DEVPTS_SUPER_MAGIC:
    case kMqueueMagic:
        return true;
    default:
        return false;
    }
}

// One open directory of the walk and the names in it not archived yet.
struct Frame {
    confine::Fd dir;
    QString entryName;
    QByteArrayList names;
    qsizetype next = 0;
};

bool isOpaque(int dirFd)
{
    char value[2] = {};
    const QByteArray path = "/proc/self/fd/" + QByteArray::number(dirFd);
    return ::getxattr(path.constData(), "trusted.overlay.opaque", value, sizeof value) == 1 && value[0] == 'y';
}

class Walk {
public:
    Walk(confine::Fd parent, QByteArray name, QString entryName)
    {
        Frame top{ std::move(parent), QString(), { std::move(name) }, 0 };
        frames_.push_back(std::move(top));
        rootEntry_ = std::move(entryName);
    }
    // A layer's walk: the children of `dir` at the archive's top.
    Walk(confine::Fd dir, QByteArrayList names)
    {
        std::sort(names.begin(), names.end());
        frames_.push_back(Frame{ std::move(dir), QString(), std::move(names), 0 });
        layer_ = true;
    }

    Result<> step(TarWriter &writer)
    {
        if (file_.isValid())
            return sendData(writer);
        while (!frames_.empty()) {
            Frame &frame = frames_.back();
            if (frame.next == frame.names.size()) {
                frames_.pop_back();
                continue;
            }
            const QByteArray name = frame.names.at(frame.next++);
            const QString entryName = layer_ && frame.entryName.isEmpty() ? QString::fromUtf8(name)
                : frames_.size() == 1 && !layer_                          ? rootEntry_
                                                 : frame.entryName + u'/' + QString::fromUtf8(name);
            Result<bool> added = add(writer, frame.dir.get(), name, entryName);
            if (!added)
                return fail(added.error());
            if (*added)
                return {};
        }
        return writer.finish();
    }

private:
    // Archives one entry; false when it was left out (nothing written).
    Result<bool> add(TarWriter &writer, int dirFd, const QByteArray &name, const QString &entryName)
    {
        struct stat st { };
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT && frames_.size() > 1)
                return false; // removed while the walk ran
            return fail(systemError(QStringLiteral("stat"), entryName, errno));
        }
        writer.setOwner(st.st_uid, st.st_gid);
        const int mode = int(st.st_mode & 07777);
        if (S_ISDIR(st.st_mode))
            return addDirectory(writer, dirFd, name, entryName, st);
        if (layer_ && S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0))
            return addWhiteout(writer, entryName, st);
        if (S_ISLNK(st.st_mode)) {
            QByteArray target(PATH_MAX, Qt::Uninitialized);
            const ssize_t n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
            if (n < 0)
                return fail(systemError(QStringLiteral("read link"), entryName, errno));
            target.truncate(n);
            if (Result<> done = writer.addSymlink(entryName, QString::fromUtf8(target), mtimeOf(st)); !done)
                return fail(done.error());
            return true;
        }
        if (!S_ISREG(st.st_mode))
            return false;
        if (layer_ && st.st_nlink > 1) {
            const auto [seen, first] = linked_.try_emplace({ st.st_dev, st.st_ino }, entryName);
            if (!first) {
                if (Result<> done = writer.addHardlink(entryName, seen->second, mtimeOf(st)); !done)
                    return fail(done.error());
                return true;
            }
        }
        confine::Fd file(::openat(dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
        if (!file.isValid())
            return fail(systemError(QStringLiteral("open"), entryName, errno));
        if (Result<> done = writer.addFile(entryName, st.st_size, mode, mtimeOf(st)); !done)
            return fail(done.error());
        if (st.st_size > 0) {
            file_ = std::move(file);
            fileName_ = entryName;
        }
        return true;
    }

    Result<bool> addDirectory(
        TarWriter &writer, int dirFd, const QByteArray &name, const QString &entryName, const struct stat &st)
    {
        Result<confine::Fd> dir = confine::openSubdir(dirFd, name, entryName.toUtf8());
        if (!dir)
            return fail(dir.error());
        if (Result<> done = writer.addDirectory(entryName, int(st.st_mode & 07777), mtimeOf(st)); !done)
            return fail(done.error());
        QByteArrayList names;
        if (layer_ && isOpaque(dir->get())) {
            writer.setOwner(0, 0);
            if (Result<> done = writer.addFile(entryName + u"/.wh..wh..opq"_s, 0, 0, mtimeOf(st)); !done)
                return fail(done.error());
        }
        if (!isPseudoFileSystem(dir->get())) {
            Result<QByteArrayList> listed = confine::listDir(dir->get(), entryName.toUtf8());
            if (!listed)
                return fail(listed.error());
            names = std::move(*listed);
            std::sort(names.begin(), names.end());
        }
        frames_.push_back(Frame{ std::move(*dir), entryName, std::move(names), 0 });
        return true;
    }

    // overlayfs's whiteout (a char device 0/0) as the OCI one: ".wh.<name>".
    Result<bool> addWhiteout(TarWriter &writer, const QString &entryName, const struct stat &st)
    {
        const qsizetype slash = entryName.lastIndexOf(u'/');
        const QString whiteout = entryName.left(slash + 1) + u".wh."_s + entryName.mid(slash + 1);
        writer.setOwner(0, 0);
        if (Result<> done = writer.addFile(whiteout, 0, 0, mtimeOf(st)); !done)
            return fail(done.error());
        return true;
    }

    // The next chunk of the current file: what the header announced, no
    // more, and zeros for what it lost while being read.
    Result<> sendData(TarWriter &writer)
    {
        const qint64 wanted = std::min(kChunk, writer.remaining());
        QByteArray chunk(wanted, Qt::Uninitialized);
        ssize_t n;
        do
            n = ::read(file_.get(), chunk.data(), size_t(wanted));
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return fail(systemError(QStringLiteral("read"), fileName_, errno));
        if (n == 0)
            chunk.fill('\0');
        else
            chunk.truncate(n);
        if (Result<> done = writer.writeData(chunk); !done)
            return done;
        if (writer.remaining() == 0)
            file_.reset();
        return {};
    }

    std::vector<Frame> frames_;
    QString rootEntry_;
    bool layer_ = false;
    std::map<std::pair<dev_t, ino_t>, QString> linked_; // a layer's files with several links: the first name
    confine::Fd file_;
    QString fileName_;
};

} // namespace

TarProducer treeProducer(confine::Fd parent, QByteArray name, QString entryName)
{
    auto walk = std::make_shared<Walk>(std::move(parent), std::move(name), std::move(entryName));
    return [walk](TarWriter &writer) { return walk->step(writer); };
}

Result<TarProducer> layerProducer(confine::Fd dir)
{
    Result<QByteArrayList> names = confine::listDir(dir.get(), QByteArray("."));
    if (!names)
        return fail(names.error());
    auto walk = std::make_shared<Walk>(std::move(dir), std::move(*names));
    return TarProducer([walk](TarWriter &writer) { return walk->step(writer); });
}

} // namespace muelle::archive
