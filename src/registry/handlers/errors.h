#pragma once
// The Distribution error codes, each with its HTTP status, in one table, and
// the response body the spec gives them:
//   {"errors": [{"code": "BLOB_UNKNOWN", "message": "...", "detail": ...}]}

#include "http/message.h"

#include <QJsonValue>

namespace muelle::registry::handlers {

enum class ErrorCode {
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    DigestInvalid,
    ManifestBlobUnknown,
    ManifestInvalid,
    ManifestUnknown,
    NameInvalid,
    NameUnknown,
    SizeInvalid,
    TagInvalid,
    Unauthorized,
    Denied,
    Unsupported,
    TooManyRequests,
    PaginationNumberInvalid,
    RangeInvalid, // a chunk out of order: BLOB_UPLOAD_INVALID with 416
    TooLarge, // a manifest over the limit: SIZE_INVALID with 413
    Unavailable, // 503
    StorageFull, // 507
    Unknown, // 500
};

struct ErrorEntry {
    const char *code;
    int status;
    const char *message;
};

const ErrorEntry &errorEntry(ErrorCode code);

// The response for one error; `detail` is omitted when null.
http::Response errorResponse(ErrorCode code, const QString &message = {}, const QJsonValue &detail = {});

// Maps a service error that has no more specific code (storage failure,
// busy database...) to UNKNOWN/UNAVAILABLE/disk full.
http::Response internalErrorResponse(const Error &error);

} // namespace muelle::registry::handlers
