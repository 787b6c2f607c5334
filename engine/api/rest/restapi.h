#pragma once
// The Docker Engine API façade over the engine's services: version prefix
// and negotiation, then one handler file per resource. Handlers turn
// requests into service calls and errors into errors.h's table; no engine
// logic lives here.

#include "http/exchange.h"

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

#include <QDateTime>
#include <QString>

namespace muelle::engine::rest {

// What the system endpoints report about the daemon itself.
struct DaemonFacts {
    QString id; // stable per data root
    QString name; // host name
    QString dataRoot;
    QString version; // Muelle's version
    QDateTime started;
    QString logLevel;
};

// The services the API calls; they live on the daemon's main thread.
struct Engine {
    images::ImageService &images;
    events::EventBus &events;
    containers::ContainerService &containers;
    network::NetworkService &networks;
    volumes::VolumeService &volumes;
    stats::Recorder &stats;
};

// Builds the handler the daemon's HTTP server runs. `facts` and `engine`
// must outlive it.
http::Handler makeRestApi(const DaemonFacts &facts, Engine &engine);

} // namespace muelle::engine::rest
