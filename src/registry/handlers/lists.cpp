// GET /v2/<name>/tags/list, GET /v2/_catalog, GET /v2/<name>/referrers/<digest>
#include "registry/handlers/common.h"
#include "registry/handlers/handlers.h"

#include "oci/mediatype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::registry::handlers {

namespace {

// Asks for one more than the page holds, to know whether a next page exists.
metadata::Page probePage(const PageParams &page)
{
    return { page.last, page.limit < 0 ? -1 : page.limit + 1 };
}

http::Response pageResponse(
    const QString &key, QStringList names, const PageParams &page, const QString &path, QJsonObject object = {})
{
    const bool more = page.limit >= 0 && names.size() > page.limit;
    if (more)
        names = names.mid(0, page.limit);
    object.insert(key, QJsonArray::fromStringList(names));
    http::Response response = http::Response::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (more && !names.isEmpty())
        response.headers.set("Link", nextLink(path, names.last(), page.limit));
    return response;
}

} // namespace

void getTags(Context &context, http::Exchange &exchange)
{
    const QString repository = repositoryOf(exchange);
    auto page = pageParams(exchange);
    if (!page)
        return;
    auto exists = context.registry.metadata().repositoryExists(repository);
    if (!exists)
        return exchange.respond(internalErrorResponse(exists.error()));
    if (!*exists)
        return exchange.respond(
            errorResponse(ErrorCode::NameUnknown, QStringLiteral("repository \"%1\" unknown").arg(repository)));
    auto tags
        = page->limit == 0 ? Result<QStringList>() : context.registry.metadata().tags(repository, probePage(*page));
    if (!tags)
        return exchange.respond(internalErrorResponse(tags.error()));
    exchange.respond(pageResponse(QStringLiteral("tags"), *tags, *page,
        QStringLiteral("/v2/%1/tags/list").arg(repository), QJsonObject{ { QStringLiteral("name"), repository } }));
}

void getCatalog(Context &context, http::Exchange &exchange)
{
    auto page = pageParams(exchange);
    if (!page)
        return;
    auto names = page->limit == 0 ? Result<QStringList>() : context.registry.metadata().repositories(probePage(*page));
    if (!names)
        return exchange.respond(internalErrorResponse(names.error()));
    exchange.respond(pageResponse(QStringLiteral("repositories"), *names, *page, QStringLiteral("/v2/_catalog")));
}

void getReferrers(Context &context, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto subject = digestParam(exchange);
    if (!subject)
        return;
    auto referrers = context.registry.metadata().referrers(repositoryOf(exchange), *subject);
    if (!referrers)
        return exchange.respond(internalErrorResponse(referrers.error()));
    const QString artifactType = request.query.queryItemValue(QStringLiteral("artifactType"), QUrl::FullyDecoded);
    QJsonArray manifests;
    for (const metadata::ManifestRecord &record : *referrers) {
        if (!artifactType.isEmpty() && record.artifactType != artifactType)
            continue;
        QJsonObject descriptor{ { QStringLiteral("mediaType"), record.mediaType },
            { QStringLiteral("digest"), record.digest.toString() }, { QStringLiteral("size"), record.size } };
        if (!record.artifactType.isEmpty())
            descriptor.insert(QStringLiteral("artifactType"), record.artifactType);
        if (!record.annotations.isEmpty())
            descriptor.insert(QStringLiteral("annotations"), QJsonDocument::fromJson(record.annotations).object());
        manifests.append(descriptor);
    }
    const QJsonObject index{ { QStringLiteral("schemaVersion"), 2 },
        { QStringLiteral("mediaType"), oci::mediatype::ociIndex }, { QStringLiteral("manifests"), manifests } };
    http::Response response = http::Response::json(200, QJsonDocument(index).toJson(QJsonDocument::Compact));
    response.headers.set("Content-Type", oci::mediatype::ociIndex.toLatin1());
    if (!artifactType.isEmpty())
        response.headers.set("OCI-Filters-Applied", "artifactType");
    exchange.respond(std::move(response));
}

} // namespace muelle::registry::handlers
