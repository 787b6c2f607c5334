#pragma once
// The volumes of containers: those a new container needs (named ones made
// when missing, anonymous ones for --mount without a source, -v /path and
// the image's VOLUMEs), their host paths when it starts (a new volume filled
// from the image first, Docker's copy-up; binds made when missing, -v only,
// as Docker), their mount and unmount events, and the anonymous volumes that
// go with the container (rm -v, --rm).

#include "engine/containers/container.h"
#include "engine/runtime/ocispec.h"

namespace muelle::engine::volumes {
class VolumeService;
}
namespace muelle::engine::events {
class EventBus;
}

namespace muelle::engine::containers {

class VolumeMounts {
public:
    VolumeMounts(volumes::VolumeService &volumes, events::EventBus &events) : volumes_(volumes), events_(events) { }

    // At create: makes the volumes `spec` and the image ask for; the
    // anonymous ones land in `anonymous` (target -> volume name).
    Result<> makeVolumes(Spec &spec, const QStringList &imageVolumes, QMap<QString, QString> &anonymous);
    // At start: every mount with its host path (`rootfs`: the container's
    // root, to fill new volumes from), publishing volume "mount" events.
    Result<QList<runtime::ResolvedMount>> resolve(const Container &container, const QString &rootfs);
    // The volumes a container mounts, by name.
    QStringList volumesOf(const Container &container) const;
    // A volume's directory on the host; "" when there is no such volume.
    QString hostPathOf(const QString &volume) const;
    void announceUnmounts(const Container &container); // when it stops
    void removeAnonymous(const Container &container);

private:
    volumes::VolumeService &volumes_;
    events::EventBus &events_;
};

} // namespace muelle::engine::containers
