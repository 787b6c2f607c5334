#include "engine/containers/service.h"

#include <QDir>

namespace muelle::engine::containers {

ContainerService::ContainerService(Settings settings, images::ImageService &images, network::NetworkService &networks,
    volumes::VolumeService &volumes, events::EventBus &events, QObject *parent)
    : QObject(parent),
      volumeMounts_(volumes, events),
      store_(std::move(settings), images, volumeMounts_, events, pool_),
      networking_(store_, networks),
      bundles_(store_, networking_),
      supervisor_(store_, bundles_, networking_),
      execs_(store_),
      files_(store_, pool_),
      rootfs_(store_, pool_)
{
    pool_.setMaxThreadCount(2);
}

ContainerService::~ContainerService()
{
    pool_.waitForDone();
}

Result<> ContainerService::open()
{
    const Paths &paths = store_.paths();
    for (const QString &dir : { paths.containersDir(), paths.containerLayersDir(), paths.volumesDir(),
             paths.runtimeRoot(), paths.shimSocketsDir() }) {
        if (!QDir().mkpath(dir))
            return fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(dir));
    }
    if (auto loaded = store_.load(); !loaded)
        return loaded;
    supervisor_.restore();
    return {};
}

} // namespace muelle::engine::containers
