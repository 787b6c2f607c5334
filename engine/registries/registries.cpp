#include "engine/registries/registries.h"

#include "engine/distribution/registryclient.h"
#include "engine/images/images.h"
#include "oci/reference.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

namespace muelle::engine::registries {

namespace {

constexpr int searchLimit = 25;
constexpr int fallbackPages = 10; // of 1,000 names: the _catalog read when a registry cannot search
constexpr int fallbackPageSize = 1000;
constexpr qint64 maxAnswer = 16 << 20;

// The `last` of a Link header's next page: </v2/_catalog?last=x&n=100>; rel="next".
QString nextOf(const distribution::RegistryReply &reply)
{
    const QByteArray link = reply.header("Link");
    const qsizetype open = link.indexOf('<');
    const qsizetype close = link.indexOf('>');
    if (open < 0 || close <= open)
        return {};
    const QUrl url(QString::fromUtf8(link.mid(open + 1, close - open - 1)));
    return QUrlQuery(url).queryItemValue(QStringLiteral("last"), QUrl::FullyDecoded);
}

Result<QJsonObject> objectOf(const QByteArray &body, const QString &what)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (!document.isObject())
        return fail(
            Code::Unavailable, QStringLiteral("the registry's %1 is not JSON: %2").arg(what, error.errorString()));
    return document.object();
}

QString pagePath(const QString &path, int limit, const QString &last)
{
    QString target = path + QStringLiteral("?n=") + QString::number(limit);
    if (!last.isEmpty())
        target += QStringLiteral("&last=") + QString::fromLatin1(QUrl::toPercentEncoding(last));
    return target;
}

// A client connected to `host` for `actions` on `repository` (none: registry-wide).
void connected(images::ImageService &images, const distribution::RegistryOptions &options, const QString &host,
    const QString &repository, const QString &actions, QObject *parent,
    std::function<void(Result<distribution::RegistryClient *>)> then)
{
    // Logins are kept by registry (Docker Hub's search host, index.docker.io, is docker.io).
    auto *client = new distribution::RegistryClient(images.network(), host, repository,
        images.credentialsFor(distribution::registryHost(host)), actions, options, parent);
    client->connect([client, then = std::move(then)](Result<> ready) {
        if (!ready) {
            client->deleteLater();
            return then(fail(ready.error()));
        }
        then(client);
    });
}

// GET `target` on a connected client, the answer as JSON; the client goes after.
void getJson(distribution::RegistryClient *client, const QString &target, const QString &what,
    std::function<void(Result<std::pair<QJsonObject, QString>>)> then)
{
    client->send(
        "GET", client->request(target), {},
        [client, what, then = std::move(then)](auto reply) {
            client->deleteLater();
            if (!reply)
                return then(fail(reply.error()));
            auto object = objectOf(reply->body, what);
            if (!object)
                return then(fail(object.error()));
            then(std::pair{ *object, nextOf(*reply) });
        },
        maxAnswer);
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(item.toString());
    return strings;
}

// One result as the desktop shows it, from either search's shape.
QJsonObject resultOf(const QJsonObject &hit)
{
    return { { QStringLiteral("name"), hit.value(u"name").toString() },
        { QStringLiteral("description"), hit.value(u"description").toString() },
        { QStringLiteral("stars"), hit.value(u"star_count").toInt() },
        { QStringLiteral("official"), hit.value(u"is_official").toBool() },
        { QStringLiteral("latest_tag"), hit.value(u"latest_tag").toString() },
        { QStringLiteral("size"), hit.value(u"size").toInteger() },
        { QStringLiteral("platforms"), hit.value(u"platforms").toArray() } };
}

} // namespace

RegistryService::RegistryService(images::ImageService &images, QString stateFile, QObject *parent)
    : QObject(parent), images_(images), stateFile_(std::move(stateFile))
{
}

Result<> RegistryService::load()
{
    QFile file(stateFile_);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::DataLoss, QStringLiteral("open \"%1\": %2").arg(stateFile_, file.errorString()));
    const QJsonDocument document = QJsonDocument::fromJson(file.read(maxAnswer));
    if (!document.isObject())
        return fail(Code::DataLoss, QStringLiteral("\"%1\" is damaged").arg(stateFile_));
    const QJsonObject registries = document.object().value(u"registries").toObject();
    for (auto it = registries.constBegin(); it != registries.constEnd(); ++it)
        added_.insert(it.key(), it.value().toObject().value(u"insecure").toBool());
    return {};
}

