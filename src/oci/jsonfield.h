#pragma once
// Reading typed fields out of JSON objects, with errors that name the field's
// path ("layers[1].size: want a number, got a string"). Private to src/oci.
//
// Absent and null read the same: Go encoders write null for empty lists and
// maps, and a Go decoder accepts it, so a registry in Go does too.

#include "base/error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace muelle::oci::json {

// "where.key", or just "key" at the top level.
QString fieldPath(const QString &where, const QString &key);
// "where[index]".
QString elementPath(const QString &where, qsizetype index);
// InvalidArgument "<path>: <why>".
std::unexpected<Error> invalid(const QString &path, const QString &why);
// "a string", "a number", "null"... for messages.
QString typeName(const QJsonValue &value);

bool isPresent(const QJsonObject &object, const QString &key);

Result<QString> optionalString(const QJsonObject &object, const QString &key, const QString &where);
Result<QString> requiredString(const QJsonObject &object, const QString &key, const QString &where);
Result<bool> optionalBool(const QJsonObject &object, const QString &key, const QString &where);
Result<QJsonObject> optionalObject(const QJsonObject &object, const QString &key, const QString &where);
Result<QJsonObject> requiredObject(const QJsonObject &object, const QString &key, const QString &where);
Result<QJsonArray> optionalArray(const QJsonObject &object, const QString &key, const QString &where);
Result<QJsonArray> requiredArray(const QJsonObject &object, const QString &key, const QString &where);
Result<QStringList> optionalStringList(const QJsonObject &object, const QString &key, const QString &where);
Result<QMap<QString, QString>> optionalStringMap(const QJsonObject &object, const QString &key, const QString &where);

QJsonArray toArray(const QStringList &strings);
QJsonObject toObject(const QMap<QString, QString> &map);

} // namespace muelle::oci::json
