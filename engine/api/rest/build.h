#pragma once
// POST /build (the classic builder's API, as docker build with
// DOCKER_BUILDKIT=0 uses it) and POST /build/prune.

#include "engine/api/docker/engine.h"
#include "http/exchange.h"

namespace muelle::engine::rest {

void buildImage(docker::Engine &engine, http::Exchange &exchange);
void pruneBuildCache(docker::Engine &engine, http::Exchange &exchange);

} // namespace muelle::engine::rest
