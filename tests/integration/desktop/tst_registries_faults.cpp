// The desktop's registry models (Registries, Repositories, Tags, TagPage,
// RegistrySearch) over a real muelled on a private bus, against registries
// that misbehave (registries_faults.sh): each fault is said in words where
// the user looks, nothing is kept that should not be, and the engine keeps
// answering the app while a registry hangs. No timing is asserted: what
// "responsive" means here is an order — the engine answers another call
// while the hung registry's is still out.

#include "answer.h"
#include "desktop/dbusengineclient.h"
#include "desktop/registries/registriesmodel.h"
#include "desktop/registries/registrysearch.h"
#include "desktop/registries/repositoriesmodel.h"
#include "desktop/registries/tagdetails.h"
#include "desktop/registries/tagsmodel.h"
#include "docker.h"
#include "modeltester.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestRegistriesFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unreachableRegistries();
    void aRegistryThatHangs();
    void garbageJson();
    void aHugeCatalogPage();
    void aManifestWithMissingBlobs();
    void aTagDeletedWhileShown();
    void hostileSearchTerms();
    void anonymousProbing();
    void aRegistryWithoutSearch();

private:
    // Adds `host` (insecure) through the model, and waits for its check.
    void add(const QString &host);
    QVariantMap row(const QString &host) const { return registries_->get(registries_->rowOf(host)); }
    // The rows of a finished search for `terms`.
    QList<QVariantMap> search(const QString &terms);

    std::unique_ptr<DbusEngineClient> client_;
    std::unique_ptr<RegistriesModel> registries_;
    QString reg_;
};

void TestRegistriesFaults::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty() || qEnvironmentVariableIsEmpty("MUELLE_TEST_HOSTILE_GARBAGE"))
        QSKIP("run me through with_engine.sh registries_faults.sh");
    reg_ = qEnvironmentVariable("MUELLE_TEST_REGISTRY");
    client_ = std::make_unique<DbusEngineClient>(QDBusConnection::connectToBus(address, u"faults"_s));
    QTRY_VERIFY(client_->isConnected());
    registries_ = std::make_unique<RegistriesModel>(*client_);
    checkModel(*registries_);
    registries_->refresh();
}

void TestRegistriesFaults::add(const QString &host)
{
    QSignalSpy answered(registries_.get(), &RegistriesModel::answered);
    registries_->add(host, true, {}, {});
    QTRY_VERIFY_WITH_TIMEOUT(answered.count() == 1, 30000);
    QCOMPARE(answered.first().at(1).toString(), QString());
    QTRY_VERIFY(registries_->rowOf(host) >= 0);
}

QList<QVariantMap> TestRegistriesFaults::search(const QString &terms)
{
    RegistrySearch model(*client_);
    checkModel(model);
    QSignalSpy finished(&model, &RegistrySearch::finished);
    model.setTerms(terms);
    model.searchNow();
    QList<QVariantMap> rows;
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 60000)) {
        qWarning() << "no end to the search for" << terms.left(40);
        return rows;
    }
    for (int i = 0; i < model.rowCount(); ++i)
        rows.append(model.get(i));
    return rows;
}

void TestRegistriesFaults::unreachableRegistries()
{
    const QString refused = qEnvironmentVariable("MUELLE_TEST_REFUSED");
    add(refused);
    QTRY_COMPARE_WITH_TIMEOUT(row(refused).value(u"state"_s).toString(), u"unreachable"_s, 30000);
    QVERIFY2(row(refused).value(u"problem"_s).toString().contains(u"refused"_s, Qt::CaseInsensitive),
        qPrintable(row(refused).value(u"problem"_s).toString()));
    RepositoriesModel repositories(*client_);
    repositories.open(refused);
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 30000);
    QVERIFY2(
        repositories.lastError().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(repositories.lastError()));
    QCOMPARE(repositories.rowCount(), 0);
}

