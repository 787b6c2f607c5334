#include "engine/api/rest/errors.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::rest {

int httpStatus(Code code)
{
    switch (code) {
    case Code::NotFound:
        return 404;
    case Code::AlreadyExists:
        return 409;
    case Code::Conflict:
        return 409;
    case Code::FailedPrecondition:
        return 409;
    case Code::InvalidArgument:
        return 400;
    case Code::OutOfRange:
        return 416;
    case Code::PermissionDenied:
        return 403;
    case Code::Unauthenticated:
        return 401;
    case Code::Unavailable:
        return 503;
    case Code::ResourceExhausted:
        return 507;
    case Code::Unimplemented:
        return 501;
    case Code::Cancelled:
        return 499;
    case Code::Internal:
        return 500;
    case Code::DataLoss:
        return 500;
    }
    return 500;
}

http::Response errorResponse(const Error &error)
{
    const QJsonObject body{ { QStringLiteral("message"), error.message } };
    return http::Response::json(httpStatus(error.code), QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace muelle::engine::rest
