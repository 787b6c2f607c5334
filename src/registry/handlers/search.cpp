// GET /v1/search (Docker's registry search: `docker search` through any
// engine) and GET /v2/_muelle/search (ours: ranked, richer results). Both
// read the metadata's search index; a repository shows only to a caller
// who may pull it.

#include "registry/auth/authenticator.h"
#include "registry/handlers/common.h"
#include "registry/handlers/errors.h"
#include "registry/handlers/handlers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace muelle::registry::handlers {

namespace {

constexpr int defaultPageSize = 25;
constexpr int maxPageSize = 100;
constexpr qsizetype maxTermsLength = 1024;
constexpr int maxMatches = 1000; // read per request, best first

struct SearchParams {
    QString terms;
    int pageSize = defaultPageSize;
    int page = 1;
};

// q, n (1..100) and page (from 1); nullopt after answering 400 for bad ones.
std::optional<SearchParams> searchParams(http::Exchange &exchange)
{
    const QUrlQuery &query = exchange.request().query;
    SearchParams params;
    params.terms = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).left(maxTermsLength);
    const auto number = [&](const char *name, int fallback, int lowest, int highest) -> std::optional<int> {
        const QString text = query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
        if (text.isEmpty())
            return fallback;
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < lowest || value > highest) {
            exchange.respond(errorResponse(ErrorCode::PaginationNumberInvalid,
                QStringLiteral("%1 must be a number from %2 to %3").arg(QLatin1String(name)).arg(lowest).arg(highest)));
            return std::nullopt;
        }
        return value;
    };
    const std::optional<int> size = number("n", defaultPageSize, 1, maxPageSize);
    if (!size)
        return std::nullopt;
    const std::optional<int> page = number("page", 1, 1, 1'000'000);
    if (!page)
        return std::nullopt;
    params.pageSize = *size;
    params.page = *page;
    return params;
}

struct Found {
    SearchParams params;
    int total = 0; // the visible matches, counted among the first maxMatches
    QList<metadata::SearchHit> page;
};

// The request's search: the matches the caller may pull, best first, and
// the page it asked for; nullopt after answering an error.
std::optional<Found> search(Context &context, http::Exchange &exchange)
{
    const std::optional<SearchParams> params = searchParams(exchange);
    if (!params)
        return std::nullopt;
    auto names = context.registry.metadata().search(params->terms, maxMatches);
    if (!names) {
        exchange.respond(internalErrorResponse(names.error()));
        return std::nullopt;
    }
    const auto mayPull = context.authenticator.pullFilter(exchange.request());
    QStringList visible;
    for (const QString &name : std::as_const(*names)) {
        if (mayPull(name))
            visible.append(name);
    }
    const qsizetype from = qsizetype(params->page - 1) * params->pageSize;
    auto page = context.registry.metadata().searchHits(visible.mid(from, params->pageSize));
    if (!page) {
        exchange.respond(internalErrorResponse(page.error()));
        return std::nullopt;
    }
    return Found{ *params, int(visible.size()), std::move(*page) };
}

} // namespace

void getV1Search(Context &context, http::Exchange &exchange)
{
    const std::optional<Found> found = search(context, exchange);
    if (!found)
        return;
    const SearchParams *params = &found->params;
    QJsonArray results;
    for (const metadata::SearchHit &hit : found->page) {
        results.append(QJsonObject{ { QStringLiteral("name"), hit.repository },
            { QStringLiteral("description"), hit.description.isEmpty() ? hit.title : hit.description },
            { QStringLiteral("star_count"), 0 }, { QStringLiteral("is_official"), false },
            { QStringLiteral("is_automated"), false } });
    }
    const QJsonObject body{ { QStringLiteral("query"), params->terms }, { QStringLiteral("num_results"), found->total },
        { QStringLiteral("num_pages"), (found->total + params->pageSize - 1) / params->pageSize },
        { QStringLiteral("page"), params->page }, { QStringLiteral("page_size"), params->pageSize },
        { QStringLiteral("results"), results } };
    exchange.respond(http::Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

void getSearch(Context &context, http::Exchange &exchange)
{
    const std::optional<Found> found = search(context, exchange);
    if (!found)
        return;
    const SearchParams *params = &found->params;
    QJsonArray results;
    for (const metadata::SearchHit &hit : found->page) {
        results.append(
            QJsonObject{ { QStringLiteral("name"), hit.repository }, { QStringLiteral("latest_tag"), hit.latestTag },
                { QStringLiteral("pushed"), hit.pushed.toUTC().toString(Qt::ISODateWithMs) },
                { QStringLiteral("size"), hit.size },
                { QStringLiteral("platforms"), QJsonArray::fromStringList(hit.platforms) },
                { QStringLiteral("title"), hit.title }, { QStringLiteral("description"), hit.description },
                { QStringLiteral("vendor"), hit.vendor }, { QStringLiteral("source"), hit.source } });
    }
    const QJsonObject body{ { QStringLiteral("query"), params->terms }, { QStringLiteral("total"), found->total },
        { QStringLiteral("results"), results } };
    http::Response response = http::Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (qsizetype(params->page) * params->pageSize < found->total) {
        response.headers.set("Link",
            "</v2/_muelle/search?q=" + QUrl::toPercentEncoding(params->terms)
                + "&n=" + QByteArray::number(params->pageSize) + "&page=" + QByteArray::number(params->page + 1)
                + ">; rel=\"next\"");
    }
    exchange.respond(std::move(response));
}

} // namespace muelle::registry::handlers
