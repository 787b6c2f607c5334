#include "registry/handlers/common.h"

#include <QUrl>

namespace muelle::registry::handlers {

std::optional<oci::Digest> digestParam(http::Exchange &exchange, const QString &name)
{
    auto digest = oci::Digest::parse(exchange.request().param(name));
    if (!digest) {
        exchange.respond(errorResponse(ErrorCode::DigestInvalid, digest.error().message));
        return std::nullopt;
    }
    return *digest;
}

std::optional<PageParams> pageParams(http::Exchange &exchange)
{
    const QUrlQuery &query = exchange.request().query;
    PageParams page;
    page.last = query.queryItemValue(QStringLiteral("last"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("n"))) {
        bool ok = false;
        const int n = query.queryItemValue(QStringLiteral("n"), QUrl::FullyDecoded).toInt(&ok);
        if (!ok || n < 0) {
            exchange.respond(
                errorResponse(ErrorCode::PaginationNumberInvalid, QStringLiteral("n must be a number >= 0")));
            return std::nullopt;
        }
        page.limit = n;
    }
    return page;
}

QByteArray nextLink(const QString &path, const QString &last, int limit)
{
    return "<" + path.toUtf8() + "?last=" + QUrl::toPercentEncoding(last) + "&n=" + QByteArray::number(limit)
        + ">; rel=\"next\"";
}

QByteArray location(const QString &repository, const QString &kind, const QString &id)
{
    return QStringLiteral("/v2/%1/%2/%3").arg(repository, kind, id).toUtf8();
}

} // namespace muelle::registry::handlers
