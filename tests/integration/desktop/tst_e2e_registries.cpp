// The desktop's registries end to end, under Xvfb, against a real muelled
// on a private bus (with_engine.sh) and two real muelle-registries
// (registries.sh: `reg`, anonymous, and `auth`, under htpasswd), driven
// through the UI: add a registry, a refused login and a right one, browse
// repository → tags → a tag's layers and referrers, compare two tags, an
// index's platforms, search both registries at once from the keyboard,
// open a result, pull and run it, copy its reference, delete a tag, and
// the tray's "Search images…" — a screenshot of each step.

#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"
#include "docker.h"
#include "modeltester.h"
#include "uidriver.h"

#include <QApplication>
#include <QClipboard>
#include <QQmlApplicationEngine>
#include <QSignalSpy>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestRegistriesEndToEnd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addsARegistry();
    void refusedLoginKeepsNothing();
    void logsIn();
    void browsesRepositoriesAndTags();
    void showsATag();
    void comparesTwoTags();
    void showsAnIndexsPlatforms();
    void searchesEveryRegistry();
    void pullsAndRunsAResult();
    void deletesATag();
    void trayOpensTheSearch();
    void logsOutAndRemoves();

private:
    int registryRow(const QString &host) const { return app_->registries.rowOf(host); }
    QVariantMap registry(const QString &host) const { return app_->registries.get(registryRow(host)); }

    UiDriver ui_;
    std::unique_ptr<DesktopApp> app_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QString reg_; // anonymous
    QString auth_; // htpasswd
};

void TestRegistriesEndToEnd::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    reg_ = qEnvironmentVariable("MUELLE_TEST_REGISTRY");
    auth_ = qEnvironmentVariable("MUELLE_TEST_AUTH_REGISTRY");
    if (address.isEmpty() || auth_.isEmpty())
        QSKIP("run me through with_engine.sh registries.sh");
    QDBusConnection bus = QDBusConnection::connectToBus(address, u"e2e-registries"_s);
    QVERIFY(bus.isConnected());
    app_ = std::make_unique<DesktopApp>(std::make_unique<DbusEngineClient>(bus), QDBusConnection::sessionBus());
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             &app_->registries, &app_->repositories, &app_->tags, &app_->registrySearch, &app_->transfers })
        checkModel(*model);
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->load(QUrl(u"qrc:/qt/qml/Muelle/Main.qml"_s));
    QVERIFY(!engine_->rootObjects().isEmpty());
    ui_.window = qobject_cast<QQuickWindow *>(engine_->rootObjects().first());
    QVERIFY(ui_.window);
    ui_.window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(ui_.window));
    app_->refresh();
    QTRY_VERIFY(app_->client->isConnected());
}

void TestRegistriesEndToEnd::cleanupTestCase()
{
    docker({ u"rm"_s, u"-f"_s, u"e2e-registry-run"_s });
    engine_.reset();
    app_.reset();
}

