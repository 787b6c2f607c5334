#pragma once
// A container's files as archives. docker cp: /containers/{name}/archive —
// HEAD stats a path, GET streams it as a tar archive, PUT unpacks a tar
// archive into a directory. docker diff (GET /containers/{name}/changes) and
// docker export (GET /containers/{name}/export).

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void statContainerPath(Engine &engine, http::Exchange &exchange); // HEAD /containers/{name}/archive
void getContainerArchive(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/archive
void putContainerArchive(Engine &engine, http::Exchange &exchange); // PUT /containers/{name}/archive

void containerChanges(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/changes
void exportContainer(Engine &engine, http::Exchange &exchange); // GET /containers/{name}/export

} // namespace muelle::engine::rest
