// GET/HEAD/PUT/DELETE /v2/<name>/manifests/<reference>   (reference: tag or digest)
#include "registry/handlers/common.h"
#include "registry/handlers/handlers.h"

#include "oci/reference.h"

namespace muelle::registry::handlers {

namespace {

enum class Use { Read, Write };

// A reference is a digest when it holds ':', else a tag. nullopt after
// sending the error for a malformed one: a tag outside the grammar is
// invalid to write, and unknown to read (as the OCI conformance suite wants).
std::optional<QString> referenceParam(http::Exchange &exchange, Use use)
{
    const QString reference = exchange.request().param(QStringLiteral("reference"));
    if (reference.contains(u':')) {
        if (auto digest = oci::Digest::parse(reference); !digest) {
            exchange.respond(errorResponse(ErrorCode::DigestInvalid, digest.error().message));
            return std::nullopt;
        }
        return reference;
    }
    if (auto valid = oci::validateTag(reference); !valid) {
        exchange.respond(use == Use::Write
                ? errorResponse(ErrorCode::TagInvalid, valid.error().message)
                : errorResponse(ErrorCode::ManifestUnknown, QStringLiteral("manifest unknown: %1").arg(reference)));
        return std::nullopt;
    }
    return reference;
}

http::Response manifestError(const Error &error)
{
    switch (error.code) {
    case Code::NotFound:
        return errorResponse(ErrorCode::ManifestUnknown, error.message);
    case Code::InvalidArgument:
        return errorResponse(ErrorCode::ManifestInvalid, error.message);
    case Code::FailedPrecondition:
        return errorResponse(ErrorCode::ManifestBlobUnknown, error.message);
    case service::DigestMismatch:
        return errorResponse(ErrorCode::DigestInvalid, error.message);
    default:
        return internalErrorResponse(error);
    }
}

// True when the Accept header (if any) admits `mediaType`.
bool accepts(const http::Request &request, const QString &mediaType)
{
    const QList<QByteArray> headers = request.headers.values("Accept");
    if (headers.isEmpty())
        return true;
    for (const QByteArray &header : headers) {
        for (const QByteArray &item : header.split(',')) {
            const QByteArray type = item.split(';').first().trimmed();
            if (type.isEmpty() || type == "*/*" || type.compare("application/*", Qt::CaseInsensitive) == 0
                || type.compare(mediaType.toLatin1(), Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

void getManifest(Context &context, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto reference = referenceParam(exchange, Use::Read);
    if (!reference)
        return;
    auto stored = context.registry.manifest(repositoryOf(exchange), *reference);
    if (!stored)
        return exchange.respond(manifestError(stored.error()));
    const metadata::ManifestRecord &record = stored->record;
    if (!accepts(request, record.mediaType)) {
        return exchange.respond(errorResponse(ErrorCode::ManifestUnknown,
            QStringLiteral("manifest is %1, which the Accept header does not admit").arg(record.mediaType)));
    }
    http::Response response;
    response.headers.set("Content-Type", record.mediaType.toLatin1());
    response.headers.set("Docker-Content-Digest", record.digest.toString().toLatin1());
    response.headers.set("ETag", '"' + record.digest.toString().toLatin1() + '"');
    response.headLength = record.size;
    if (request.method != "HEAD")
        response.body = stored->bytes;
    exchange.respond(std::move(response));
}

void putManifest(Context &context, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto reference = referenceParam(exchange, Use::Write);
    if (!reference)
        return;
    if (request.contentLength.value_or(0) > maxManifestBytes) {
        return exchange.respond(
            errorResponse(ErrorCode::TooLarge, QStringLiteral("manifest over %1 bytes").arg(maxManifestBytes)));
    }
    auto sink = std::make_unique<http::BufferSink>(maxManifestBytes);
    auto *body = sink.get();
    exchange.receiveBody(std::move(sink), [&context, &exchange, body, reference = *reference](Result<> received) {
        if (!received && received.error().code == Code::ResourceExhausted) {
            return exchange.respond(
                errorResponse(ErrorCode::TooLarge, QStringLiteral("manifest over %1 bytes").arg(maxManifestBytes)));
        }
        if (!received)
            return exchange.respond(manifestError(received.error()));
        const QString contentType
            = QString::fromLatin1(exchange.request().headers.value("Content-Type").split(';').first().trimmed());
        const QString repository = repositoryOf(exchange);
        auto put = context.registry.putManifest(repository, reference, body->data(), contentType);
        if (!put)
            return exchange.respond(manifestError(put.error()));
        http::Response response;
        response.status = 201;
        response.headers.set("Location", location(repository, QStringLiteral("manifests"), put->digest.toString()));
        response.headers.set("Docker-Content-Digest", put->digest.toString().toLatin1());
        if (put->subject)
            response.headers.set("OCI-Subject", put->subject->toString().toLatin1());
        exchange.respond(std::move(response));
    });
}

void deleteManifest(Context &context, http::Exchange &exchange)
{
    auto reference = referenceParam(exchange, Use::Read);
    if (!reference)
        return;
    auto deleted = context.registry.deleteManifest(repositoryOf(exchange), *reference);
    if (!deleted)
        return exchange.respond(manifestError(deleted.error()));
    http::Response response;
    response.status = 202;
    exchange.respond(std::move(response));
}

} // namespace muelle::registry::handlers
