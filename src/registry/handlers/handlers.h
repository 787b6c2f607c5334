#pragma once
// One handler per resource of the Distribution API. Handlers never check
// permissions or whether deletion is enabled (the dispatcher did, from the
// route) and never see an invalid repository name (the dispatcher refused it). Path parameters: "name",
// "digest", "reference", "uuid".

#include "http/exchange.h"
#include "registry/config.h"
#include "registry/service/registry.h"

namespace muelle::registry::auth {
class Authenticator;
}

namespace muelle::registry::handlers {

struct Context {
    service::Registry &registry;
    const Config &config;
    const auth::Authenticator &authenticator;
};

// Largest manifest accepted, as the OCI distribution spec suggests.
inline constexpr qint64 maxManifestBytes = 4 * 1024 * 1024;

void getBase(Context &context, http::Exchange &exchange);
void getToken(Context &context, http::Exchange &exchange);

void getBlob(Context &context, http::Exchange &exchange); // GET and HEAD
void deleteBlob(Context &context, http::Exchange &exchange);

void startUpload(Context &context, http::Exchange &exchange); // POST, also monolithic and mount
void patchUpload(Context &context, http::Exchange &exchange);
void putUpload(Context &context, http::Exchange &exchange);
void getUpload(Context &context, http::Exchange &exchange);
void deleteUpload(Context &context, http::Exchange &exchange);

void getManifest(Context &context, http::Exchange &exchange); // GET and HEAD
void putManifest(Context &context, http::Exchange &exchange);
void deleteManifest(Context &context, http::Exchange &exchange);

void getTags(Context &context, http::Exchange &exchange);
void getCatalog(Context &context, http::Exchange &exchange);
void getReferrers(Context &context, http::Exchange &exchange);

// Every caller may search; the handlers show each only what it may pull.
void getV1Search(Context &context, http::Exchange &exchange);
void getSearch(Context &context, http::Exchange &exchange);

} // namespace muelle::registry::handlers
