#pragma once
// JSON answers on the Docker API wire, with the headers every engine
// response carries (API-Version, Ostype, Server).

#include "base/error.h"
#include "http/exchange.h"
#include "http/message.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

#include <functional>

namespace muelle::engine::rest {

void addEngineHeaders(http::Response &response);
http::Response json(const QJsonObject &object, int status = 200);
http::Response json(const QJsonArray &array, int status = 200);
http::Response noContent(); // 204
// The value, or the error's answer.
http::Response json(const Result<QJsonObject> &object, int status = 200);
http::Response json(const Result<QJsonArray> &array, int status = 200);

// A query parameter decoded as Go's net/url does ("+" is a space), which
// is how the docker CLI encodes them.
QString queryValue(const http::Request &request, const QString &name);
QStringList queryValues(const http::Request &request, const QString &name);

// Query flags as Docker reads them: "1", "true", "True" are true.
bool queryFlag(const http::Request &request, const QString &name);

// Docker's filters parameter: {"key": {"value": true}} or {"key": ["value"]}.
Result<QHash<QString, QStringList>> parseFilters(const http::Request &request);

// Docker's until filter: a Unix time ("1700000000", "1700000000.5"), an
// RFC 3339 time, or a duration back from now in Go's notation ("24h", "1h30m").
Result<QDateTime> untilTime(const QString &value);

// An error answer (Docker's {"message": ...}) with the engine's headers.
void respondError(http::Exchange &exchange, const Error &error);

// Reads a small JSON body (up to 256 KiB), then calls `then` with it; an
// empty body is an empty object, anything but an object a 400.
void withJsonBody(http::Exchange &exchange, std::function<void(const QJsonObject &)> then);

} // namespace muelle::engine::rest
