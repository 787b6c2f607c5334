#include "engine/api/rest/restapi.h"

#include "engine/api/docker/apiversion.h"
#include "engine/api/rest/archive.h"
#include "engine/api/rest/build.h"
#include "engine/api/rest/containers.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/execs.h"
#include "engine/api/rest/images.h"
#include "engine/api/rest/networks.h"
#include "engine/api/rest/stats.h"
#include "engine/api/rest/system.h"
#include "engine/api/rest/volumes.h"
#include "http/router.h"

#include <memory>

namespace muelle::engine::rest {

http::Handler makeRestApi(const DaemonFacts &facts, Engine &engine)
{
    auto router = std::make_shared<http::Router>();
    const auto route
        = [&](const char *method, const char *pattern, void (*handler)(const DaemonFacts &, http::Exchange &)) {
              router->add(method, QString::fromLatin1(pattern),
                  [&facts, handler](http::Exchange &exchange) { handler(facts, exchange); });
          };
    route("GET", "/_ping", &ping);
    route("HEAD", "/_ping", &ping);
    route("GET", "/version", &version);
    router->add(
        "GET", QStringLiteral("/info"), [&facts, &engine](http::Exchange &exchange) { info(facts, engine, exchange); });
    const auto serve = [&](const char *method, const char *pattern, void (*handler)(Engine &, http::Exchange &)) {
        router->add(method, QString::fromLatin1(pattern),
            [&engine, handler](http::Exchange &exchange) { handler(engine, exchange); });
    };
    serve("POST", "/build", &buildImage);
    serve("POST", "/build/prune", &pruneBuildCache);
    serve("GET", "/images/json", &listImages);
    serve("GET", "/images/search", &searchImages);
    serve("POST", "/images/create", &createImage);
    serve("POST", "/images/prune", &pruneImages);
    serve("GET", "/images/get", &saveImages);
    serve("POST", "/images/load", &loadImages);
    serve("GET", "/images/{name...}/get", &saveImages);
    serve("GET", "/images/{name...}/json", &inspectImage);
    serve("GET", "/images/{name...}/history", &imageHistory);
    serve("POST", "/images/{name...}/tag", &tagImage);
    serve("POST", "/images/{name...}/push", &pushImage);
    serve("DELETE", "/images/{name...}", &removeImage);
    serve("POST", "/containers/create", &createContainer);
    serve("GET", "/containers/json", &listContainers);
    serve("POST", "/containers/prune", &pruneContainers);
    serve("GET", "/containers/{name}/json", &inspectContainer);
    serve("POST", "/containers/{name}/start", &startContainer);
    serve("GET", "/containers/{name}/changes", &containerChanges);
    serve("GET", "/containers/{name}/export", &exportContainer);
    serve("POST", "/commit", &commitContainer);
    serve("POST", "/containers/{name}/stop", &stopContainer);
    serve("POST", "/containers/{name}/restart", &restartContainer);
    serve("POST", "/containers/{name}/kill", &killContainer);
    serve("POST", "/containers/{name}/pause", &pauseContainer);
    serve("POST", "/containers/{name}/unpause", &unpauseContainer);
    serve("POST", "/containers/{name}/wait", &waitContainer);
    serve("POST", "/containers/{name}/attach", &attachContainer);
    serve("POST", "/containers/{name}/resize", &resizeContainer);
    serve("POST", "/containers/{name}/rename", &renameContainer);
    serve("POST", "/containers/{name}/update", &updateContainer);
    serve("GET", "/containers/{name}/logs", &containerLogs);
    serve("GET", "/containers/{name}/stats", &containerStats);
    serve("GET", "/containers/{name}/stats/history", &containerStatsHistory); // muelled's own
    serve("GET", "/containers/{name}/top", &containerTop);
    serve("HEAD", "/containers/{name}/archive", &statContainerPath);
    serve("GET", "/containers/{name}/archive", &getContainerArchive);
    serve("PUT", "/containers/{name}/archive", &putContainerArchive);
    serve("POST", "/containers/{name}/exec", &createExec);
    serve("POST", "/exec/{id}/start", &startExec);
    serve("GET", "/exec/{id}/json", &inspectExec);
    serve("POST", "/exec/{id}/resize", &resizeExec);
    serve("DELETE", "/containers/{name}", &removeContainer);
    serve("GET", "/volumes", &listVolumes);
    serve("POST", "/volumes/create", &createVolume);
    serve("POST", "/volumes/prune", &pruneVolumes);
    serve("GET", "/volumes/{name}", &inspectVolume);
    serve("DELETE", "/volumes/{name}", &removeVolume);
    serve("GET", "/networks", &listNetworks);
    serve("POST", "/networks/create", &createNetwork);
    serve("POST", "/networks/prune", &pruneNetworks);
    serve("GET", "/networks/{id}", &inspectNetwork);
    serve("DELETE", "/networks/{id}", &removeNetwork);
    serve("POST", "/networks/{id}/connect", &connectNetwork);
    serve("POST", "/networks/{id}/disconnect", &disconnectNetwork);
    serve("POST", "/auth", &login);
    serve("GET", "/system/df", &diskUsage);
    serve("GET", "/events", &streamEvents);
    router->setNotFound([](http::Exchange &exchange) {
        exchange.respond(errorResponse({ Code::NotFound, QStringLiteral("page not found") }));
    });

    return [router](http::Exchange &exchange) {
        http::Request &request = exchange.request();
        auto versioned = docker::splitVersion(request.path);
        if (!versioned)
            return exchange.respond(errorResponse(versioned.error()));
        request.path = versioned->path;
        request.params.insert(QStringLiteral("api-version"), versioned->version.toString());
        (*router)(exchange);
    };
}

} // namespace muelle::engine::rest
