// GET/HEAD/DELETE /v2/<name>/blobs/<digest>
#include "registry/handlers/common.h"
#include "registry/handlers/handlers.h"

namespace muelle::registry::handlers {

static http::Response blobUnknown(const Error &error)
{
    if (error.code == Code::NotFound)
        return errorResponse(ErrorCode::BlobUnknown, error.message);
    return internalErrorResponse(error);
}

void getBlob(Context &context, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto digest = digestParam(exchange);
    if (!digest)
        return;
    auto size = context.registry.blobSize(repositoryOf(exchange), *digest);
    if (!size)
        return exchange.respond(blobUnknown(size.error()));

    auto range = http::parseRange(request.headers.value("Range"), *size);
    // A Range header we cannot parse is ignored, as RFC 9110 says; one that
    // cannot be satisfied gets 416.
    if (!range && range.error().code == Code::InvalidArgument)
        range = std::optional<QPair<qint64, qint64>>();
    if (!range) {
        http::Response response = errorResponse(ErrorCode::RangeInvalid, range.error().message);
        response.headers.set("Content-Range", "bytes */" + QByteArray::number(*size));
        return exchange.respond(std::move(response));
    }
    const qint64 first = *range ? (*range)->first : 0;
    const qint64 length = *range ? (*range)->second - first + 1 : *size;

    http::Response response;
    response.status = *range ? 206 : 200;
    response.headers.set("Content-Type", "application/octet-stream");
    response.headers.set("Docker-Content-Digest", digest->toString().toLatin1());
    response.headers.set("ETag", '"' + digest->toString().toLatin1() + '"');
    response.headers.set("Accept-Ranges", "bytes");
    if (*range) {
        response.headers.set(
            "Content-Range", QStringLiteral("bytes %1-%2/%3").arg(first).arg((*range)->second).arg(*size).toLatin1());
    }
    response.headLength = length;
    if (request.method == "HEAD")
        return exchange.respond(std::move(response));
    auto source = context.registry.readBlob(*digest, first, length);
    if (!source)
        return exchange.respond(blobUnknown(source.error()));
    response.stream = std::move(*source);
    response.streamLength = length;
    exchange.respond(std::move(response));
}

void deleteBlob(Context &context, http::Exchange &exchange)
{
    auto digest = digestParam(exchange);
    if (!digest)
        return;
    auto deleted = context.registry.deleteBlob(repositoryOf(exchange), *digest);
    if (!deleted)
        return exchange.respond(blobUnknown(deleted.error()));
    http::Response response;
    response.status = 202;
    response.headers.set("Docker-Content-Digest", digest->toString().toLatin1());
    exchange.respond(std::move(response));
}

} // namespace muelle::registry::handlers
