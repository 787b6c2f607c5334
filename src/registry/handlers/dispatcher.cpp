#include "registry/handlers/dispatcher.h"

#include "oci/reference.h"
#include "registry/auth/authenticator.h"
#include "registry/handlers/errors.h"

namespace muelle::registry::handlers {

namespace {

using Action = void (*)(Context &, http::Exchange &);

// Search: anyone; credentials, when given, must be good (handlers show
// each caller what it may pull).
enum class Need { Nothing, Pull, Push, Delete, Catalog, Token, Search };

QList<auth::Scope> scopesFor(Need need, const QString &repository)
{
    const QString type = QStringLiteral("repository");
    switch (need) {
    case Need::Nothing:
    case Need::Token:
    case Need::Search:
        return {};
    case Need::Pull:
        return { { type, repository, { QStringLiteral("pull") } } };
    case Need::Push:
        return { { type, repository, { QStringLiteral("pull"), QStringLiteral("push") } } };
    case Need::Delete:
        return { { type, repository, { QStringLiteral("delete") } } };
    case Need::Catalog:
        return { { QStringLiteral("registry"), QStringLiteral("catalog"), { QStringLiteral("*") } } };
    }
    return {};
}

http::Response refusal(const auth::Decision &decision)
{
    if (decision.code == Code::PermissionDenied)
        return errorResponse(ErrorCode::Denied, decision.message);
    http::Response response = errorResponse(ErrorCode::Unauthorized, decision.message);
    response.headers.set("WWW-Authenticate", decision.challenge);
    response.headers.set("Docker-Distribution-API-Version", "registry/2.0");
    return response;
}

// A cross-repository mount needs pull on the source too; without it the
// upload goes on as an ordinary one, so the answer is passed to the handler
// rather than refusing the request.
void noteMountPermission(const Context &context, http::Request &request)
{
    const QString from = request.query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
    if (from.isEmpty() || !oci::validateRepositoryName(from))
        return;
    const auth::Scope scope{ QStringLiteral("repository"), from, { QStringLiteral("pull") } };
    if (context.authenticator.authorize(request, { scope }).allowed)
        request.params.insert(QStringLiteral("mount-allowed"), QStringLiteral("yes"));
}

http::Handler guard(Context &context, Need need, Action action)
{
    return [&context, need, action](http::Exchange &exchange) {
        http::Request &request = exchange.request();
        const QString repository = request.param(QStringLiteral("name"));
        if (request.params.contains(QStringLiteral("name"))) {
            if (auto valid = oci::validateRepositoryName(repository); !valid)
                return exchange.respond(errorResponse(ErrorCode::NameInvalid, valid.error().message));
        }
        const bool anonymousSearch = need == Need::Search && !request.headers.contains("Authorization");
        if (need != Need::Token && !anonymousSearch) {
            const auth::Decision decision = context.authenticator.authorize(request, scopesFor(need, repository));
            if (!decision.allowed)
                return exchange.respond(refusal(decision));
        }
        if (need == Need::Delete && !context.config.deleteEnabled)
            return exchange.respond(errorResponse(ErrorCode::Unsupported, QStringLiteral("deletion is disabled")));
        if (action == &startUpload)
            noteMountPermission(context, request);
        action(context, exchange);
    };
}

} // namespace

http::Router makeRouter(Context &context)
{
    http::Router router;
    const auto route = [&](const char *method, const char *pattern, Need need, Action action) {
        router.add(method, QString::fromLatin1(pattern), guard(context, need, action));
    };
    route("GET", "/v2/", Need::Nothing, &getBase);
    route("GET", "/v2", Need::Nothing, &getBase);
    route("GET", "/token", Need::Token, &getToken);
    route("POST", "/token", Need::Token, &getToken);
    route("GET", "/v2/_catalog", Need::Catalog, &getCatalog);
    route("GET", "/v2/_muelle/search", Need::Search, &getSearch);
    route("GET", "/v1/search", Need::Search, &getV1Search);

    route("GET", "/v2/{name...}/tags/list", Need::Pull, &getTags);
    route("GET", "/v2/{name...}/referrers/{digest}", Need::Pull, &getReferrers);

    route("POST", "/v2/{name...}/blobs/uploads/", Need::Push, &startUpload);
    route("POST", "/v2/{name...}/blobs/uploads", Need::Push, &startUpload);
    route("PATCH", "/v2/{name...}/blobs/uploads/{uuid}", Need::Push, &patchUpload);
    route("PUT", "/v2/{name...}/blobs/uploads/{uuid}", Need::Push, &putUpload);
    route("GET", "/v2/{name...}/blobs/uploads/{uuid}", Need::Push, &getUpload);
    route("DELETE", "/v2/{name...}/blobs/uploads/{uuid}", Need::Push, &deleteUpload);

    route("GET", "/v2/{name...}/blobs/{digest}", Need::Pull, &getBlob);
    route("HEAD", "/v2/{name...}/blobs/{digest}", Need::Pull, &getBlob);
    route("DELETE", "/v2/{name...}/blobs/{digest}", Need::Delete, &deleteBlob);

    route("GET", "/v2/{name...}/manifests/{reference}", Need::Pull, &getManifest);
    route("HEAD", "/v2/{name...}/manifests/{reference}", Need::Pull, &getManifest);
    route("PUT", "/v2/{name...}/manifests/{reference}", Need::Push, &putManifest);
    route("DELETE", "/v2/{name...}/manifests/{reference}", Need::Delete, &deleteManifest);

    router.setNotFound([](http::Exchange &exchange) {
        exchange.respond(errorResponse(ErrorCode::NameUnknown, QStringLiteral("no such endpoint")));
    });
    router.setMethodNotAllowed([](http::Exchange &exchange) {
        exchange.respond(errorResponse(ErrorCode::Unsupported, QStringLiteral("method not allowed here")));
    });
    return router;
}

} // namespace muelle::registry::handlers
