#pragma once
// docker cp: /containers/{name}/archive — HEAD stats a path, GET streams it
// as a tar archive, PUT unpacks a tar archive into a directory.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void statContainerPath(Engine &engine, http::Exchange &exchange); // HEAD /containers/{name}/archive
void getContainerArchive(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/archive
void putContainerArchive(Engine &engine, http::Exchange &exchange); // PUT /containers/{name}/archive

} // namespace muelle::engine::rest
