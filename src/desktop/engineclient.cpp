#include "desktop/engineclient.h"

#include <QJsonDocument>

namespace muelle::desktop {

template <typename T> Result<T> jsonOf(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(
            Code::DataLoss, QStringLiteral("the engine sent JSON that does not parse: %1").arg(error.errorString()));
    if constexpr (std::is_same_v<T, QJsonArray>) {
        if (document.isArray())
            return document.array();
        return fail(Code::DataLoss, QStringLiteral("the engine sent a JSON object where a list was due"));
    } else {
        if (document.isObject())
            return document.object();
        return fail(Code::DataLoss, QStringLiteral("the engine sent a JSON list where an object was due"));
    }
}

template Result<QJsonObject> jsonOf(const QByteArray &text);
template Result<QJsonArray> jsonOf(const QByteArray &text);

} // namespace muelle::desktop
