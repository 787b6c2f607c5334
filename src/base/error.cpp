#include "base/error.h"

#include <cerrno>
#include <cstring>

namespace muelle {

QString codeName(Code code)
{
    switch (code) {
    case Code::NotFound:
        return QStringLiteral("NotFound");
    case Code::AlreadyExists:
        return QStringLiteral("AlreadyExists");
    case Code::InvalidArgument:
        return QStringLiteral("InvalidArgument");
    case Code::FailedPrecondition:
        return QStringLiteral("FailedPrecondition");
    case Code::Conflict:
        return QStringLiteral("Conflict");
    case Code::PermissionDenied:
        return QStringLiteral("PermissionDenied");
    case Code::Unauthenticated:
        return QStringLiteral("Unauthenticated");
    case Code::Unavailable:
        return QStringLiteral("Unavailable");
    case Code::ResourceExhausted:
        return QStringLiteral("ResourceExhausted");
    case Code::OutOfRange:
        return QStringLiteral("OutOfRange");
    case Code::Unimplemented:
        return QStringLiteral("Unimplemented");
    case Code::Cancelled:
        return QStringLiteral("Cancelled");
    case Code::Internal:
        return QStringLiteral("Internal");
    case Code::DataLoss:
        return QStringLiteral("DataLoss");
    }
    return QStringLiteral("Unknown");
}

static Code codeForErrno(int errnoValue)
{
    switch (errnoValue) {
    case ENOENT:
    case ENOTDIR:
        return Code::NotFound;
    case EEXIST:
        return Code::AlreadyExists;
    case EACCES:
    case EPERM:
        return Code::PermissionDenied;
    case ENOSPC:
    case EDQUOT:
    case EMFILE:
    case ENFILE:
    case ENOMEM:
        return Code::ResourceExhausted;
    case EINVAL:
    case ENAMETOOLONG:
    case ELOOP:
        return Code::InvalidArgument;
    case EIO:
        return Code::DataLoss;
    default:
        return Code::Internal;
    }
}

Error systemError(const QString &verb, const QString &path, int errnoValue)
{
    return { codeForErrno(errnoValue),
        QStringLiteral("%1 \"%2\": %3").arg(verb, path, QString::fromLocal8Bit(std::strerror(errnoValue))) };
}

} // namespace muelle
