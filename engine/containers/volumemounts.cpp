#include "engine/containers/volumemounts.h"

#include "engine/containers/logging.h"
#include "engine/events/events.h"
#include "engine/volumes/volumes.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace muelle::engine::containers {

Result<> VolumeMounts::makeVolumes(Spec &spec, const QStringList &imageVolumes, QMap<QString, QString> &anonymous)
{
    for (Mount &mount : spec.mounts) {
        if (mount.type != MountType::Volume)
            continue;
        auto volume = volumes_.create(mount.source);
        if (!volume)
            return fail(volume.error());
        mount.source = volume->name;
    }
    const auto mounted = [&](const QString &target) {
        const QString clean = QDir::cleanPath(target);
        return anonymous.contains(clean) || std::any_of(spec.mounts.begin(), spec.mounts.end(), [&](const Mount &m) {
            return QDir::cleanPath(m.target) == clean;
        });
    };
    for (const QString &target : spec.volumes + imageVolumes) {
        if (!target.startsWith(u'/') || mounted(target))
            continue;
        auto volume = volumes_.create(QString());
        if (!volume)
            return fail(volume.error());
        anonymous.insert(QDir::cleanPath(target), volume->name);
    }
    return {};
}

Result<QList<runtime::ResolvedMount>> VolumeMounts::resolve(const Container &container, const QString &rootfs)
{
    QList<runtime::ResolvedMount> resolved;
    const auto volumeMount = [&](const Mount &mount) -> Result<> {
        auto volume = volumes_.get(mount.source);
        if (!volume)
            return fail(volume.error());
        if (!mount.noCopy) {
            if (auto filled = volumes_.fillFromImage(volume->name, rootfs, mount.target); !filled)
                return fail(filled.error().context(
                    QStringLiteral("copy the image's %1 into volume %2").arg(mount.target, volume->name)));
        }
        resolved.append({ mount, volume->mountpoint });
        events_.publish({ QStringLiteral("volume"), QStringLiteral("mount"), volume->name,
            { { QStringLiteral("driver"), volume->driver }, { QStringLiteral("container"), container.id },
                { QStringLiteral("destination"), mount.target },
                { QStringLiteral("read/write"), mount.readOnly ? QStringLiteral("false") : QStringLiteral("true") },
                { QStringLiteral("propagation"), QString() } },
            0 });
        return {};
    };
    for (const Mount &mount : container.spec.mounts) {
        if (mount.type == MountType::Volume) {
            if (auto done = volumeMount(mount); !done)
                return fail(done.error());
            continue;
        }
        runtime::ResolvedMount entry{ mount, {} };
        if (mount.type == MountType::Bind) {
            entry.hostPath = mount.source;
            if (mount.from == MountFrom::Binds && !QFileInfo::exists(mount.source))
                QDir().mkpath(mount.source);
        }
        resolved.append(entry);
    }
    for (auto it = container.anonymousVolumes.cbegin(); it != container.anonymousVolumes.cend(); ++it) {
        Mount mount;
        mount.type = MountType::Volume;
        mount.source = it.value();
        mount.target = it.key();
        if (auto done = volumeMount(mount); !done)
            return fail(done.error());
    }
    return resolved;
}

QStringList VolumeMounts::volumesOf(const Container &container) const
{
    QStringList names = container.anonymousVolumes.values();
    for (const Mount &mount : container.spec.mounts) {
        if (mount.type == MountType::Volume && !mount.source.isEmpty())
            names.append(mount.source);
    }
    return names;
}

QString VolumeMounts::hostPathOf(const QString &name) const
{
    auto volume = volumes_.get(name);
    return volume ? volume->mountpoint : QString();
}

void VolumeMounts::announceUnmounts(const Container &container)
{
    for (const QString &name : volumesOf(container)) {
        events_.publish({ QStringLiteral("volume"), QStringLiteral("unmount"), name,
            { { QStringLiteral("driver"), QStringLiteral("local") }, { QStringLiteral("container"), container.id } },
            0 });
    }
}

void VolumeMounts::removeAnonymous(const Container &container)
{
    for (const QString &name : volumesOf(container)) {
        auto volume = volumes_.get(name);
        if (!volume || !volume->anonymous)
            continue;
        if (auto removed = volumes_.remove(name); !removed)
            qCWarning(lcContainers).noquote() << removed.error().message;
    }
}

} // namespace muelle::engine::containers