Result<> RegistryService::save(const QHash<QString, bool> &added)
{
    QJsonObject registries;
    for (auto it = added.cbegin(); it != added.cend(); ++it)
        registries.insert(it.key(), QJsonObject{ { QStringLiteral("insecure"), it.value() } });
    QSaveFile file(stateFile_);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(QJsonObject{ { QStringLiteral("registries"), registries } }).toJson()) < 0
        || !file.commit())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(stateFile_, file.errorString()));
    added_ = added;
    return {};
}

QList<KnownRegistry> RegistryService::list() const
{
    const distribution::RegistryOptions &options = images_.registryOptions();
    QStringList hosts = added_.keys() + images_.loggedIn();
    for (const QString &entry : options.insecureRegistries) {
        if (!entry.contains(u'/')) // CIDRs name networks, not registries
            hosts.append(entry);
    }
    for (const QString &mirror : options.registryMirrors)
        hosts.append(QUrl(mirror).authority());
    hosts.removeDuplicates();
    hosts.sort();
    QList<KnownRegistry> known;
    for (const QString &host : std::as_const(hosts)) {
        KnownRegistry registry;
        registry.host = host;
        registry.added = added_.contains(host);
        registry.loggedIn = images_.loggedIn().contains(host);
        registry.username = registry.loggedIn ? images_.credentialsFor(host).username : QString();
        registry.insecure = added_.value(host) || distribution::isInsecure(host, options.insecureRegistries);
        registry.mirror = std::any_of(options.registryMirrors.cbegin(), options.registryMirrors.cend(),
            [&host](const QString &mirror) { return QUrl(mirror).authority() == host; });
        known.append(registry);
    }
    return known;
}

Result<> RegistryService::add(const QString &host, bool insecure)
{
    auto reference = oci::Reference::parse(host + QStringLiteral("/x"));
    if (host.isEmpty() || !reference || reference->domain != host
        || !(host.contains(u'.') || host.contains(u':') || host == u"localhost"))
        return fail(Code::InvalidArgument,
            QStringLiteral("\"%1\" is not a registry host (name[:port], e.g. registry.example.com:5000)").arg(host));
    QHash<QString, bool> next = added_;
    next.insert(host, insecure);
    return save(next);
}

Result<> RegistryService::remove(const QString &host)
{
    if (!added_.contains(host))
        return fail(Code::NotFound, QStringLiteral("no added registry %1").arg(host));
    QHash<QString, bool> next = added_;
    next.remove(host);
    return save(next);
}

distribution::RegistryOptions RegistryService::optionsFor(const QString &host) const
{
    distribution::RegistryOptions options = images_.registryOptions();
    if (added_.value(host))
        options.insecureRegistries.append(host);
    return options;
}

void RegistryService::catalog(
    const QString &host, int limit, const QString &last, std::function<void(Result<Page>)> done)
{
    connected(images_, optionsFor(host), host, {}, QStringLiteral("*"), this,
        [limit, last, done = std::move(done)](Result<distribution::RegistryClient *> client) {
            if (!client)
                return done(fail(client.error()));
            getJson(*client, pagePath(QStringLiteral("/v2/_catalog"), limit, last), QStringLiteral("catalog"),
                [done](auto answer) {
                    if (!answer)
                        return done(fail(answer.error()));
                    done(Page{ stringsOf(answer->first.value(u"repositories")), answer->second });
                });
        });
}

void RegistryService::tags(const QString &host, const QString &repository, int limit, const QString &last,
    std::function<void(Result<Page>)> done)
{
    if (auto valid = oci::validateRepositoryName(repository); !valid)
        return done(fail(valid.error()));
    connected(images_, optionsFor(host), host, repository, QStringLiteral("pull"), this,
        [repository, limit, last, done = std::move(done)](Result<distribution::RegistryClient *> client) {
            if (!client)
                return done(fail(client.error()));
            getJson(*client, pagePath(QStringLiteral("/v2/%1/tags/list").arg(repository), limit, last),
                QStringLiteral("tag list"), [done](auto answer) {
                    if (!answer)
                        return done(fail(answer.error()));
                    done(Page{ stringsOf(answer->first.value(u"tags")), answer->second });
                });
        });
}

