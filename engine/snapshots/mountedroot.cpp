#include "engine/snapshots/mountedroot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace muelle::engine::snapshots {

QString plainUpperOptions()
{
    QString options;
    for (const char *feature : { "redirect_dir", "metacopy" }) {
        if (QFileInfo::exists(QStringLiteral("/sys/module/overlay/parameters/") + QLatin1String(feature)))
            options += u',' + QLatin1String(feature) + QStringLiteral("=off");
    }
    return options;
}

Result<std::unique_ptr<MountedRoot>> MountedRoot::mount(
    const Paths &paths, const QList<oci::Digest> &chainIds, const QString &upper, const QString &work)
{
    QStringList lower;
    for (auto it = chainIds.crbegin(); it != chainIds.crend(); ++it)
        lower.append(paths.snapshot(*it));
    return mountOver(paths, lower, upper, work);
}

Result<std::unique_ptr<MountedRoot>> MountedRoot::mountDirs(const Paths &paths, const QStringList &lowerDirs)
{
    return mountOver(paths, lowerDirs, {}, {});
}

Result<std::unique_ptr<MountedRoot>> MountedRoot::mountOver(
    const Paths &paths, QStringList lower, const QString &upper, const QString &work)
{
    std::unique_ptr<MountedRoot> root(new MountedRoot);
    const QString base = paths.tmpDir() + QStringLiteral("/root-") + QUuid::createUuid().toString(QUuid::Id128);
    root->path_ = base + QStringLiteral("/merged");
    root->empty_ = base + QStringLiteral("/empty");
    if (!QDir().mkpath(root->path_) || !QDir().mkpath(root->empty_))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(base));
    // Without an upper dir overlayfs wants two lower dirs at least.
    if (lower.size() < 2)
        lower.append(root->empty_);
    QString options = QStringLiteral("lowerdir=") + lower.join(u':');
    if (!upper.isEmpty())
        options += QStringLiteral(",upperdir=%1,workdir=%2").arg(upper, work) + plainUpperOptions();
    const QByteArray optionBytes = options.toLocal8Bit();
    if (optionBytes.size() >= 4096)
        return fail(
            Code::ResourceExhausted, QStringLiteral("the image has too many layers to mount (%1)").arg(lower.size()));
    const unsigned long flags = upper.isEmpty() ? MS_RDONLY : 0;
    if (::mount("overlay", QFile::encodeName(root->path_).constData(), "overlay", flags, optionBytes.constData()) != 0)
        return fail(systemError(QStringLiteral("mount overlay on"), root->path_, errno));
    root->mounted_ = true;
    root->fd_ = ::open(QFile::encodeName(root->path_).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root->fd_ < 0)
        return fail(systemError(QStringLiteral("open"), root->path_, errno));
    return root;
}

void MountedRoot::unmount()
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    if (mounted_)
        ::umount2(QFile::encodeName(path_).constData(), MNT_DETACH);
    mounted_ = false;
}

MountedRoot::~MountedRoot()
{
    unmount();
    // rmdir, never a recursive delete: were the mount still there, that
    // would delete the image's files through it.
    QDir().rmdir(path_);
    QDir().rmdir(empty_);
    QDir().rmdir(QFileInfo(path_).path());
}

} // namespace muelle::engine::snapshots
