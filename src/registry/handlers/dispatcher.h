#pragma once
// Builds the registry's router. Every route passes through one guard before
// its handler: the repository name is validated (NAME_INVALID) and the caller
// authorised for the scope the route and method need
// (repository:<name>:pull|push|delete, registry:catalog:*) — handlers never
// check either.

#include "http/router.h"
#include "registry/handlers/handlers.h"

namespace muelle::registry::handlers {

http::Router makeRouter(Context &context);

} // namespace muelle::registry::handlers
