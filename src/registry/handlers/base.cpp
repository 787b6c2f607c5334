// GET /v2/ and the token endpoint GET/POST /token
#include "registry/handlers/common.h"
#include "registry/handlers/handlers.h"

#include "registry/auth/authenticator.h"

namespace muelle::registry::handlers {

void getBase(Context &, http::Exchange &exchange)
{
    http::Response response = http::Response::json(200, "{}");
    response.headers.set("Docker-Distribution-API-Version", "registry/2.0");
    exchange.respond(std::move(response));
}

static http::Response tokenResponse(const Result<QByteArray> &token)
{
    if (token)
        return http::Response::json(200, *token);
    if (token.error().code == Code::NotFound)
        return http::Response::text(404, "no token endpoint: token auth is not configured\n");
    if (token.error().code == Code::Unauthenticated || token.error().code == Code::PermissionDenied) {
        http::Response response = errorResponse(ErrorCode::Unauthorized, token.error().message);
        return response;
    }
    if (token.error().code == Code::InvalidArgument)
        return http::Response::json(400, "{\"error\":\"invalid_request\"}");
    return internalErrorResponse(token.error());
}

void getToken(Context &context, http::Exchange &exchange)
{
    if (exchange.request().method != "POST")
        return exchange.respond(tokenResponse(context.authenticator.issueToken(exchange.request())));
    auto sink = std::make_unique<http::BufferSink>(64 * 1024);
    auto *form = sink.get();
    exchange.receiveBody(std::move(sink), [&context, &exchange, form](Result<> received) {
        if (!received)
            return exchange.respond(http::Response::json(400, "{\"error\":\"invalid_request\"}"));
        exchange.respond(tokenResponse(context.authenticator.issueToken(exchange.request(), form->data())));
    });
}

} // namespace muelle::registry::handlers