void TestRegistriesEndToEnd::addsARegistry()
{
    ui_.show(u"registries"_s);
    QTRY_VERIFY(ui_.shows(u"registriesEmpty"_s));
    ui_.screenshot(u"registries-empty"_s);
    ui_.click(u"addRegistry"_s);
    ui_.type(u"registryHost"_s, u"not a host"_s);
    QTRY_VERIFY(!ui_.item(u"registryHostInvalid"_s)->property("text").toString().isEmpty());
    QVERIFY(!ui_.item(u"registryAccept"_s)->isEnabled());
    ui_.type(u"registryHost"_s, u"http://"_s + reg_); // a URL is taken as its host
    ui_.click(u"registryInsecure"_s);
    ui_.screenshot(u"registries-add-dialog"_s);
    ui_.click(u"registryAccept"_s);
    QTRY_VERIFY(!ui_.popupOpen(u"registryDialog"_s));
    QTRY_VERIFY(registryRow(reg_) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(registry(reg_).value(u"state"_s).toString(), u"reachable"_s, 20000);
    QCOMPARE(registry(reg_).value(u"search"_s).toString(), u"muelle"_s);
    QVERIFY(registry(reg_).value(u"added"_s).toBool());
    QVERIFY(registry(reg_).value(u"insecure"_s).toBool());
    ui_.screenshot(u"registries-added"_s);
}

void TestRegistriesEndToEnd::refusedLoginKeepsNothing()
{
    ui_.click(u"addRegistry"_s);
    ui_.type(u"registryHost"_s, auth_);
    ui_.click(u"registryInsecure"_s);
    ui_.type(u"registryUsername"_s, qEnvironmentVariable("MUELLE_TEST_AUTH_USER"));
    ui_.type(u"registryPassword"_s, u"not-the-password"_s);
    ui_.click(u"registryAccept"_s);
    // The registry's refusal, in words, in the dialog; nothing added.
    QTRY_VERIFY_WITH_TIMEOUT(!ui_.item(u"registryError"_s)->property("text").toString().isEmpty(), 20000);
    const QString error = ui_.item(u"registryError"_s)->property("text").toString();
    QVERIFY2(error.contains(u"unauthorized"_s, Qt::CaseInsensitive) || error.contains(u"denied"_s, Qt::CaseInsensitive)
            || error.contains(u"authentication"_s, Qt::CaseInsensitive),
        qPrintable(error));
    QVERIFY(ui_.popupOpen(u"registryDialog"_s));
    ui_.screenshot(u"registries-login-refused"_s);
    QTRY_VERIFY(!app_->registries.busy());
    app_->registries.refresh();
    QTest::qWait(300);
    QCOMPARE(registryRow(auth_), -1);
}

void TestRegistriesEndToEnd::logsIn()
{
    ui_.type(u"registryPassword"_s, qEnvironmentVariable("MUELLE_TEST_AUTH_PASSWORD"));
    QTest::keyClick(ui_.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!ui_.popupOpen(u"registryDialog"_s), 20000);
    QTRY_VERIFY(registryRow(auth_) >= 0);
    QVERIFY(registry(auth_).value(u"loggedIn"_s).toBool());
    QCOMPARE(registry(auth_).value(u"username"_s).toString(), qEnvironmentVariable("MUELLE_TEST_AUTH_USER"));
    QTRY_COMPARE_WITH_TIMEOUT(registry(auth_).value(u"state"_s).toString(), u"reachable"_s, 20000);
    ui_.screenshot(u"registries-logged-in"_s);
}

void TestRegistriesEndToEnd::browsesRepositoriesAndTags()
{
    QSignalSpy firstPage(&app_->repositories, &RepositoriesModel::firstPageShown);
    ui_.click(u"registryRow."_s + auth_);
    QTRY_VERIFY(firstPage.count() == 1);
    QTRY_VERIFY(!app_->repositories.loading());
    QCOMPARE(app_->repositories.nameAt(0), u"team/app"_s);
    QTRY_VERIFY(ui_.shows(u"repositoryRow.team/app"_s));
    ui_.screenshot(u"registries-repositories"_s);
    // The filter, as one types.
    ui_.type(u"repositoryFilter"_s, u"nosuch"_s);
    QTRY_COMPARE(app_->repositories.rowCount(), 0);
    QTRY_VERIFY(ui_.shows(u"repositoriesEmpty"_s));
    ui_.type(u"repositoryFilter"_s, u"APP"_s);
    QTRY_COMPARE(app_->repositories.rowCount(), 1);
    ui_.click(u"repositoryRow.team/app"_s);
    QTRY_COMPARE(app_->tags.rowCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tags.loading(), 20000);
    // Newest first: v2 was built now, v1 and the index's amd64 image are the test image's epoch.
    QCOMPARE(app_->tags.get(0).value(u"tag"_s).toString(), u"v2"_s);
    for (int row = 0; row < 3; ++row) {
        const QVariantMap tag = app_->tags.get(row);
        QVERIFY2(tag.value(u"described"_s).toBool() && tag.value(u"problem"_s).toString().isEmpty(),
            qPrintable(tag.value(u"problem"_s).toString()));
        QVERIFY(tag.value(u"size"_s).toDouble() > 0);
    }
    QCOMPARE(app_->tags.get(app_->tags.rowOf(u"multi"_s)).value(u"platforms"_s).toString(),
        u"linux/amd64, linux/arm64/v8"_s);
    QTRY_VERIFY(ui_.shows(u"tagRow.v1"_s));
    ui_.screenshot(u"registries-tags"_s);
}

void TestRegistriesEndToEnd::showsATag()
{
    ui_.click(u"tagRow.v1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading(), 20000);
    QCOMPARE(app_->tagPage.error(), QString());
    QCOMPARE(app_->tagPage.reference(), auth_ + u"/team/app:v1"_s);
    // busybox is pulled: every layer is here already.
    QCOMPARE(app_->tagPage.layers().size(), 2);
    QCOMPARE(app_->tagPage.localLayers(), 2);
    QTRY_VERIFY(ui_.shows(u"layerRow.0"_s));
    // The SBOM and the signature, by kind.
    QStringList kinds;
    for (const QVariant &referrer : app_->tagPage.referrers())
        kinds.append(referrer.toMap().value(u"kind"_s).toString());
    kinds.sort();
    QCOMPARE(kinds, QStringList({ u"sbom"_s, u"signature"_s }));
    QTRY_VERIFY(ui_.shows(u"referrerRow.sbom"_s) && ui_.shows(u"referrerRow.signature"_s));
    ui_.screenshot(u"registries-tag"_s);
    // Copy the reference.
    ui_.click(u"tagCopy"_s);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), auth_ + u"/team/app:v1"_s);
    // Scrolled to the referrers, as a user would.
    auto *flickable = ui_.item(u"tagScroll"_s)->property("contentItem").value<QQuickItem *>();
    QVERIFY(flickable);
    flickable->setProperty("contentY", ui_.item(u"tagReferrers"_s)->y());
    ui_.screenshot(u"registries-tag-referrers"_s);
}

