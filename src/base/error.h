#pragma once
// The one error type of Muelle: a code from a short list, and a message that
// says what failed and why ("open \"/var/lib/x\": No such file or directory").
// Every fallible function returns Result<T>; each layer adds context and keeps
// the code. Codes are mapped to a wire format once per boundary (HTTP status
// and JSON body, registry errcode, D-Bus error name).

#include <QString>

#include <expected>
#include <utility>

namespace muelle {

enum class Code {
    NotFound,
    AlreadyExists,
    InvalidArgument,
    FailedPrecondition,
    Conflict,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
    ResourceExhausted,
    OutOfRange,
    Unimplemented,
    Cancelled,
    Internal,
    DataLoss,
};

struct Error {
    Code code = Code::Internal;
    QString message;

    // The same error with "<what>: " in front of its message.
    Error context(const QString &what) const { return { code, what + QStringLiteral(": ") + message }; }
};

template <typename T = void> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Code code, QString message)
{
    return std::unexpected(Error{ code, std::move(message) });
}

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected(std::move(error));
}

// The code's name as written in logs: "NotFound", "InvalidArgument"...
QString codeName(Code code);

// An errno value as an Error: "<verb> \"<path>\": <strerror>". The code
// follows the errno (ENOENT -> NotFound, ENOSPC -> ResourceExhausted...).
Error systemError(const QString &verb, const QString &path, int errnoValue);

} // namespace muelle
