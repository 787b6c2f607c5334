#pragma once
// What both façades (api/rest for the Docker Engine API, api/dbus for the
// desktop app) serve from: the engine's services and the daemon's facts.
// The Docker JSON views in this folder build their answers from these; no
// façade includes the other.

namespace muelle::engine::images {
class ImageService;
}
namespace muelle::engine::events {
class EventBus;
}
namespace muelle::engine::network {
class NetworkService;
}
namespace muelle::engine::volumes {
class VolumeService;
}
namespace muelle::engine::containers {
class ContainerService;
}
namespace muelle::engine::stats {
class Recorder;
}
namespace muelle::engine::builder {
class BuildService;
}
namespace muelle::engine::registries {
class RegistryService;
}

#include <QDateTime>
#include <QString>

namespace muelle::engine::docker {

// What the system endpoints report about the daemon itself.
struct DaemonFacts {
    QString id; // stable per data root
    QString name; // host name
    QString dataRoot;
    QString version; // Muelle's version
    QDateTime started;
    QString logLevel;
};

// The services the façades call; they live on the daemon's main thread.
struct Engine {
    images::ImageService &images;
    events::EventBus &events;
    containers::ContainerService &containers;
    network::NetworkService &networks;
    volumes::VolumeService &volumes;
    stats::Recorder &stats;
    builder::BuildService &builds;
    registries::RegistryService &registries;
};

} // namespace muelle::engine::docker
