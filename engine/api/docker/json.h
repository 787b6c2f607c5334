#pragma once
// JSON shapes Docker's API uses everywhere.

#include <QJsonObject>
#include <QMap>

namespace muelle::engine::docker {

// {"key": "value"} objects (labels, options) both ways; values that are
// not strings read as "".
QJsonObject stringMap(const QMap<QString, QString> &map);
QMap<QString, QString> stringMapOf(const QJsonValue &value);

} // namespace muelle::engine::docker
