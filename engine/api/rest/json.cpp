#include "engine/api/rest/json.h"

#include "engine/api/docker/apiversion.h"
#include "engine/api/rest/errors.h"
#include "http/body.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace muelle::engine::rest {

void addEngineHeaders(http::Response &response)
{
    response.headers.set("API-Version", docker::currentApiVersion.toString().toLatin1());
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

http::Response json(const Result<QJsonObject> &object, int status)
{
    return object ? json(*object, status) : errorResponse(object.error());
}

http::Response json(const Result<QJsonArray> &array, int status)
{
    return array ? json(*array, status) : errorResponse(array.error());
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

Result<QHash<QString, QStringList>> parseFilters(const http::Request &request)
{
    QHash<QString, QStringList> filters;
    const QString text = queryValue(request, QStringLiteral("filters"));
    if (text.isEmpty())
        return filters;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("invalid filter: %1").arg(text));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QStringList values;
        if (it.value().isArray()) {
            for (const QJsonValue &value : it.value().toArray())
                values.append(value.toString());
        } else if (it.value().isObject()) {
            values = it.value().toObject().keys();
        } else {
            return fail(Code::InvalidArgument, QStringLiteral("invalid filter \"%1\"").arg(it.key()));
        }
        filters.insert(it.key(), values);
    }
    return filters;
}

void respondError(http::Exchange &exchange, const Error &error)
{
    http::Response response = errorResponse(error);
    addEngineHeaders(response);
    exchange.respond(std::move(response));
}

void withJsonBody(http::Exchange &exchange, std::function<void(const QJsonObject &)> then)
{
    auto body = std::make_unique<http::BufferSink>(256 * 1024);
    http::BufferSink *sink = body.get();
    exchange.receiveBody(std::move(body), [&exchange, sink, then](Result<> received) {
        if (!received)
            return respondError(exchange, { Code::InvalidArgument, received.error().message });
        const QJsonDocument document = QJsonDocument::fromJson(sink->data());
        if (!sink->data().trimmed().isEmpty() && !document.isObject())
            return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid JSON body") });
        then(document.object());
    });
}

http::Response noContent()
{
    http::Response response;
    response.status = 204;
    addEngineHeaders(response);
    return response;
}

Result<QDateTime> untilTime(const QString &value)
{
    bool isNumber = false;
    const double seconds = value.toDouble(&isNumber);
    if (isNumber)
        return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000), Qt::UTC);
    const QDateTime time = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (time.isValid())
        return time;
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|h|m|s)"));
    qint64 millis = 0;
    qsizetype covered = 0;
    for (auto it = part.globalMatch(value); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedStart() != covered)
            break;
        covered = match.capturedEnd();
        const double amount = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        millis += qint64(amount * (unit == u"h" ? 3600000 : unit == u"m" ? 60000 : unit == u"s" ? 1000 : 1));
    }
    if (covered == 0 || covered != value.size())
        return fail(Code::InvalidArgument,
            QStringLiteral("invalid filter 'until=%1': want a timestamp or a duration like 24h").arg(value));
    return QDateTime::currentDateTimeUtc().addMSecs(-millis);
}

} // namespace muelle::engine::rest
