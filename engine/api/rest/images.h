#pragma once
// The /images endpoints, POST /auth, GET /system/df and GET /events: Docker's
// wire format over the image service and the event bus.

#include "engine/api/rest/restapi.h"

namespace muelle::engine::rest {

void listImages(Engine &engine, http::Exchange &exchange); // GET /images/json
void inspectImage(Engine &engine, http::Exchange &exchange); // GET /images/{name}/json
void imageHistory(Engine &engine, http::Exchange &exchange); // GET /images/{name}/history
void tagImage(Engine &engine, http::Exchange &exchange); // POST /images/{name}/tag
void removeImage(Engine &engine, http::Exchange &exchange); // DELETE /images/{name}
void pruneImages(Engine &engine, http::Exchange &exchange); // POST /images/prune
void createImage(Engine &engine, http::Exchange &exchange); // POST /images/create (pull)
void pushImage(Engine &engine, http::Exchange &exchange); // POST /images/{name}/push
void saveImages(Engine &engine, http::Exchange &exchange); // GET /images/get, /images/{name}/get
void loadImages(Engine &engine, http::Exchange &exchange); // POST /images/load
void login(Engine &engine, http::Exchange &exchange); // POST /auth
void searchImages(Engine &engine, http::Exchange &exchange); // GET /images/search (search.cpp)
void diskUsage(Engine &engine, http::Exchange &exchange); // GET /system/df
void streamEvents(Engine &engine, http::Exchange &exchange); // GET /events

} // namespace muelle::engine::rest
