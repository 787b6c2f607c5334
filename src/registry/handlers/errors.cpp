#include "registry/handlers/errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRegistryErrors, "muelle.registry")

namespace muelle::registry::handlers {

const ErrorEntry &errorEntry(ErrorCode code)
{
    static const ErrorEntry table[] = {
        { "BLOB_UNKNOWN", 404, "blob unknown to registry" },
        { "BLOB_UPLOAD_INVALID", 400, "blob upload invalid" },
        { "BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry" },
        { "DIGEST_INVALID", 400, "provided digest did not match uploaded content" },
        { "MANIFEST_BLOB_UNKNOWN", 400, "manifest references a manifest or blob unknown to registry" },
        { "MANIFEST_INVALID", 400, "manifest invalid" },
        { "MANIFEST_UNKNOWN", 404, "manifest unknown to registry" },
        { "NAME_INVALID", 400, "invalid repository name" },
        { "NAME_UNKNOWN", 404, "repository name not known to registry" },
        { "SIZE_INVALID", 400, "provided length did not match content length" },
        { "TAG_INVALID", 400, "manifest tag did not match URI" },
        { "UNAUTHORIZED", 401, "authentication required" },
        { "DENIED", 403, "requested access to the resource is denied" },
        { "UNSUPPORTED", 405, "the operation is unsupported" },
        { "TOOMANYREQUESTS", 429, "too many requests" },
        { "PAGINATION_NUMBER_INVALID", 400, "invalid number of results requested" },
        { "BLOB_UPLOAD_INVALID", 416, "requested range not satisfiable" },
        { "SIZE_INVALID", 413, "payload too large" },
        { "UNAVAILABLE", 503, "service unavailable" },
        { "UNKNOWN", 507, "insufficient storage" },
        { "UNKNOWN", 500, "unknown error" },
    };
    return table[int(code)];
}

http::Response errorResponse(ErrorCode code, const QString &message, const QJsonValue &detail)
{
    const ErrorEntry &entry = errorEntry(code);
    QJsonObject error{ { QStringLiteral("code"), QString::fromLatin1(entry.code) },
        { QStringLiteral("message"), message.isEmpty() ? QString::fromLatin1(entry.message) : message } };
    if (!detail.isNull() && !detail.isUndefined())
        error.insert(QStringLiteral("detail"), detail);
    const QJsonObject body{ { QStringLiteral("errors"), QJsonArray{ error } } };
    return http::Response::json(entry.status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

http::Response internalErrorResponse(const Error &error)
{
    switch (error.code) {
    // The details (paths, SQL) go to the log, not to the client.
    case Code::ResourceExhausted:
        qCWarning(lcRegistryErrors).noquote() << error.message;
        return errorResponse(ErrorCode::StorageFull, QStringLiteral("No space left on the registry's storage"));
    case Code::Unavailable:
        qCWarning(lcRegistryErrors).noquote() << error.message;
        return errorResponse(ErrorCode::Unavailable, QStringLiteral("the registry's storage is busy; try again"));
    default:
        qCWarning(lcRegistryErrors).noquote() << error.message;
        return errorResponse(ErrorCode::Unknown, QStringLiteral("internal error; the registry's log says more"));
    }
}

} // namespace muelle::registry::handlers
