// Every page and dialog of muelle-desktop as users see them, against a real
// muelled (with_engine.sh; gallery.sh made the containers, volume and network
// shown), in the variant gallery.sh runs this in (MUELLE_GALLERY_VARIANT:
// scale 1, QT_SCALE_FACTOR=2 at 1024×640, right to left), light and dark.
// Each view is saved to $MUELLE_ARTIFACTS/gallery/VARIANT-THEME-VIEW.png and
// checked by layoutcheck.h: a word cut short, spilling out or drawn over
// another fails the test, naming the view and the item.

#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"
#include "docker.h"
#include "layoutcheck.h"
#include "uidriver.h"

#include <QApplication>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

#include <functional>

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestGallery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyView_data();
    void everyView();

private:
    struct View {
        QString name;
        std::function<void()> show;
        std::function<void()> hide;
    };
    QList<View> views();
    QQuickItem *item(const QString &objectName, bool prefix = false);
    QObject *object(const QString &objectName);
    void click(QQuickItem *target);
    void page(const QString &name);

    std::unique_ptr<DesktopApp> app_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow *window_ = nullptr;
    QString variant_;
    QString directory_;
};

QQuickItem *TestGallery::item(const QString &objectName, bool prefix)
{
    return findItem(window_->contentItem(), objectName, prefix);
}

QObject *TestGallery::object(const QString &objectName)
{
    return window_->findChild<QObject *>(objectName);
}

void TestGallery::click(QQuickItem *target)
{
    QVERIFY(target);
    const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(window_, Qt::LeftButton, {}, centre.toPoint());
}

void TestGallery::page(const QString &name)
{
    window_->setProperty("currentPage", name);
}

void TestGallery::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty())
        QSKIP("MUELLE_TEST_BUS is not set: run me through with_engine.sh (gallery.sh)");
    variant_ = qEnvironmentVariable("MUELLE_GALLERY_VARIANT", u"scale1"_s);
    directory_
        = qEnvironmentVariable("MUELLE_ARTIFACTS", QCoreApplication::applicationDirPath() + u"/../test-artifacts"_s)
        + u"/gallery"_s;
    QDir().mkpath(directory_);
    QDBusConnection bus = QDBusConnection::connectToBus(address, u"gallery"_s);
    QVERIFY(bus.isConnected());
    app_ = std::make_unique<DesktopApp>(std::make_unique<DbusEngineClient>(bus), QDBusConnection(u"no-session-bus"_s));
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->load(QUrl(u"qrc:/qt/qml/Muelle/Main.qml"_s));
    QVERIFY(!engine_->rootObjects().isEmpty());
    window_ = qobject_cast<QQuickWindow *>(engine_->rootObjects().first());
    QVERIFY(window_);
    const QStringList size = qEnvironmentVariable("MUELLE_GALLERY_SIZE", u"1280x800"_s).split(u'x');
    window_->resize(size.value(0).toInt(), size.value(1).toInt());
    QVERIFY(QTest::qWaitForWindowExposed(window_));
    app_->refresh();
    QTRY_VERIFY(app_->client->isConnected());
    QTRY_VERIFY(app_->containers.rowCount() >= 2 && app_->images.rowCount() >= 1 && app_->volumes.rowCount() >= 1);
}

void TestGallery::cleanupTestCase()
{
    engine_.reset();
    app_.reset();
}

