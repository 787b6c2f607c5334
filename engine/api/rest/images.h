#pragma once
// The /images endpoints, POST /auth, GET /system/df and GET /events: Docker's
// wire format over the image service and the event bus.

#include "engine/api/rest/restapi.h"
#include "oci/reference.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace muelle::engine::events {
struct Event;
}
namespace muelle::engine::metadata {
struct Image;
}
namespace muelle::engine::images {
struct Removal;
}

namespace muelle::engine::distribution {
struct Progress;
}

namespace muelle::engine::rest {

// A reference given as fromImage/tag or name/tag (a tag of "sha256:…" is a
// digest). InvalidArgument: "invalid reference format: …".
Result<oci::Reference> referenceOf(const QString &name, const QString &tag);
// A pull's or push's progress message, as docker's jsonmessage reads it.
QJsonObject progressJson(const distribution::Progress &progress);

// The bodies of GET /images/{name}/json, GET /images/{name}/history and
// GET /system/df, on the engine's thread (the D-Bus façade answers with them too).
Result<QJsonObject> imageJson(Engine &engine, const QString &name);
Result<QJsonArray> imageHistoryJson(Engine &engine, const QString &name);
Result<QJsonObject> diskUsageJson(Engine &engine);

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
void diskUsage(Engine &engine, http::Exchange &exchange); // GET /system/df
void streamEvents(Engine &engine, http::Exchange &exchange); // GET /events
// An image as GET /images/json lists it (sharedSize -1: not computed).
QJsonObject imageSummaryJson(const metadata::Image &image, const QMap<QString, QString> &labels, qint64 sharedSize);
// DELETE /images/{name}'s body: [{"Untagged": ...}, {"Deleted": ...}].
QJsonArray removalsJson(const QList<images::Removal> &removals);
// An event as GET /events streams it (and the D-Bus façade signals it).
QJsonObject eventJson(const events::Event &event);

} // namespace muelle::engine::rest