void TestRegistriesEndToEnd::comparesTwoTags()
{
    QQuickItem *combo = ui_.item(u"compareTag"_s);
    QVERIFY(combo);
    QTRY_VERIFY(combo->property("count").toInt() == 3);
    combo->setProperty("currentIndex", app_->tags.rowOf(u"v2"_s));
    QCOMPARE(combo->property("currentText").toString(), u"v2"_s);
    ui_.click(u"compareButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app_->tagPage.comparison().value(u"loading"_s) == false, 20000);
    const QVariantMap comparison = app_->tagPage.comparison();
    QCOMPARE(comparison.value(u"error"_s).toString(), QString());
    QCOMPARE(comparison.value(u"shared"_s).toInt(), 2); // busybox's two layers
    QCOMPARE(comparison.value(u"onlyFirst"_s).toList().size(), 0);
    QCOMPARE(comparison.value(u"onlySecond"_s).toList().size(), 1); // RUN echo v2
    QVERIFY(comparison.value(u"delta"_s).toDouble() > 0);
    QTRY_VERIFY(ui_.shows(u"comparisonSummary"_s));
    auto *flickable = ui_.item(u"tagScroll"_s)->property("contentItem").value<QQuickItem *>();
    flickable->setProperty("contentY", ui_.item(u"tagCompare"_s)->y());
    ui_.screenshot(u"registries-compare"_s);
}

void TestRegistriesEndToEnd::showsAnIndexsPlatforms()
{
    ui_.click(u"tagBack"_s);
    QTRY_VERIFY(ui_.shows(u"tagRow.multi"_s));
    ui_.click(u"tagRow.multi"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading() && app_->tagPage.platforms().size() == 2, 20000);
    QCOMPARE(app_->tagPage.platform(), u"linux/amd64"_s);
    QTRY_VERIFY(ui_.shows(u"platformRow.linux/arm64/v8"_s));
    ui_.screenshot(u"registries-index"_s);
    // The other platform's image: its own layer, not here.
    ui_.click(u"platformRow.linux/arm64/v8"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading() && app_->tagPage.platform() == u"linux/arm64/v8"_s, 20000);
    QCOMPARE(app_->tagPage.localLayers(), 0);
}

void TestRegistriesEndToEnd::searchesEveryRegistry()
{
    ui_.window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(ui_.window));
    QTest::keyClick(ui_.window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(ui_.shows(u"searchField"_s));
    QSignalSpy finished(&app_->registrySearch, &RegistrySearch::finished);
    ui_.keys(u"app"_s);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 20000);
    // One group per registry, each with its own result.
    QStringList found;
    for (int row = 0; row < app_->registrySearch.rowCount(); ++row) {
        const QVariantMap hit = app_->registrySearch.get(row);
        found.append(hit.value(u"kind"_s).toString() + u' ' + hit.value(u"registry"_s).toString() + u'/'
            + hit.value(u"name"_s).toString());
    }
    QVERIFY2(found.contains(u"result "_s + auth_ + u"/team/app"_s), qPrintable(found.join(u", "_s)));
    QVERIFY2(found.contains(u"result "_s + reg_ + u"/test/app-anon"_s), qPrintable(found.join(u", "_s)));
    QTRY_VERIFY(ui_.shows(u"searchGroup."_s + auth_) && ui_.shows(u"searchGroup."_s + reg_));
    ui_.screenshot(u"registries-search"_s);
    // The keyboard: Down to the auth registry's result, Enter opens its latest tag.
    const int authRow = [&] {
        for (int row = 0; row < app_->registrySearch.rowCount(); ++row) {
            if (app_->registrySearch.get(row).value(u"registry"_s) == auth_)
                return row;
        }
        return -1;
    }();
    QVERIFY(authRow >= 0);
    QQuickItem *list = ui_.item(u"searchResults"_s);
    while (list->property("currentIndex").toInt() != authRow) {
        const int before = list->property("currentIndex").toInt();
        QTest::keyClick(ui_.window, before < authRow ? Qt::Key_Down : Qt::Key_Up);
        QTRY_VERIFY(list->property("currentIndex").toInt() != before);
    }
    const QString latest = app_->registrySearch.get(authRow).value(u"latestTag"_s).toString();
    QVERIFY(!latest.isEmpty());
    QTest::keyClick(ui_.window, Qt::Key_Return);
    QTRY_VERIFY(!ui_.popupOpen(u"searchDialog"_s));
    QTRY_COMPARE(app_->tagPage.reference(), auth_ + u"/team/app:"_s + latest);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading(), 20000);
    QCOMPARE(app_->tagPage.error(), QString());
    ui_.screenshot(u"registries-search-opened"_s);
}