void TestRegistriesFaults::aRegistryThatHangs()
{
    const QString hang = qEnvironmentVariable("MUELLE_TEST_HOSTILE_HANG");
    add(hang);
    RepositoriesModel repositories(*client_);
    repositories.open(hang);
    QVERIFY(repositories.loading());
    // The engine answers other calls meanwhile: a list, and a search whose
    // other registries answer before the hung one fails.
    const auto listed = answerOf<QJsonArray>([&](auto done) { client_->listRegistries(done); });
    QVERIFY2(listed, failureOf(listed).constData());
    QVERIFY(repositories.loading());
    RegistrySearch search(*client_);
    QStringList order;
    // Connected for as long as `search` lives (`order` goes with it).
    connect(client_.get(), &EngineClient::searchResults, &search,
        [&order](const QString &, const QString &registry, const QJsonArray &) { order.append(registry); });
    connect(client_.get(), &EngineClient::searchFailed, &search,
        [&order](const QString &, const QString &registry, const QString &) { order.append(registry); });
    QSignalSpy finished(&search, &RegistrySearch::finished);
    search.setTerms(u"busybox"_s);
    search.searchNow();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY2(order.size() >= 2 && order.last() == hang, qPrintable(order.join(u", "_s)));
    // Then the hung registry's own answer: a timeout, in words.
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 60000);
    QVERIFY2(repositories.lastError().contains(u"time"_s, Qt::CaseInsensitive)
            || repositories.lastError().contains(u"cancel"_s, Qt::CaseInsensitive),
        qPrintable(repositories.lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(row(hang).value(u"state"_s).toString(), u"unreachable"_s, 60000);
    registries_->remove(hang); // the searches after this one need not wait for it
}

void TestRegistriesFaults::garbageJson()
{
    const QString garbage = qEnvironmentVariable("MUELLE_TEST_HOSTILE_GARBAGE");
    add(garbage);
    RepositoriesModel repositories(*client_);
    repositories.open(garbage);
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 30000);
    QVERIFY2(repositories.lastError().contains(u"not JSON"_s), qPrintable(repositories.lastError()));
    TagsModel tags(*client_);
    tags.open(garbage, u"some/repo"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!tags.loading(), 30000);
    QVERIFY2(tags.lastError().contains(u"not JSON"_s), qPrintable(tags.lastError()));
    TagDetails page(*client_);
    page.open(garbage + u"/some/repo:v1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QVERIFY2(!page.error().isEmpty(), "a garbage manifest is an error");
    QVERIFY(page.layers().isEmpty());
    bool failedHere = false;
    for (const QVariantMap &hit : search(u"repo"_s)) {
        if (hit.value(u"registry"_s) == garbage)
            failedHere
                = hit.value(u"kind"_s) == u"failed"_s && hit.value(u"description"_s).toString().contains(u"not JSON"_s);
    }
    QVERIFY(failedHere);
    registries_->remove(garbage);
}

void TestRegistriesFaults::aHugeCatalogPage()
{
    const QString huge = qEnvironmentVariable("MUELLE_TEST_HOSTILE_HUGE");
    add(huge);
    RepositoriesModel repositories(*client_);
    repositories.open(huge);
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 60000);
    QVERIFY2(repositories.lastError().contains(u"larger than"_s), qPrintable(repositories.lastError()));
    QCOMPARE(repositories.rowCount(), 0);
    // The engine is fine, and a search through the catalog says the same.
    bool said = false;
    for (const QVariantMap &hit : search(u"repo"_s)) {
        if (hit.value(u"registry"_s) == huge)
            said = hit.value(u"kind"_s) == u"failed"_s
                && hit.value(u"description"_s).toString().contains(u"larger than"_s);
    }
    QVERIFY(said);
    QVERIFY(answerOf<QJsonArray>([&](auto done) { client_->listRegistries(done); }));
    registries_->remove(huge);
}

void TestRegistriesFaults::aManifestWithMissingBlobs()
{
    const QString missing = qEnvironmentVariable("MUELLE_TEST_HOSTILE_MISSING");
    add(missing);
    TagsModel tags(*client_);
    checkModel(tags);
    tags.open(missing, u"broken/app"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!tags.loading() && tags.rowCount() == 1, 30000);
    const QVariantMap v1 = tags.get(0);
    QVERIFY(v1.value(u"described"_s).toBool());
    QVERIFY2(!v1.value(u"problem"_s).toString().isEmpty(), "the tag's row says it cannot be read");
    TagDetails page(*client_);
    page.open(missing + u"/broken/app:v1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QVERIFY2(page.error().contains(u"unknown"_s, Qt::CaseInsensitive) || page.error().contains(u"not"_s),
        qPrintable(page.error()));
    registries_->remove(missing);
}

void TestRegistriesFaults::aTagDeletedWhileShown()
{
    add(reg_);
    QProcess copy;
    copy.start(u"skopeo"_s,
        { u"--policy"_s, qEnvironmentVariable("POLICY"), u"copy"_s, u"--src-tls-verify=false"_s,
            u"--dest-tls-verify=false"_s, u"docker://"_s + reg_ + u"/test/busybox:v1"_s,
            u"docker://"_s + reg_ + u"/test/busybox:doomed"_s });
    QVERIFY(copy.waitForFinished(60000));
    QVERIFY2(copy.exitCode() == 0, copy.readAllStandardError().constData());
    TagsModel tags(*client_);
    tags.open(reg_, u"test/busybox"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!tags.loading() && tags.rowOf(u"doomed"_s) >= 0, 30000);
    TagDetails page(*client_);
    page.open(reg_ + u"/test/busybox:doomed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QCOMPARE(page.error(), QString());
    // Someone else deletes it meanwhile (the engine, as another user's app would).
    const auto gone
        = answerOf<void>([&](auto done) { client_->deleteRegistryTag(reg_ + u"/test/busybox:doomed"_s, done); });
    QVERIFY2(gone, failureOf(gone).constData());
    // Deleting it again from the page: the registry's words, nothing else touched.
    QSignalSpy failed(&page, &TagDetails::deleteFailed);
    page.deleteTag();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
    QVERIFY2(failed.first().at(0).toString().contains(u"unknown"_s, Qt::CaseInsensitive)
            || failed.first().at(0).toString().contains(u"not found"_s, Qt::CaseInsensitive),
        qPrintable(failed.first().at(0).toString()));
    // Shown again: said gone; the list no longer has it, v1 stays.
    page.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QVERIFY2(!page.error().isEmpty(), "a deleted tag's page says so");
    QVERIFY(page.layers().isEmpty());
    tags.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!tags.loading(), 30000);
    QCOMPARE(tags.rowOf(u"doomed"_s), -1);
    QVERIFY(tags.rowOf(u"v1"_s) >= 0);
}

