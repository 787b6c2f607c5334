#pragma once
// Making images: POST /build (the classic builder's API, as docker build
// with DOCKER_BUILDKIT=0 uses it), POST /build/prune and POST /commit.

#include "engine/api/docker/engine.h"
#include "http/exchange.h"

namespace muelle::engine::rest {

void buildImage(docker::Engine &engine, http::Exchange &exchange);
void pruneBuildCache(docker::Engine &engine, http::Exchange &exchange);
void commitContainer(docker::Engine &engine, http::Exchange &exchange); // POST /commit

} // namespace muelle::engine::rest
