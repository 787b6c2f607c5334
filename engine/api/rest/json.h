#pragma once
// JSON answers on the Docker API wire, with the headers every engine
// response carries (API-Version, Ostype, Server).

#include "http/message.h"

#include <QJsonArray>
#include <QJsonObject>

namespace muelle::engine::rest {

void addEngineHeaders(http::Response &response);
http::Response json(const QJsonObject &object, int status = 200);
http::Response json(const QJsonArray &array, int status = 200);

// A query parameter decoded as Go's net/url does ("+" is a space), which
// is how the docker CLI encodes them.
QString queryValue(const http::Request &request, const QString &name);
QStringList queryValues(const http::Request &request, const QString &name);

// Query flags as Docker reads them: "1", "true", "True" are true.
bool queryFlag(const http::Request &request, const QString &name);

} // namespace muelle::engine::rest