void RegistryService::check(const QString &host, std::function<void(Result<QJsonObject>)> done)
{
    const auto answer = [host, done](const QString &search) {
        done(QJsonObject{ { QStringLiteral("host"), host }, { QStringLiteral("search"), search } });
    };
    connected(images_, optionsFor(host), distribution::searchHostOf(host), {}, QStringLiteral("search"), this,
        [done, answer](Result<distribution::RegistryClient *> client) {
            if (!client)
                return done(fail(client.error()));
            auto *probe = *client;
            // Which search answers, as searchOne tries them; a 404 from both: none.
            probe->send("GET", probe->request(QStringLiteral("/v2/_muelle/search?n=1&q=")), {},
                [probe, done, answer](Result<distribution::RegistryReply> ours) {
                    if (ours || ours.error().code != Code::NotFound) {
                        probe->deleteLater();
                        return ours ? answer(QStringLiteral("muelle")) : done(fail(ours.error()));
                    }
                    probe->send("GET", probe->request(QStringLiteral("/v1/search?n=1&q=muelle")), {},
                        [probe, done, answer](Result<distribution::RegistryReply> docker) {
                            probe->deleteLater();
                            if (docker)
                                return answer(QStringLiteral("docker"));
                            if (docker.error().code != Code::NotFound)
                                return done(fail(docker.error()));
                            answer(QStringLiteral("catalog"));
                        });
                });
        });
}

void RegistryService::search(const QString &terms, std::function<void(const QString &host, Result<QJsonArray>)> found,
    std::function<void()> finished)
{
    const QList<KnownRegistry> known = list();
    if (known.isEmpty())
        return finished();
    auto pending = std::make_shared<int>(int(known.size()));
    for (const KnownRegistry &registry : known) {
        searchOne(registry.host, terms, found, [pending, finished] {
            if (--*pending == 0)
                finished();
        });
    }
}

void RegistryService::searchOne(const QString &host, const QString &terms,
    std::function<void(const QString &host, Result<QJsonArray>)> found, std::function<void()> done)
{
    const QString query = QString::fromLatin1(QUrl::toPercentEncoding(terms));
    const auto report = [host, found, done](Result<QJsonArray> results) {
        found(host, std::move(results));
        done();
    };
    // Catalog filtering, for registries without search: the first pages' names holding every word.
    const auto filterCatalog = [this, host, terms, report] {
        const QStringList words = terms.toLower().split(u' ', Qt::SkipEmptyParts);
        auto results = std::make_shared<QJsonArray>();
        auto next = std::make_shared<std::function<void(QString, int)>>();
        *next = [this, host, words, report, results, next](const QString &last, int page) {
            catalog(host, fallbackPageSize, last, [host, words, report, results, next, page](Result<Page> names) {
                if (!names) {
                    *next = nullptr;
                    return report(fail(names.error()));
                }
                for (const QString &name : std::as_const(names->names)) {
                    if (results->size() < searchLimit
                        && std::all_of(
                            words.cbegin(), words.cend(), [&](const QString &w) { return name.contains(w); }))
                        results->append(QJsonObject{ { QStringLiteral("name"), name } });
                }
                if (names->next.isEmpty() || page + 1 >= fallbackPages || results->size() >= searchLimit) {
                    const QJsonArray found = *results;
                    *next = nullptr;
                    return report(found);
                }
                (*next)(names->next, page + 1);
            });
        };
        (*next)(QString(), 0);
    };
    const QString searchHost = distribution::searchHostOf(host);
    connected(images_, optionsFor(host), searchHost, {}, QStringLiteral("search"), this,
        [query, report, filterCatalog](Result<distribution::RegistryClient *> client) {
            if (!client)
                return report(fail(client.error()));
            // Ours first, then Docker's; a 404 from both means no search.
            auto *searcher = *client;
            searcher->send("GET", searcher->request(QStringLiteral("/v2/_muelle/search?n=25&q=") + query), {},
                [searcher, query, report, filterCatalog](Result<distribution::RegistryReply> ours) {
                    const auto resultsOf = [](const QByteArray &body) -> Result<QJsonArray> {
                        auto object = objectOf(body, QStringLiteral("search answer"));
                        if (!object)
                            return fail(object.error());
                        QJsonArray results;
                        for (const QJsonValue &hit : object->value(u"results").toArray())
                            results.append(resultOf(hit.toObject()));
                        return results;
                    };
                    if (ours) {
                        searcher->deleteLater();
                        return report(resultsOf(ours->body));
                    }
                    if (ours.error().code != Code::NotFound) {
                        searcher->deleteLater();
                        return report(fail(ours.error()));
                    }
                    searcher->send("GET", searcher->request(QStringLiteral("/v1/search?n=25&q=") + query), {},
                        [searcher, report, filterCatalog, resultsOf](Result<distribution::RegistryReply> docker) {
                            searcher->deleteLater();
                            if (docker)
                                return report(resultsOf(docker->body));
                            if (docker.error().code != Code::NotFound)
                                return report(fail(docker.error()));
                            filterCatalog();
                        });
                });
        });
}

} // namespace muelle::engine::registries
