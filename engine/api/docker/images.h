#pragma once
// Images as Docker's API shows them: GET /images/json entries, inspect,
// history, removals, and a pull's or push's progress messages.

#include "base/error.h"
#include "engine/api/docker/engine.h"
#include "oci/reference.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace muelle::engine::metadata {
struct Image;
}
namespace muelle::engine::images {
struct Removal;
}
namespace muelle::engine::distribution {
struct Progress;
}

namespace muelle::engine::docker {

// A reference given as fromImage/tag or name/tag (a tag of "sha256:…" is a
// digest). InvalidArgument: "invalid reference format: …".
Result<oci::Reference> referenceOf(const QString &name, const QString &tag);
// A pull's or push's progress message, as docker's jsonmessage reads it.
QJsonObject progressJson(const distribution::Progress &progress);
// An image as GET /images/json lists it (sharedSize -1: not computed).
QJsonObject imageSummaryJson(const metadata::Image &image, const QMap<QString, QString> &labels, qint64 sharedSize);
// The bodies of GET /images/{name}/json and /images/{name}/history, on
// the engine's thread.
Result<QJsonObject> imageJson(Engine &engine, const QString &name);
Result<QJsonArray> imageHistoryJson(Engine &engine, const QString &name);
// DELETE /images/{name}'s body: [{"Untagged": ...}, {"Deleted": ...}].
QJsonArray removalsJson(const QList<images::Removal> &removals);

} // namespace muelle::engine::docker
