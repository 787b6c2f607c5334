#include "engine/api/rest/json.h"

#include "engine/api/rest/apiversion.h"

#include <QJsonDocument>

namespace muelle::engine::rest {

void addEngineHeaders(http::Response &response)
{
    response.headers.set("API-Version", currentApiVersion.toString().toLatin1());
    response.headers.set("Docker-Experimental", "false");
    response.headers.set("Ostype", "linux");
    response.headers.set("Server", "Muelle");
}

http::Response json(const QJsonObject &object, int status)
{
    http::Response response = http::Response::json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
    addEngineHeaders(response);
    return response;
}

http::Response json(const QJsonArray &array, int status)
{
    http::Response response = http::Response::json(status, QJsonDocument(array).toJson(QJsonDocument::Compact));
    addEngineHeaders(response);
    return response;
}

bool queryFlag(const http::Request &request, const QString &name)
{
    const QString value = request.query.queryItemValue(name, QUrl::FullyDecoded).toLower();
    return value == u"1" || value == u"true";
}

} // namespace muelle::engine::rest
