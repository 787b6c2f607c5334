#pragma once
// JSON shapes Docker's API uses everywhere.

#include <QDateTime>
#include <QJsonObject>
#include <QMap>

namespace muelle::engine::docker {

// {"key": "value"} objects (labels, options) both ways; values that are
// not strings read as "".
QJsonObject stringMap(const QMap<QString, QString> &map);
QMap<QString, QString> stringMapOf(const QJsonValue &value);

// A time as Docker writes it: RFC 3339, UTC, milliseconds.
QString rfc3339(const QDateTime &time);

} // namespace muelle::engine::docker
