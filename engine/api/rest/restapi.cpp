#include "engine/api/rest/restapi.h"

#include "engine/api/rest/apiversion.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/system.h"
#include "http/router.h"

#include <memory>

namespace muelle::engine::rest {

http::Handler makeRestApi(const DaemonFacts &facts)
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
    route("GET", "/info", &info);
    router->setNotFound([](http::Exchange &exchange) {
        exchange.respond(errorResponse({ Code::NotFound, QStringLiteral("page not found") }));
    });

    return [router](http::Exchange &exchange) {
        http::Request &request = exchange.request();
        auto versioned = splitVersion(request.path);
        if (!versioned)
            return exchange.respond(errorResponse(versioned.error()));
        request.path = versioned->path;
        request.params.insert(QStringLiteral("api-version"), versioned->version.toString());
        (*router)(exchange);
    };
}

} // namespace muelle::engine::rest
