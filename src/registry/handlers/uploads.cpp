// POST   /v2/<name>/blobs/uploads/                  start (or monolithic with ?digest=, or mount)
// PATCH  /v2/<name>/blobs/uploads/<uuid>            append a chunk
// PUT    /v2/<name>/blobs/uploads/<uuid>?digest=    append the last bytes, verify, commit
// GET    /v2/<name>/blobs/uploads/<uuid>            progress
// DELETE /v2/<name>/blobs/uploads/<uuid>            cancel
#include "registry/handlers/common.h"
#include "registry/handlers/handlers.h"

#include <QRegularExpression>

namespace muelle::registry::handlers {

namespace {

QString uuidOf(http::Exchange &exchange)
{
    return exchange.request().param(QStringLiteral("uuid"));
}

http::Response uploadError(const Error &error)
{
    switch (error.code) {
    case Code::NotFound:
        return errorResponse(ErrorCode::BlobUploadUnknown, error.message);
    case Code::OutOfRange:
        return errorResponse(ErrorCode::RangeInvalid, error.message);
    case Code::Conflict:
        return errorResponse(ErrorCode::RangeInvalid, error.message);
    case Code::InvalidArgument:
        return errorResponse(ErrorCode::BlobUploadInvalid, error.message);
    case service::DigestMismatch:
        return errorResponse(ErrorCode::DigestInvalid, error.message);
    default:
        return internalErrorResponse(error);
    }
}

// 202 with where to send the next bytes and how many arrived.
http::Response progress(const QString &repository, const QString &uuid, qint64 size, int status = 202)
{
    http::Response response;
    response.status = status;
    response.headers.set("Location", location(repository, QStringLiteral("blobs/uploads"), uuid));
    response.headers.set("Range", "0-" + QByteArray::number(qMax<qint64>(size - 1, 0)));
    response.headers.set("Docker-Upload-UUID", uuid.toLatin1());
    return response;
}

http::Response created(const QString &repository, const oci::Digest &digest)
{
    http::Response response;
    response.status = 201;
    response.headers.set("Location", location(repository, QStringLiteral("blobs"), digest.toString()));
    response.headers.set("Docker-Content-Digest", digest.toString().toLatin1());
    return response;
}

// "Content-Range: <start>-<end>" (some clients prefix "bytes "). nullopt when
// absent; InvalidArgument when malformed or disagreeing with Content-Length.
Result<std::optional<qint64>> chunkStart(const http::Request &request)
{
    const QByteArray header = request.headers.value("Content-Range");
    if (header.isEmpty())
        return std::optional<qint64>();
    static const QRegularExpression pattern(QStringLiteral("^(?:bytes )?(\\d+)-(\\d+)$"));
    const auto match = pattern.match(QString::fromLatin1(header));
    if (!match.hasMatch())
        return fail(
            Code::OutOfRange, QStringLiteral("malformed Content-Range \"%1\"").arg(QString::fromLatin1(header)));
    const qint64 start = match.captured(1).toLongLong();
    const qint64 end = match.captured(2).toLongLong();
    if (end < start || (request.contentLength && *request.contentLength != end - start + 1))
        return fail(Code::OutOfRange,
            QStringLiteral("Content-Range %1 disagrees with Content-Length").arg(QString::fromLatin1(header)));
    return std::optional<qint64>(start);
}

// Streams the request body into the session, then calls `then`.
void receiveInto(Context &context, http::Exchange &exchange, const QString &uuid, std::optional<qint64> start,
    std::function<void(Result<>)> then)
{
    auto sink = context.registry.appendToUpload(repositoryOf(exchange), uuid, start);
    if (!sink)
        return exchange.respond(uploadError(sink.error()));
    exchange.receiveBody(std::move(*sink), std::move(then));
}

void complete(Context &context, http::Exchange &exchange, const QString &uuid, const oci::Digest &digest)
{
    const QString repository = repositoryOf(exchange);
    auto completed = context.registry.completeUpload(repository, uuid, digest);
    if (!completed)
        return exchange.respond(uploadError(completed.error()));
    exchange.respond(created(repository, digest));
}

void mountOrStart(Context &context, http::Exchange &exchange, const QString &repository)
{
    const QUrlQuery &query = exchange.request().query;
    const QString from = query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
    // The dispatcher sets "mount-allowed" when the caller may pull from `from`.
    if (!from.isEmpty() && exchange.request().param(QStringLiteral("mount-allowed")) == u"yes") {
        if (auto digest = oci::Digest::parse(query.queryItemValue(QStringLiteral("mount"), QUrl::FullyDecoded))) {
            if (auto mounted = context.registry.mountBlob(repository, from, *digest))
                return exchange.respond(created(repository, *digest));
            else if (mounted.error().code != Code::NotFound)
                return exchange.respond(internalErrorResponse(mounted.error()));
        }
    }
    auto uuid = context.registry.startUpload(repository);
    if (!uuid)
        return exchange.respond(internalErrorResponse(uuid.error()));
    exchange.respond(progress(repository, *uuid, 0));
}

} // namespace

void startUpload(Context &context, http::Exchange &exchange)
{
    const QString repository = repositoryOf(exchange);
    const QUrlQuery &query = exchange.request().query;
    if (query.hasQueryItem(QStringLiteral("mount")))
        return mountOrStart(context, exchange, repository);
    if (!query.hasQueryItem(QStringLiteral("digest")))
        return mountOrStart(context, exchange, repository);

    // Monolithic: the whole blob in this request's body.
    auto digest = oci::Digest::parse(query.queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded));
    if (!digest)
        return exchange.respond(errorResponse(ErrorCode::DigestInvalid, digest.error().message));
    auto uuid = context.registry.startUpload(repository);
    if (!uuid)
        return exchange.respond(internalErrorResponse(uuid.error()));
    receiveInto(context, exchange, *uuid, 0, [&context, &exchange, uuid = *uuid, digest = *digest](Result<> received) {
        if (!received) {
            (void)context.registry.cancelUpload(repositoryOf(exchange), uuid);
            return exchange.respond(uploadError(received.error()));
        }
        complete(context, exchange, uuid, digest);
    });
}

