#include "engine/api/rest/json.h"

#include "engine/api/rest/apiversion.h"

#include <QJsonDocument>
#include <QUrl>

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

static QString formDecoded(const QString &encoded)
{
    QString spaced = encoded;
    spaced.replace(u'+', QStringLiteral("%20"));
    return QUrl::fromPercentEncoding(spaced.toUtf8());
}

QString queryValue(const http::Request &request, const QString &name)
{
    return formDecoded(request.query.queryItemValue(name, QUrl::FullyEncoded));
}

QStringList queryValues(const http::Request &request, const QString &name)
{
    QStringList values = request.query.allQueryItemValues(name, QUrl::FullyEncoded);
    for (QString &value : values)
        value = formDecoded(value);
    return values;
}

bool queryFlag(const http::Request &request, const QString &name)
{
    const QString value = queryValue(request, name).toLower();
    return value == u"1" || value == u"true";
}

} // namespace muelle::engine::rest
