#include "engine/snapshots/writable.h"

#include "confine/inroot.h"
#include "engine/snapshots/mountedroot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>

namespace muelle::engine::snapshots {
namespace {

Result<> makeDir(const QString &path)
{
    if (!QDir().mkpath(path))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(path));
    return {};
}

// The mount points runc makes when they are missing, made here in a lower
// dir of their own so that the container's upper dir holds its changes only.
Result<> makeInitLayer(const QString &dir)
{
    for (const char *name : { "proc", "sys", "dev", "etc" }) {
        if (auto made = makeDir(dir + u'/' + QLatin1String(name)); !made)
            return made;
    }
    for (const char *name : { "etc/hosts", "etc/hostname", "etc/resolv.conf", ".dockerenv" }) {
        QFile file(dir + u'/' + QLatin1String(name));
        if (!file.open(QIODevice::WriteOnly))
            return fail(Code::Internal, QStringLiteral("create \"%1\": %2").arg(file.fileName(), file.errorString()));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::ExeOther);
    }
    return {};
}

} // namespace

WritableLayer::WritableLayer(const Paths &paths, Driver driver, QString id, QList<oci::Digest> chainIds)
    : paths_(paths), driver_(driver), id_(std::move(id)), chainIds_(std::move(chainIds))
{
}

QString WritableLayer::path() const
{
    return paths_.containerLayerMerged(id_);
}

Result<> WritableLayer::create() const
{
    const QString layer = paths_.containerLayer(id_);
    if (driver_ == Driver::Overlay) {
        for (const QString &dir : { paths_.containerLayerUpper(id_), paths_.containerLayerWork(id_),
                 paths_.containerLayerMerged(id_), paths_.containerLayerEmpty(id_) }) {
            if (auto made = makeDir(dir); !made)
                return made;
        }
        return makeInitLayer(paths_.containerLayerInit(id_));
    }
    if (auto made = makeDir(layer); !made)
        return made;
    if (chainIds_.isEmpty())
        return makeDir(path());
    QProcess copy;
    copy.start(QStringLiteral("cp"),
        { QStringLiteral("-a"), QStringLiteral("--reflink=auto"), paths_.snapshot(chainIds_.last()), path() });
    if (!copy.waitForFinished(-1) || copy.exitCode() != 0)
        return fail(Code::Internal,
            QStringLiteral("copy the image into \"%1\": %2")
                .arg(path(), QString::fromUtf8(copy.readAllStandardError())));
    return {};
}

Result<QString> WritableLayer::mount() const
{
    if (driver_ != Driver::Overlay)
        return path();
    unmount();
    QStringList lower = lowerDirs();
    if (lower.isEmpty())
        lower.append(paths_.containerLayerEmpty(id_));
    const QByteArray options
        = QStringLiteral("lowerdir=%1,upperdir=%2,workdir=%3")
              .arg(lower.join(u':'), paths_.containerLayerUpper(id_), paths_.containerLayerWork(id_))
              .append(plainUpperOptions())
              .toLocal8Bit();
    if (options.size() >= 4096)
        return fail(
            Code::ResourceExhausted, QStringLiteral("the image has too many layers to mount (%1)").arg(lower.size()));
    const QByteArray target = QFile::encodeName(path());
    if (::mount("overlay", target.constData(), "overlay", 0, options.constData()) != 0)
        return fail(systemError(QStringLiteral("mount overlay on"), path(), errno));
    return path();
}

QStringList WritableLayer::lowerDirs(bool withInit) const
{
    QStringList lower;
    // Containers made before init layers existed have none.
    if (withInit && QFileInfo(paths_.containerLayerInit(id_)).isDir())
        lower.append(paths_.containerLayerInit(id_));
    for (auto it = chainIds_.crbegin(); it != chainIds_.crend(); ++it)
        lower.append(paths_.snapshot(*it));
    return lower;
}

void WritableLayer::unmount() const
{
    if (driver_ != Driver::Overlay)
        return;
    const QByteArray target = QFile::encodeName(path());
    while (::umount2(target.constData(), MNT_DETACH) == 0) { }
}

Result<> WritableLayer::remove() const
{
    unmount();
    const QString layers = paths_.containerLayersDir();
    const int dirFd = ::open(QFile::encodeName(layers).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        return errno == ENOENT ? Result<>() : fail(systemError(QStringLiteral("open"), layers, errno));
    confine::Fd dir(dirFd);
    return confine::removeTree(dir.get(), id_.toLatin1(), QFile::encodeName(paths_.containerLayer(id_)));
}

QString WritableLayer::changesDir() const
{
    return driver_ == Driver::Overlay ? paths_.containerLayerUpper(id_) : path();
}

qint64 WritableLayer::usage() const
{
    qint64 bytes = 0;
    QDirIterator it(changesDir(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        if (!entry.isDir() || entry.isSymLink())
            bytes += entry.isSymLink() ? entry.symLinkTarget().toUtf8().size() : entry.size();
    }
    return bytes;
}

} // namespace muelle::engine::snapshots
