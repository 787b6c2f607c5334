// GET /images/search: docker search, as dockerd 20.10 answers it.

#include "engine/api/rest/errors.h"
#include "engine/api/rest/images.h"
#include "engine/api/rest/json.h"
#include "engine/images/images.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::rest {

namespace {

struct SearchFilters {
    std::optional<bool> official;
    std::optional<bool> automated;
    int stars = 0;
};

// is-official, is-automated (true or false, once) and stars (the highest
// given), in dockerd's words when they are anything else.
Result<SearchFilters> searchFilters(const http::Request &request)
{
    auto filters = parseFilters(request);
    if (!filters)
        return fail(filters.error());
    SearchFilters wanted;
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        const QString &name = it.key();
        const QStringList &values = it.value();
        const QString shown = QStringLiteral("Invalid filter '%1=[%2]'").arg(name, values.join(u' '));
        if (name == u"is-official" || name == u"is-automated") {
            if (values.size() != 1 || (values.first() != u"true" && values.first() != u"false"))
                return fail(Code::InvalidArgument, shown);
            (name == u"is-official" ? wanted.official : wanted.automated) = values.first() == u"true";
        } else if (name == u"stars") {
            for (const QString &value : values) {
                bool ok = false;
                const int stars = value.toInt(&ok);
                if (!ok)
                    return fail(Code::InvalidArgument, QStringLiteral("Invalid filter 'stars=%1'").arg(value));
                wanted.stars = std::max(wanted.stars, stars);
            }
        } else {
            return fail(Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(name));
        }
    }
    return wanted;
}

bool passes(const images::SearchResult &result, const SearchFilters &filters)
{
    return (!filters.official || *filters.official == result.isOfficial)
        && (!filters.automated || *filters.automated == result.isAutomated) && result.starCount >= filters.stars;
}

} // namespace

void searchImages(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto filters = searchFilters(request);
    if (!filters)
        return respondError(exchange, filters.error());
    const QString term = queryValue(request, QStringLiteral("term"));
    const QString limitText = queryValue(request, QStringLiteral("limit"));
    bool ok = true;
    int limit = limitText.isEmpty() ? 0 : limitText.toInt(&ok);
    if (!ok)
        return respondError(exchange,
            { Code::InvalidArgument, QStringLiteral("strconv.Atoi: parsing \"%1\": invalid syntax").arg(limitText) });
    if (limit == 0)
        limit = 25; // dockerd's default, for 0 too
    // As dockerd: credentials that do not decode are ignored here, not refused.
    std::optional<distribution::Credentials> credentials;
    if (request.headers.contains("X-Registry-Auth")) {
        if (auto given = distribution::credentialsFromHeader(request.headers.value("X-Registry-Auth")))
            credentials = *given;
    }
    auto *replyContext = new QObject;
    QMetaObject::invokeMethod(
        &engine.images, [&engine, &exchange, replyContext, term, limit, credentials, filters = *filters] {
            engine.images.search(term, limit, credentials,
                [&exchange, replyContext, filters](Result<QList<images::SearchResult>> results) {
                    QJsonArray list;
                    for (const images::SearchResult &result : results ? *results : QList<images::SearchResult>()) {
                        if (!passes(result, filters))
                            continue;
                        list.append(QJsonObject{ { QStringLiteral("name"), result.name },
                            { QStringLiteral("description"), result.description },
                            { QStringLiteral("star_count"), result.starCount },
                            { QStringLiteral("is_official"), result.isOfficial },
                            { QStringLiteral("is_automated"), result.isAutomated } });
                    }
                    auto response
                        = std::make_shared<http::Response>(results ? json(list) : errorResponse(results.error()));
                    QMetaObject::invokeMethod(replyContext, [&exchange, replyContext, response] {
                        exchange.respond(std::move(*response));
                        delete replyContext;
                    });
                });
        });
}

} // namespace muelle::engine::rest