QList<TestGallery::View> TestGallery::views()
{
    const auto closePopup = [this](const QString &name) {
        return [this, name] {
            if (QObject *popup = object(name))
                QMetaObject::invokeMethod(popup, "close");
        };
    };
    const auto container = [this](const QString &name, int tab) {
        return [this, name, tab] {
            const QString id = docker({ u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, name });
            QMetaObject::invokeMethod(window_, "openContainer", Q_ARG(QVariant, id));
            QTRY_COMPARE(app_->details.property("name").toString(), name);
            QTRY_VERIFY(item(u"containerTabs"_s));
            item(u"containerTabs"_s)->setProperty("currentIndex", tab);
        };
    };
    return {
        { u"dashboard"_s, [this] { page(u"dashboard"_s); }, {} },
        { u"containers"_s, [this] { page(u"containers"_s); }, {} },
        { u"containers-empty-search"_s,
            [this] {
                page(u"containers"_s);
                QTRY_VERIFY(item(u"containersSearch"_s));
                item(u"containersSearch"_s)->setProperty("text", u"no-such-container"_s);
            },
            [this] { item(u"containersSearch"_s)->setProperty("text", QString()); } },
        { u"container-overview"_s, container(u"web"_s, 0), {} },
        { u"container-logs"_s, container(u"web"_s, 1), {} },
        { u"container-stats"_s, container(u"web"_s, 2), {} },
        { u"container-processes"_s, container(u"web"_s, 3), {} },
        { u"container-empty-logs"_s, container(u"batch"_s, 1), {} },
        { u"run-dialog"_s,
            [this] {
                QVERIFY(QMetaObject::invokeMethod(object(u"runDialog"_s), "openFor", Q_ARG(QVariant, u"busybox"_s)));
                QTRY_VERIFY(item(u"run.image"_s) && item(u"run.image"_s)->isVisible());
            },
            closePopup(u"runDialog"_s) },
        { u"images"_s, [this] { page(u"images"_s); }, {} },
        { u"image-history"_s,
            [this] {
                page(u"images"_s);
                QTRY_VERIFY(item(u"imageRow."_s, true));
                click(item(u"imageRow."_s, true));
                QTRY_VERIFY(item(u"historySteps"_s) && item(u"historySteps"_s)->isVisible());
                QTRY_VERIFY(app_->imageHistory.rowCount() > 0);
            },
            closePopup(u"imageHistory"_s) },
        { u"tag-dialog"_s,
            [this] {
                page(u"images"_s);
                QTRY_VERIFY(object(u"tagDialog"_s));
                QMetaObject::invokeMethod(object(u"tagDialog"_s), "openFor",
                    Q_ARG(QVariant, app_->images.get(0).value(u"key"_s)), Q_ARG(QVariant, u"busybox"_s));
                QTRY_VERIFY(item(u"tagTarget"_s) && item(u"tagTarget"_s)->isVisible());
                item(u"tagTarget"_s)->setProperty("text", u"Not A Name!"_s); // the inline validation shows
            },
            closePopup(u"tagDialog"_s) },
        { u"volumes"_s,
            [this] {
                page(u"volumes"_s);
                // Made through the page: its toast shows.
                QTRY_VERIFY(item(u"volumeName"_s) && item(u"volumeName"_s)->isVisible());
                item(u"volumeName"_s)->setProperty("text", u"gallery-"_s + variant_);
                click(item(u"volumeCreate"_s));
                QTRY_VERIFY(app_->volumes.rowOf(u"gallery-"_s + variant_) >= 0);
            },
            [] {
                docker({ u"volume"_s, u"rm"_s, u"-f"_s,
                    u"gallery-"_s + qEnvironmentVariable("MUELLE_GALLERY_VARIANT", u"scale1"_s) });
            } },
        { u"confirm-remove"_s,
            [this] {
                page(u"volumes"_s);
                QTRY_VERIFY(item(u"volumeRow.data"_s));
                click(findItem(item(u"volumeRow.data"_s), u"remove"_s));
                QTRY_VERIFY(item(u"confirmBody"_s) && item(u"confirmBody"_s)->isVisible());
            },
            closePopup(u"confirmDialog"_s) },
        { u"networks"_s, [this] { page(u"networks"_s); }, {} },
        { u"registries"_s,
            [this] {
                // The test registry, known and browsed: its repositories.
                const QString reg = qEnvironmentVariable("MUELLE_TEST_REGISTRY");
                if (app_->registries.rowOf(reg) < 0)
                    app_->registries.add(reg, true, {}, {});
                QTRY_VERIFY(app_->registries.rowOf(reg) >= 0);
                QTRY_COMPARE_WITH_TIMEOUT(
                    app_->registries.get(app_->registries.rowOf(reg)).value(u"state"_s).toString(), u"reachable"_s,
                    20000);
                page(u"registries"_s);
                QTRY_VERIFY(item(u"registryRow."_s + reg));
                click(item(u"registryRow."_s + reg));
                QTRY_VERIFY(item(u"repositoryRow.test/busybox"_s));
            },
            {} },
        { u"registry-tag"_s,
            [this] {
                page(u"registries"_s);
                QTRY_VERIFY(item(u"registriesPage"_s));
                QMetaObject::invokeMethod(item(u"registriesPage"_s), "openTag",
                    Q_ARG(QVariant, qEnvironmentVariable("MUELLE_TEST_REGISTRY")), Q_ARG(QVariant, u"test/busybox"_s),
                    Q_ARG(QVariant, u"v1"_s));
                QTRY_VERIFY_WITH_TIMEOUT(!app_->tagPage.loading() && item(u"layerRow.0"_s), 20000);
            },
            {} },
        { u"registry-dialog"_s,
            [this] {
                page(u"registries"_s);
                QTRY_VERIFY(object(u"registryDialog"_s));
                QMetaObject::invokeMethod(object(u"registryDialog"_s), "openToAdd");
                QTRY_VERIFY(item(u"registryHost"_s) && item(u"registryHost"_s)->isVisible());
                item(u"registryHost"_s)->setProperty("text", u"not a host"_s); // the inline validation shows
            },
            closePopup(u"registryDialog"_s) },
        { u"search"_s,
            [this] {
                QSignalSpy finished(&app_->registrySearch, &RegistrySearch::finished);
                QMetaObject::invokeMethod(window_, "openSearch");
                app_->registrySearch.setTerms(u"busybox"_s);
                app_->registrySearch.searchNow();
                QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 20000);
            },
            closePopup(u"searchDialog"_s) },
        { u"notifications"_s,
            [this] {
                QTRY_VERIFY(item(u"nav.notifications"_s));
                click(item(u"nav.notifications"_s));
                QTRY_VERIFY(item(u"notificationList"_s) && item(u"notificationList"_s)->isVisible());
            },
            closePopup(u"notificationDrawer"_s) },
    };
}

void TestGallery::everyView_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << u"light"_s;
    QTest::newRow("dark") << u"dark"_s;
}

void TestGallery::everyView()
{
    QFETCH(QString, theme);
    app_->preferences.setThemeForRun(theme);
    QTRY_VERIFY(item(u"themeChoice"_s));
    qInfo() << "theme" << app_->preferences.theme() << item(u"themeChoice"_s)->property("currentIndex")
            << window_->color();
    QStringList failures;
    for (const View &view : views()) {
        view.show();
        if (QTest::currentTestFailed())
            return;
        QTest::mouseMove(window_, QPoint(window_->width() - 2, window_->height() - 2)); // no tooltip in the picture
        QTest::qWait(700); // laid out, a frame or two with the latest data
        const QString path = directory_ + u'/' + variant_ + u'-' + theme + u'-' + view.name + u".png"_s;
        QVERIFY2(window_->grabWindow().save(path), qPrintable(path));
        for (const QString &problem : layoutcheck::problems(window_))
            failures << view.name + u": "_s + problem;
        if (view.hide)
            view.hide();
        QTest::qWait(300); // popups' exit transitions
    }
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
}

int main(int argc, char *argv[])
{
    chooseSceneGraph();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Muelle gallery"_s);
    chooseAppearance();
    TestGallery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gallery.moc"
