#include "engine/api/docker/system.h"

#include "engine/api/docker/apiversion.h"
#include "engine/api/docker/containers.h"
#include "engine/api/docker/images.h"
#include "engine/api/docker/json.h"
#include "engine/api/docker/volumes.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/system/hostinfo.h"
#include "engine/volumes/volumes.h"

#include <QJsonArray>

namespace muelle::engine::docker {
namespace {

QString cgroupVersionName(system::CgroupVersion version)
{
    return version == system::CgroupVersion::V2 ? QStringLiteral("2") : QStringLiteral("1");
}

} // namespace

Result<QJsonObject> diskUsageJson(Engine &engine)
{
    auto usage = engine.images.diskUsage();
    if (!usage)
        return fail(usage.error());
    QJsonArray images;
    for (const metadata::Image &image : std::as_const(usage->images))
        images.append(imageSummaryJson(image, {}, usage->sharedSize.value(image.id.toString())));
    containers::ListOptions all;
    all.all = true;
    QJsonArray containerEntries;
    for (const containers::Container &container :
        engine.containers.store().list(all).value_or(QList<containers::Container>())) {
        QJsonObject entry = listEntryJson(container, engine.images.config(container.image).value_or(oci::ImageConfig()),
            engine.containers.networking().networksOf(container));
        insertSizes(entry, engine, container);
        containerEntries.append(entry);
    }
    QJsonArray volumeEntries;
    for (const volumes::Volume &volume : engine.volumes.list().value_or(QList<volumes::Volume>())) {
        QJsonObject entry = volumeJson(volume);
        entry.insert(QStringLiteral("UsageData"),
            QJsonObject{ { QStringLiteral("Size"), engine.volumes.usage(volume.name).value_or(-1) },
                { QStringLiteral("RefCount"), engine.containers.store().usingVolume(volume.name).size() } });
        volumeEntries.append(entry);
    }
    // The build cache: each step's result the builder keeps, sized by its own layer.
    QJsonArray cacheEntries;
    for (const metadata::CacheEntry &cached :
        engine.images.metadata().cacheEntries().value_or(QList<metadata::CacheEntry>())) {
        auto image = engine.images.metadata().image(cached.image);
        if (!image)
            continue;
        cacheEntries.append(QJsonObject{ { QStringLiteral("ID"), cached.key.left(25) },
            { QStringLiteral("Parent"), image->parent.isValid() ? image->parent.toString() : QString() },
            { QStringLiteral("Type"), QStringLiteral("regular") },
            { QStringLiteral("Description"), cached.description }, { QStringLiteral("InUse"), false },
            { QStringLiteral("Shared"), !image->tags.isEmpty() },
            { QStringLiteral("Size"), engine.images.stepSize(*image) },
            { QStringLiteral("CreatedAt"), rfc3339(cached.created) },
            { QStringLiteral("LastUsedAt"), rfc3339(cached.lastUsed) }, { QStringLiteral("UsageCount"), 1 } });
    }
    return QJsonObject{ { QStringLiteral("LayersSize"), usage->layersSize }, { QStringLiteral("Images"), images },
        { QStringLiteral("Containers"), containerEntries }, { QStringLiteral("Volumes"), volumeEntries },
        { QStringLiteral("BuildCache"), cacheEntries } };
}

QJsonObject versionJson(const DaemonFacts &facts)
{
    const system::HostInfo host = system::hostInfo();
    const QString arch = system::goArchitecture(host.architecture);
    const QJsonObject details{
        { QStringLiteral("ApiVersion"), currentApiVersion.toString() },
        { QStringLiteral("MinAPIVersion"), minimumApiVersion.toString() },
        { QStringLiteral("Os"), QStringLiteral("linux") },
        { QStringLiteral("Arch"), arch },
        { QStringLiteral("KernelVersion"), host.kernelVersion },
    };
    QJsonObject engine{ { QStringLiteral("Name"), QStringLiteral("Engine") },
        { QStringLiteral("Version"), facts.version }, { QStringLiteral("Details"), details } };
    QJsonObject body = details;
    body.insert(QStringLiteral("Platform"), QJsonObject{ { QStringLiteral("Name"), QStringLiteral("Muelle Engine") } });
    body.insert(QStringLiteral("Components"), QJsonArray{ engine });
    body.insert(QStringLiteral("Version"), facts.version);
    body.insert(QStringLiteral("GitCommit"), QString());
    body.insert(QStringLiteral("GoVersion"), QString());
    body.insert(QStringLiteral("BuildTime"), QString());
    return body;
}

QJsonObject infoJson(const DaemonFacts &facts, Engine &engine)
{
    auto images = engine.images.list({});
    containers::ListOptions all;
    all.all = true;
    const QList<containers::Container> containerList
        = engine.containers.store().list(all).value_or(QList<containers::Container>());
    const auto count = [&](containers::Status status) {
        return int(std::count_if(containerList.begin(), containerList.end(),
            [&](const containers::Container &c) { return c.state.status == status; }));
    };
    const system::HostInfo host = system::hostInfo();
    const bool v2 = host.cgroupVersion == system::CgroupVersion::V2;
    QJsonObject body{
        { QStringLiteral("ID"), facts.id },
        { QStringLiteral("Name"), facts.name },
        { QStringLiteral("ServerVersion"), facts.version },
        { QStringLiteral("Containers"), int(containerList.size()) },
        { QStringLiteral("ContainersRunning"), count(containers::Status::Running) },
        { QStringLiteral("ContainersPaused"), count(containers::Status::Paused) },
        { QStringLiteral("ContainersStopped"),
            int(containerList.size()) - count(containers::Status::Running) - count(containers::Status::Paused) },
        { QStringLiteral("Images"), images ? int(images->size()) : 0 },
        { QStringLiteral("Driver"), engine.images.storageDriver() },
        { QStringLiteral("DriverStatus"), QJsonArray{} },
        { QStringLiteral("DockerRootDir"), facts.dataRoot },
        { QStringLiteral("Debug"), facts.logLevel == u"debug" },
        { QStringLiteral("SystemTime"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { QStringLiteral("KernelVersion"), host.kernelVersion },
        { QStringLiteral("OperatingSystem"), host.operatingSystem },
        { QStringLiteral("OSVersion"), host.osVersion },
        { QStringLiteral("OSType"), QStringLiteral("linux") },
        { QStringLiteral("Architecture"), host.architecture },
        { QStringLiteral("NCPU"), host.cpus },
        { QStringLiteral("MemTotal"), host.memoryBytes },
        { QStringLiteral("CgroupDriver"), QStringLiteral("cgroupfs") },
        { QStringLiteral("CgroupVersion"), cgroupVersionName(host.cgroupVersion) },
        { QStringLiteral("MemoryLimit"), true },
        { QStringLiteral("SwapLimit"), v2 },
        { QStringLiteral("CpuCfsPeriod"), true },
        { QStringLiteral("CpuCfsQuota"), true },
        { QStringLiteral("CPUShares"), true },
        { QStringLiteral("CPUSet"), true },
        { QStringLiteral("PidsLimit"), true },
        { QStringLiteral("IPv4Forwarding"), true },
        { QStringLiteral("LoggingDriver"), QStringLiteral("json-file") },
        { QStringLiteral("DefaultRuntime"), QStringLiteral("runc") },
        { QStringLiteral("Runtimes"),
            QJsonObject{
                { QStringLiteral("runc"), QJsonObject{ { QStringLiteral("path"), QStringLiteral("runc") } } } } },
        { QStringLiteral("LiveRestoreEnabled"), true },
        { QStringLiteral("Isolation"), QString() },
        { QStringLiteral("IndexServerAddress"), QStringLiteral("https://index.docker.io/v1/") },
        { QStringLiteral("Labels"), QJsonArray{} },
        { QStringLiteral("ExperimentalBuild"), false },
        { QStringLiteral("SecurityOptions"), QJsonArray{ QStringLiteral("name=seccomp,profile=builtin") } },
        { QStringLiteral("Swarm"), QJsonObject{ { QStringLiteral("LocalNodeState"), QStringLiteral("inactive") } } },
        { QStringLiteral("Warnings"), QJsonArray{} },
    };
    return body;
}

} // namespace muelle::engine::docker
