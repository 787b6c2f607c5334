#include "engine/snapshots/snapshotter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QSet>
#include <QUuid>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcSnapshots, "muelle.engine.snapshots")

namespace muelle::engine::snapshots {

namespace {

QString freshName(const QString &dir)
{
    return dir + u'/' + QUuid::createUuid().toString(QUuid::Id128);
}

// Removes `path`: a real directory with everything in it, anything else
// (a symlink above all) by unlinking it. Never follows a symlink out.
void removeTree(const QString &path)
{
    const QFileInfo info(path);
    if (info.isSymLink() || !info.isDir()) {
        QFile::remove(path);
        return;
    }
    QDir(path).removeRecursively(); // follows no symlink below the top
}

// Whether an overlay with a lower, upper and work dir mounts here.
bool overlayMounts(const QString &scratch)
{
    QDir dir(scratch);
    for (const char *sub : { "lower", "upper", "work", "merged" })
        dir.mkpath(QString::fromLatin1(sub));
    const QByteArray options = "lowerdir=" + QFile::encodeName(scratch)
        + "/lower,upperdir=" + QFile::encodeName(scratch) + "/upper,workdir=" + QFile::encodeName(scratch) + "/work";
    const QByteArray target = QFile::encodeName(scratch + QStringLiteral("/merged"));
    const bool mounted = ::mount("overlay", target.constData(), "overlay", 0, options.constData()) == 0;
    if (mounted)
        ::umount2(target.constData(), MNT_DETACH);
    dir.removeRecursively();
    return mounted;
}

} // namespace

Result<> Snapshotter::open(const QString &wanted)
{
    if (!QDir().mkpath(paths_.snapshotTmpDir()))
        return fail(Code::Internal, QStringLiteral("create \"%1\"").arg(paths_.snapshotTmpDir()));
    QDir tmp(paths_.snapshotTmpDir());
    for (const QString &name : tmp.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot | QDir::Hidden))
        removeTree(tmp.filePath(name));
    if (wanted == u"vfs") {
        driver_ = Driver::Copy;
    } else if (wanted == u"overlay2" || wanted.isEmpty()) {
        const bool mounts = overlayMounts(freshName(paths_.snapshotTmpDir()));
        if (!mounts && !wanted.isEmpty())
            return fail(
                Code::FailedPrecondition, QStringLiteral("storage driver overlay2: overlayfs does not mount here"));
        driver_ = mounts ? Driver::Overlay : Driver::Copy;
    } else {
        return fail(Code::InvalidArgument, QStringLiteral("storage driver \"%1\": want overlay2 or vfs").arg(wanted));
    }
    qCInfo(lcSnapshots).noquote() << "storage driver" << driverName();
    return {};
}

QString Snapshotter::driverName() const
{
    return driver_ == Driver::Overlay ? QStringLiteral("overlay2") : QStringLiteral("vfs");
}

archive::WhiteoutMode Snapshotter::whiteoutMode() const
{
    return driver_ == Driver::Overlay ? archive::WhiteoutMode::Overlay : archive::WhiteoutMode::Copy;
}

bool Snapshotter::exists(const oci::Digest &chainId) const
{
    return QFileInfo(path(chainId)).isDir();
}

Result<QString> Snapshotter::prepare(const std::optional<oci::Digest> &parent) const
{
    const QString dir = freshName(paths_.snapshotTmpDir());
    if (driver_ == Driver::Copy && parent) {
        // cp -a keeps owners, modes, times, xattrs, hardlinks and special
        // files exactly; reflinks make it cheap where the filesystem can.
        QProcess copy;
        copy.start(
            QStringLiteral("cp"), { QStringLiteral("-a"), QStringLiteral("--reflink=auto"), path(*parent), dir });
        if (!copy.waitForFinished(-1) || copy.exitCode() != 0) {
            discard(dir);
            return fail(Code::Internal,
                QStringLiteral("copy snapshot %1: %2")
                    .arg(parent->hex().left(12), QString::fromLocal8Bit(copy.readAllStandardError()).trimmed()));
        }
        return dir;
    }
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) != 0)
        return fail(systemError(QStringLiteral("mkdir"), dir, errno));
    return dir;
}

Result<> Snapshotter::commit(const QString &dir, const oci::Digest &chainId) const
{
    const QByteArray to = QFile::encodeName(path(chainId));
    // NOREPLACE: an existing snapshot, even an empty one, is never swapped.
    if (::renameat2(AT_FDCWD, QFile::encodeName(dir).constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return {};
    const int error = errno;
    if ((error == ENOTEMPTY || error == EEXIST) && exists(chainId)) {
        discard(dir);
        return {};
    }
    return fail(systemError(QStringLiteral("rename"), dir, error));
}

void Snapshotter::discard(const QString &dir) const
{
    removeTree(dir);
}

Result<> Snapshotter::remove(const oci::Digest &chainId) const
{
    if (!exists(chainId))
        return {};
    // Out of sight first, so a crash mid-delete leaves no half snapshot.
    const QString doomed = freshName(paths_.snapshotTmpDir());
    if (::rename(QFile::encodeName(path(chainId)).constData(), QFile::encodeName(doomed).constData()) != 0)
        return fail(systemError(QStringLiteral("rename"), path(chainId), errno));
    discard(doomed);
    return {};
}

QList<oci::Digest> Snapshotter::list() const
{
    QList<oci::Digest> ids;
    for (const QString &name : QDir(paths_.snapshotsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (auto digest = oci::Digest::parse(QStringLiteral("sha256:") + name))
            ids.append(*digest);
    }
    return ids;
}

qint64 Snapshotter::usage(const oci::Digest &chainId) const
{
    // Regular files' sizes, each inode once; symlinks are not followed.
    qint64 total = 0;
    QSet<QPair<quint64, quint64>> seen;
    QDirIterator entries(path(chainId), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (entries.hasNext()) {
        struct stat st { };
        if (::lstat(QFile::encodeName(entries.next()).constData(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const QPair<quint64, quint64> inode{ quint64(st.st_dev), quint64(st.st_ino) };
        if (st.st_nlink > 1 && seen.contains(inode))
            continue;
        seen.insert(inode);
        total += st.st_size;
    }
    return total;
}

QList<oci::Digest> chainIds(const QList<oci::Digest> &diffIds)
{
    QList<oci::Digest> chain;
    for (const oci::Digest &diffId : diffIds) {
        chain.append(chain.isEmpty()
                ? diffId
                : oci::Digest::of((chain.last().toString() + u' ' + diffId.toString()).toLatin1()));
    }
    return chain;
}

} // namespace muelle::engine::snapshots
