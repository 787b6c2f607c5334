#pragma once
// The Docker Engine API façade over the engine's services: version prefix
// and negotiation, then one handler file per resource. Handlers turn
// requests into service calls and errors into errors.h's table; no engine
// logic lives here.

#include "engine/api/docker/engine.h"
#include "http/exchange.h"

namespace muelle::engine::rest {

using docker::DaemonFacts;
using docker::Engine;

// Builds the handler the daemon's HTTP server runs. `facts` and `engine`
// must outlive it.
http::Handler makeRestApi(const DaemonFacts &facts, Engine &engine);

} // namespace muelle::engine::rest