void patchUpload(Context &context, http::Exchange &exchange)
{
    const QString uuid = uuidOf(exchange);
    auto start = chunkStart(exchange.request());
    if (!start)
        return exchange.respond(uploadError(start.error()));
    receiveInto(context, exchange, uuid, *start, [&context, &exchange, uuid](Result<> received) {
        if (!received)
            return exchange.respond(uploadError(received.error()));
        auto size = context.registry.uploadSize(repositoryOf(exchange), uuid);
        if (!size)
            return exchange.respond(uploadError(size.error()));
        exchange.respond(progress(repositoryOf(exchange), uuid, *size));
    });
}

void putUpload(Context &context, http::Exchange &exchange)
{
    const QString uuid = uuidOf(exchange);
    auto digest
        = oci::Digest::parse(exchange.request().query.queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded));
    if (!digest)
        return exchange.respond(errorResponse(ErrorCode::DigestInvalid, digest.error().message));
    if (!exchange.request().hasBody()) {
        // Still check the session exists in this repository before completing.
        return complete(context, exchange, uuid, *digest);
    }
    auto start = chunkStart(exchange.request());
    if (!start)
        return exchange.respond(uploadError(start.error()));
    receiveInto(context, exchange, uuid, *start, [&context, &exchange, uuid, digest = *digest](Result<> received) {
        if (!received)
            return exchange.respond(uploadError(received.error()));
        complete(context, exchange, uuid, digest);
    });
}

void getUpload(Context &context, http::Exchange &exchange)
{
    const QString uuid = uuidOf(exchange);
    auto size = context.registry.uploadSize(repositoryOf(exchange), uuid);
    if (!size)
        return exchange.respond(uploadError(size.error()));
    exchange.respond(progress(repositoryOf(exchange), uuid, *size, 204));
}

void deleteUpload(Context &context, http::Exchange &exchange)
{
    auto cancelled = context.registry.cancelUpload(repositoryOf(exchange), uuidOf(exchange));
    if (!cancelled)
        return exchange.respond(uploadError(cancelled.error()));
    http::Response response;
    response.status = 204;
    exchange.respond(std::move(response));
}

} // namespace muelle::registry::handlers
