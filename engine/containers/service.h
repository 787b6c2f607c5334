#pragma once
// The container service: the roles that create containers from local
// images, run them through one muelle-shim each and manage them, wired
// together — the records (store), running them (supervisor), their execs,
// docker cp (files), diff and export (rootfs), their networks, their bundles and volumes. Callers
// take the role they need. Lives on the daemon's main thread.

#include "engine/containers/bundle.h"
#include "engine/containers/execs.h"
#include "engine/containers/files.h"
#include "engine/containers/networking.h"
#include "engine/containers/rootfsviews.h"
#include "engine/containers/store.h"
#include "engine/containers/supervisor.h"
#include "engine/containers/volumemounts.h"

#include <QObject>
#include <QThreadPool>

namespace muelle::engine::network {
class NetworkService;
}
namespace muelle::engine::volumes {
class VolumeService;
}

namespace muelle::engine::containers {

class ContainerService : public QObject {
    Q_OBJECT
public:
    ContainerService(Settings settings, images::ImageService &images, network::NetworkService &networks,
        volumes::VolumeService &volumes, events::EventBus &events, QObject *parent = nullptr);
    ~ContainerService() override;

    // Makes the directories, loads the records and restores what ran
    // (Supervisor::restore).
    Result<> open();

    ContainerStore &store() { return store_; }
    const ContainerStore &store() const { return store_; }
    Supervisor &supervisor() { return supervisor_; }
    ExecService &execs() { return execs_; }
    FileService &files() { return files_; }
    RootfsViews &rootfs() { return rootfs_; }
    ContainerNetworking &networking() { return networking_; }
    const ContainerNetworking &networking() const { return networking_; }

private:
    QThreadPool pool_;
    VolumeMounts volumeMounts_;
    ContainerStore store_;
    ContainerNetworking networking_;
    BundleWriter bundles_;
    Supervisor supervisor_;
    ExecService execs_;
    FileService files_;
    RootfsViews rootfs_;
};

} // namespace muelle::engine::containers
