// docker search: the registry a term names, asked through its v1 search
// endpoint as dockerd asks it (muelle-registry and Docker Hub answer it;
// CNCF Distribution does not).

#include "engine/distribution/registryclient.h"
#include "engine/images/images.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace muelle::engine::images {

namespace {

// dockerd's splitReposSearchTerm: the first component is a registry when it
// looks like a host (a dot, a port, or localhost); Docker Hub otherwise.
std::pair<QString, QString> splitTerm(const QString &term)
{
    const qsizetype slash = term.indexOf(u'/');
    const QString first = term.left(slash);
    if (slash < 0 || (!first.contains(u'.') && !first.contains(u':') && first != u"localhost"))
        return { QStringLiteral("docker.io"), term };
    return { first, term.mid(slash + 1) };
}

Result<QList<SearchResult>> resultsOf(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject() || !document.object().value(u"results").isArray())
        return fail(Code::Unavailable, QStringLiteral("the registry's search answer is not a search result"));
    QList<SearchResult> results;
    for (const QJsonValue &value : document.object().value(u"results").toArray()) {
        const QJsonObject result = value.toObject();
        if (result.value(u"name").toString().isEmpty())
            continue;
        results.append({ result.value(u"name").toString(), result.value(u"description").toString(),
            result.value(u"star_count").toInt(), result.value(u"is_official").toBool(),
            result.value(u"is_automated").toBool() });
    }
    return results;
}

} // namespace

void ImageService::search(const QString &term, int limit, const std::optional<distribution::Credentials> &credentials,
    std::function<void(Result<QList<SearchResult>>)> done)
{
    if (term.contains(QLatin1String("://")))
        return done(fail(
            Code::InvalidArgument, QStringLiteral("Invalid repository name (ex: \"registry.domain.tld/myrepos\")")));
    if (limit < 1 || limit > 100)
        return done(
            fail(Code::InvalidArgument, QStringLiteral("Limit %1 is outside the range of [1, 100]").arg(limit)));
    auto [registry, remote] = splitTerm(term);
    const QString host = distribution::searchHostOf(registry);
    if (registry == u"docker.io" && remote.startsWith(QLatin1String("library/")))
        remote = remote.mid(8);
    const distribution::Credentials given = credentials.value_or(credentials_.find(registry));
    auto *client = new distribution::RegistryClient(
        network_, host, {}, given, QStringLiteral("search"), settings_.registry, this);
    client->connect([client, host, remote, limit, done = std::move(done)](Result<> connected) {
        if (!connected) {
            client->deleteLater();
            return done(
                fail(connected.error().code == Code::Unavailable ? Error{ Code::Unavailable,
                         QStringLiteral("invalid registry endpoint \"%1\": %2").arg(host, connected.error().message) }
                                                                 : connected.error()));
        }
        const QNetworkRequest request = client->request(QStringLiteral("/v1/search?q=%1&n=%2")
                                                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(remote)))
                                                            .arg(limit));
        client->send("GET", request, {}, [client, done](Result<distribution::RegistryReply> reply) {
            client->deleteLater();
            if (!reply)
                return done(fail(reply.error()));
            done(resultsOf(reply->body));
        });
    });
}

} // namespace muelle::engine::images