void TestRegistriesFaults::hostileSearchTerms()
{
    const QStringList hostile{ uR"("quoted" 'single' "unbalanced)"_s, u"100% _ %25 \\"_s, u"ünïcödé 日本語 🐳"_s,
        u"NEAR(a b) OR * AND - ^ :"_s, u"'; DROP TABLE repositories; --"_s, QString(10240, u'a'), QString(2000, u'"') };
    for (const QString &terms : hostile) {
        const QList<QVariantMap> rows = search(terms);
        QVERIFY2(!rows.isEmpty(), qPrintable(terms.left(40)));
        for (const QVariantMap &hit : rows) {
            const QString words = hit.value(u"description"_s).toString();
            // Nothing found is fine; the database's words never reach the user.
            for (const QString &leak : { u"fts5"_s, u"sql"_s, u"syntax error"_s, u"sqlite"_s })
                QVERIFY2(!words.contains(leak, Qt::CaseInsensitive), qPrintable(terms.left(40) + u": "_s + words));
        }
        // Our own registry answers every one of them (no failure there).
        bool regAnswered = false;
        for (const QVariantMap &hit : rows)
            regAnswered = regAnswered || (hit.value(u"registry"_s) == reg_ && hit.value(u"kind"_s) != u"failed"_s);
        QVERIFY2(regAnswered, qPrintable(terms.left(40)));
    }
    // The field keeps 256 characters of a pasted page.
    RegistrySearch model(*client_);
    model.setTerms(QString(10240, u'b'));
    QCOMPARE(model.terms().size(), RegistrySearch::maxTerms);
}

void TestRegistriesFaults::anonymousProbing()
{
    const QString token = qEnvironmentVariable("MUELLE_TEST_TOKEN_REGISTRY");
    add(token);
    QTRY_COMPARE_WITH_TIMEOUT(row(token).value(u"state"_s).toString(), u"reachable"_s, 30000);
    QVERIFY(!row(token).value(u"loggedIn"_s).toBool());
    // Not logged in: public/* is found, the private repository never shows.
    bool publicFound = false;
    for (const QString &terms : { u"tools"_s, u"secret"_s, u"plans"_s, u"private"_s, u"v1"_s, u"*"_s }) {
        for (const QVariantMap &hit : search(terms)) {
            if (hit.value(u"registry"_s) != token)
                continue;
            QVERIFY2(!hit.value(u"name"_s).toString().contains(u"secret"_s), qPrintable(terms));
            QVERIFY2(!hit.value(u"description"_s).toString().contains(u"secret"_s), qPrintable(terms));
            publicFound = publicFound || hit.value(u"name"_s) == u"public/tools"_s;
        }
    }
    QVERIFY(publicFound);
    RepositoriesModel repositories(*client_);
    repositories.open(token);
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 30000);
    for (int i = 0; i < repositories.rowCount(); ++i)
        QVERIFY(!repositories.nameAt(i).contains(u"secret"_s));
    TagDetails page(*client_);
    page.open(token + u"/private/secret-plans:v1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QVERIFY2(!page.error().isEmpty(), "an anonymous caller cannot describe a private image");
}

// CNCF Distribution has no search: the app is told so, and finds names in
// its catalog; browsing and describing work as anywhere.
void TestRegistriesFaults::aRegistryWithoutSearch()
{
    const QString dist = qEnvironmentVariable("MUELLE_TEST_DISTRIBUTION");
    add(dist);
    QTRY_COMPARE_WITH_TIMEOUT(row(dist).value(u"state"_s).toString(), u"reachable"_s, 30000);
    QCOMPARE(row(dist).value(u"search"_s).toString(), u"catalog"_s);
    bool found = false;
    for (const QVariantMap &hit : search(u"tools-dist"_s))
        found = found || (hit.value(u"registry"_s) == dist && hit.value(u"name"_s) == u"team/tools-dist"_s);
    QVERIFY(found);
    RepositoriesModel repositories(*client_);
    repositories.open(dist);
    QTRY_VERIFY_WITH_TIMEOUT(!repositories.loading(), 30000);
    QCOMPARE(repositories.nameAt(0), u"team/tools-dist"_s);
    TagsModel tags(*client_);
    tags.open(dist, u"team/tools-dist"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!tags.loading() && tags.rowCount() == 1, 30000);
    QVERIFY(tags.get(0).value(u"size"_s).toDouble() > 0);
    TagDetails page(*client_);
    page.open(dist + u"/team/tools-dist:v1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 30000);
    QCOMPARE(page.error(), QString());
    QCOMPARE(page.layers().size(), 2);
}

QTEST_GUILESS_MAIN(TestRegistriesFaults)
#include "tst_registries_faults.moc"