void TestRegistriesEndToEnd::pullsAndRunsAResult()
{
    app_->tagPage.open(auth_ + u"/team/app:v2"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading(), 20000);
    QCOMPARE(app_->tagPage.localLayers(), 2); // busybox's; v2's own is not here yet
    ui_.click(u"tagRun"_s);
    // Pulled (its progress on the transfers list), then the run dialog for it.
    QTRY_VERIFY_WITH_TIMEOUT(ui_.shows(u"run.image"_s), 60000);
    QCOMPARE(ui_.item(u"run.image"_s)->property("text").toString(), auth_ + u"/team/app:v2"_s);
    QCOMPARE(app_->transfers.index(0).data(TransfersModel::ErrorRole).toString(), QString());
    ui_.item(u"run.name"_s)->setProperty("text", u"e2e-registry-run"_s);
    ui_.item(u"run.command"_s)->setProperty("text", u"sh -c 'cat /version; sleep 300'"_s);
    ui_.screenshot(u"registries-run-dialog"_s);
    ui_.click(u"run.accept"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"e2e-registry-run"_s }), u"running"_s, 30000);
    QTRY_COMPARE(docker({ u"logs"_s, u"e2e-registry-run"_s }), u"v2"_s);
    QTRY_COMPARE(ui_.window->property("currentPage").toString(), u"container"_s);
    ui_.screenshot(u"registries-ran"_s);
}

void TestRegistriesEndToEnd::deletesATag()
{
    ui_.show(u"registries"_s);
    app_->tagPage.open(auth_ + u"/team/app:multi"_s);
    ui_.window->setProperty("currentPage", u"registries"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading(), 20000);
    QSignalSpy deleted(&app_->tagPage, &TagDetails::deleted);
    ui_.click(u"tagDelete"_s);
    QTRY_VERIFY(ui_.shows(u"confirmBody"_s));
    ui_.screenshot(u"registries-delete-confirm"_s);
    ui_.click(u"confirmAccept"_s);
    QTRY_VERIFY_WITH_TIMEOUT(deleted.count() == 1, 20000);
    // Gone from the registry, and from the list; the other tags stay.
    QTRY_VERIFY_WITH_TIMEOUT(app_->tags.rowOf(u"multi"_s) < 0 && app_->tags.rowCount() == 2, 20000);
    QTRY_VERIFY(ui_.shows(u"tagRow.v1"_s));
}

void TestRegistriesEndToEnd::trayOpensTheSearch()
{
    auto *tray = ui_.window->findChild<QObject *>(u"tray"_s);
    QVERIFY(tray);
    QVERIFY(QMetaObject::invokeMethod(tray, "searchRequested"));
    QTRY_VERIFY(ui_.shows(u"searchField"_s));
    QTRY_VERIFY(ui_.item(u"searchField"_s)->hasActiveFocus());
    QTest::keyClick(ui_.window, Qt::Key_Escape);
    QTRY_VERIFY(!ui_.popupOpen(u"searchDialog"_s));
}

void TestRegistriesEndToEnd::logsOutAndRemoves()
{
    ui_.click(ui_.item(u"registryRow."_s + auth_), u"logout"_s);
    QTRY_VERIFY(registryRow(auth_) >= 0 && !registry(auth_).value(u"loggedIn"_s).toBool());
    ui_.click(ui_.item(u"registryRow."_s + auth_), u"remove"_s);
    QTRY_VERIFY(ui_.shows(u"confirmBody"_s));
    ui_.click(u"confirmAccept"_s);
    QTRY_COMPARE(registryRow(auth_), -1);
    ui_.screenshot(u"registries-removed"_s);
}

int main(int argc, char *argv[])
{
    chooseSceneGraph();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Muelle e2e registries"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    chooseAppearance();
    TestRegistriesEndToEnd test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_e2e_registries.moc"
