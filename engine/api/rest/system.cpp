#include "engine/api/rest/system.h"

#include "engine/api/rest/apiversion.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/system/hostinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::rest {

namespace {

QString cgroupVersionName(system::CgroupVersion version)
{
    return version == system::CgroupVersion::V2 ? QStringLiteral("2") : QStringLiteral("1");
}

} // namespace

void ping(const DaemonFacts &, http::Exchange &exchange)
{
    http::Response response = http::Response::text(200, "OK");
    addEngineHeaders(response);
    response.headers.set("Cache-Control", "no-cache, no-store, must-revalidate");
    response.headers.set("Pragma", "no-cache");
    exchange.respond(std::move(response));
}

void version(const DaemonFacts &facts, http::Exchange &exchange)
{
    exchange.respond(json(versionJson(facts)));
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

void info(const DaemonFacts &facts, Engine &engine, http::Exchange &exchange)
{
    answerOnEngine(exchange, &engine.images, [&facts, &engine] { return json(infoJson(facts, engine)); });
}

QJsonObject infoJson(const DaemonFacts &facts, Engine &engine)
{
    auto images = engine.images.list({});
    containers::ListOptions all;
    all.all = true;
    const QList<containers::Container> containerList
        = engine.containers.list(all).value_or(QList<containers::Container>());
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

void pruneBuildCache(const DaemonFacts &, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto filters = parseFilters(request);
    if (!filters)
        return respondError(exchange, filters.error());
    static const QStringList known{ QStringLiteral("until"), QStringLiteral("id"), QStringLiteral("parent"),
        QStringLiteral("type"), QStringLiteral("description"), QStringLiteral("inuse"), QStringLiteral("shared"),
        QStringLiteral("private") };
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (!known.contains(it.key()))
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("Invalid filter '%1'").arg(it.key()) });
    }
    for (const QString &number : { QStringLiteral("keep-storage"), QStringLiteral("reserved-space") }) {
        bool ok = true;
        if (const QString value = queryValue(request, number); !value.isEmpty())
            value.toLongLong(&ok);
        if (!ok)
            return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid %1").arg(number) });
    }
    // muelled has no image builder yet, so it keeps no build cache (system
    // df lists none): there is nothing to delete.
    exchange.respond(json(
        QJsonObject{ { QStringLiteral("CachesDeleted"), QJsonArray() }, { QStringLiteral("SpaceReclaimed"), 0 } }));
}

} // namespace muelle::engine::rest
