#pragma once
// Small pieces the handlers share.

#include "http/exchange.h"
#include "oci/digest.h"
#include "registry/handlers/errors.h"

#include <optional>

namespace muelle::registry::handlers {

// The "name" path parameter: the repository, already validated by the dispatcher.
inline QString repositoryOf(http::Exchange &exchange)
{
    return exchange.request().param(QStringLiteral("name"));
}

// The "digest" path parameter, or a DIGEST_INVALID response sent.
std::optional<oci::Digest> digestParam(http::Exchange &exchange, const QString &name = QStringLiteral("digest"));

// "n" and "last" of a paginated list; nullopt after sending
// PAGINATION_NUMBER_INVALID. limit -1 means no limit.
struct PageParams {
    QString last;
    int limit = -1;
};
std::optional<PageParams> pageParams(http::Exchange &exchange);

// The Link header for the next page of `path`.
QByteArray nextLink(const QString &path, const QString &last, int limit);

QByteArray location(const QString &repository, const QString &kind, const QString &id);

} // namespace muelle::registry::handlers
