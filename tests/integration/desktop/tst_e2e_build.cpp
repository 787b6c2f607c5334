// The build wizard end to end, under Xvfb, against a real muelled on a
// private bus (with_engine.sh, e2e.sh), driven through the UI: start from
// nothing (the busybox httpd site), build it, push it to the test
// registry, run it and fetch its page from the host; a folder whose RUN
// fails, Edit and retry at the failing line, then success; a multi-stage
// folder built for a chosen target with a build arg; a cancelled build —
// a screenshot of every step.

#include "buildhelpers.h"
#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"
#include "docker.h"
#include "modeltester.h"
#include "uidriver.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestBuildWizard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startFromNothingBuildPushRun();
    void editAndRetry();
    void aTargetAndAnArg();
    void cancel();

private:
    void openWizard();
    int step() const { return ui_.window->findChild<QObject *>(u"buildWizard"_s)->property("step").toInt(); }
    void next(int expected);
    // From wherever the wizard is (the last test's result) back to its first step.
    void backToSource();

    UiDriver ui_;
    std::unique_ptr<DesktopApp> app_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QTemporaryDir scratch_;
};

void TestBuildWizard::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty())
        QSKIP("run me through with_engine.sh e2e.sh");
    app_ = std::make_unique<DesktopApp>(
        std::make_unique<DbusEngineClient>(QDBusConnection::connectToBus(address, u"e2e-build"_s)),
        QDBusConnection::sessionBus());
    checkModel(app_->build);
    checkModel(app_->transfers);
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->load(QUrl(u"qrc:/qt/qml/Muelle/Main.qml"_s));
    QVERIFY(!engine_->rootObjects().isEmpty());
    ui_.window = qobject_cast<QQuickWindow *>(engine_->rootObjects().first());
    ui_.window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(ui_.window));
    app_->refresh();
    QTRY_VERIFY(app_->client->isConnected());
}

void TestBuildWizard::cleanupTestCase()
{
    docker({ u"rm"_s, u"-f"_s, u"wizard-e2e"_s });
    engine_.reset();
    app_.reset();
}

void TestBuildWizard::openWizard()
{
    ui_.show(u"images"_s);
    ui_.click(u"buildImage"_s);
    QTRY_VERIFY(ui_.popupOpen(u"buildWizard"_s));
}

void TestBuildWizard::next(int expected)
{
    ui_.click(u"wizardNext"_s);
    QTRY_COMPARE_WITH_TIMEOUT(step(), expected, 20000);
}

void TestBuildWizard::backToSource()
{
    while (step() > 0) {
        const int before = step();
        ui_.click(u"wizardBack"_s);
        QTRY_VERIFY(step() < before);
    }
}

void TestBuildWizard::startFromNothingBuildPushRun()
{
    openWizard();
    ui_.screenshot(u"build-1-source"_s);
    ui_.click(u"sourceNothing"_s);
    const QString folder = scratch_.filePath(u"site"_s);
    ui_.type(u"newFolder"_s, folder);
    QTRY_VERIFY(ui_.item(u"formPreview"_s)->property("text").toString().contains(u"httpd"_s));
    ui_.screenshot(u"build-1-from-nothing"_s);
    next(1);
    QTRY_VERIFY_WITH_TIMEOUT(!app_->buildWizard.checking() && !app_->buildWizard.counting(), 20000);
    QVERIFY(app_->buildWizard.errors().isEmpty());
    QCOMPARE(app_->buildWizard.contextFiles(), 2); // Dockerfile, site/index.html
    ui_.screenshot(u"build-2-dockerfile"_s);
    next(2);
    const QString name = qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/wizard/site:e2e"_s;
    ui_.type(u"tagsField"_s, u"Not A Name"_s);
    QTRY_VERIFY(!ui_.item(u"tagsProblem"_s)->property("text").toString().isEmpty());
    QVERIFY(!ui_.item(u"wizardNext"_s)->isEnabled());
    ui_.type(u"tagsField"_s, name);
    QTRY_VERIFY(ui_.item(u"tagsProblem"_s)->property("text").toString().isEmpty());
    ui_.screenshot(u"build-3-tags"_s);
    next(3);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.state() == u"succeeded"_s, 120000);
    ui_.screenshot(u"build-4-steps"_s);
    QTRY_COMPARE(step(), 4);
    ui_.screenshot(u"build-5-result"_s);
    // Push, from the result.
    ui_.click(u"resultPush"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        app_->transfers.rowCount() >= 1 && app_->transfers.index(0).data(TransfersModel::DoneRole).toBool(), 60000);
    QCOMPARE(app_->transfers.index(0).data(TransfersModel::ErrorRole).toString(), QString());
    ui_.screenshot(u"build-5-pushed"_s);
    docker({ u"rmi"_s, name });
    QVERIFY(!docker({ u"pull"_s, name }).isEmpty()); // it is in the registry
    // Run, from the result: the run dialog with the image filled in.
    ui_.click(u"resultRun"_s);
    QTRY_VERIFY(ui_.shows(u"run.image"_s));
    QCOMPARE(ui_.item(u"run.image"_s)->property("text").toString(), name);
    const int port = freePort();
    ui_.item(u"run.name"_s)->setProperty("text", u"wizard-e2e"_s);
    ui_.item(u"run.ports"_s)->setProperty("text", u"127.0.0.1:%1:8080"_s.arg(port));
    ui_.click(u"run.accept"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"wizard-e2e"_s }), u"running"_s, 30000);
    QVERIFY(pageHolds(port, "Hello from Muelle"));
    ui_.screenshot(u"build-ran"_s);
    docker({ u"rm"_s, u"-f"_s, u"wizard-e2e"_s });
}

void TestBuildWizard::editAndRetry()
{
    const QString folder = scratch_.filePath(u"failing"_s);
    writeFile(folder + u"/Dockerfile"_s, "FROM busybox\nRUN echo one\nRUN echo broken; exit 4\nCMD [\"true\"]\n");
    openWizard();
    backToSource();
    ui_.click(u"sourceFolder"_s);
    ui_.type(u"folderField"_s, folder);
    QTest::keyClick(ui_.window, Qt::Key_Return);
    QTRY_COMPARE(step(), 1);
    QTRY_VERIFY(!app_->buildWizard.checking());
    next(2);
    ui_.type(u"tagsField"_s, u"wizard/failing:1"_s);
    QSignalSpy notified(&app_->notifier, &Notifier::notified);
    next(3);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.state() == u"failed"_s, 120000);
    // One notification, the build's: not its step container's exit.
    QTRY_VERIFY(!notified.isEmpty());
    QTest::qWait(500);
    QStringList summaries;
    for (const QList<QVariant> &one : std::as_const(notified))
        summaries.append(one.at(0).toString());
    QCOMPARE(summaries, QStringList{ u"The build failed"_s });
    QCOMPARE(app_->build.errorLine(), 3);
    QTRY_VERIFY(ui_.item(u"buildError"_s)->property("text").toString().startsWith(u"Line 3"_s));
    ui_.screenshot(u"build-4-failed"_s);
    ui_.click(u"editAndRetry"_s);
    QTRY_COMPARE(step(), 1);
    QQuickItem *editor = ui_.item(u"dockerfileEditor"_s);
    // The cursor is on the failing line.
    QCOMPARE(editor->property("cursorPosition").toInt(), int(QByteArray("FROM busybox\nRUN echo one\n").size()));
    editor->setProperty("text", u"FROM busybox\nRUN echo one\nRUN echo fixed\nCMD [\"true\"]\n"_s);
    QTRY_VERIFY(!app_->buildWizard.checking() && app_->buildWizard.errors().isEmpty());
    ui_.screenshot(u"build-2-edited"_s);
    next(2);
    next(3);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.state() == u"succeeded"_s, 120000);
    // The first RUN came from the failed build's cache.
    QVERIFY(app_->build.data(app_->build.index(1), BuildSession::CachedRole).toBool());
    QVERIFY(!app_->build.data(app_->build.index(2), BuildSession::CachedRole).toBool());
    QFile saved(folder + u"/Dockerfile"_s); // the edit was saved before the build
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("echo fixed"));
    QTRY_COMPARE(step(), 4);
}

void TestBuildWizard::aTargetAndAnArg()
{
    const QString folder = scratch_.filePath(u"multi"_s);
    writeFile(folder + u"/Dockerfile"_s,
        "FROM busybox AS base\nARG FLAVOUR=plain\nRUN echo \"$FLAVOUR\" > /flavour\n"
        "FROM base AS debug\nRUN echo debug > /stage\nFROM base AS release\nRUN echo release > /stage\n");
    backToSource();
    ui_.type(u"folderField"_s, folder);
    QTest::keyClick(ui_.window, Qt::Key_Return);
    QTRY_COMPARE(step(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(app_->buildWizard.stages().size() == 3, 20000);
    QCOMPARE(app_->buildWizard.args().size(), 1);
    QQuickItem *target = ui_.item(u"targetChoice"_s);
    QVERIFY(target && target->isVisible());
    QVERIFY(QMetaObject::invokeMethod(target, "activated", Q_ARG(int, 2))); // "debug"
    target->setProperty("currentIndex", 2);
    ui_.type(u"arg.FLAVOUR"_s, u"spicy"_s);
    QCOMPARE(ui_.item(u"arg.FLAVOUR"_s)->property("text").toString(), u"spicy"_s);
    ui_.screenshot(u"build-2-target-arg"_s);
    next(2);
    ui_.type(u"tagsField"_s, u"wizard/multi:debug"_s);
    next(3);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.state() == u"succeeded"_s, 120000);
    QCOMPARE(docker({ u"run"_s, u"--rm"_s, u"--network"_s, u"none"_s, u"wizard/multi:debug"_s, u"cat"_s, u"/flavour"_s,
                 u"/stage"_s }),
        u"spicy\ndebug"_s);
}

void TestBuildWizard::cancel()
{
    const QString folder = scratch_.filePath(u"slow"_s);
    writeFile(folder + u"/Dockerfile"_s, "FROM busybox\nRUN echo slow start; sleep 120\n");
    backToSource();
    ui_.type(u"folderField"_s, folder);
    QTest::keyClick(ui_.window, Qt::Key_Return);
    QTRY_COMPARE(step(), 1);
    QTRY_VERIFY(!app_->buildWizard.checking());
    next(2);
    ui_.type(u"tagsField"_s, u"wizard/slow:1"_s);
    const int containers = docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size();
    next(3);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.outputTail(3).contains(u"slow start"_s), 60000);
    ui_.screenshot(u"build-4-running"_s);
    ui_.click(u"buildCancel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app_->build.state() == u"cancelled"_s, 30000);
    ui_.screenshot(u"build-4-cancelled"_s);
    QTRY_COMPARE_WITH_TIMEOUT(docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size(), containers, 10000);
    QCOMPARE(docker({ u"images"_s, u"-q"_s, u"wizard/slow:1"_s }), QString());
    // Esc asks before the wizard goes.
    QTest::keyClick(ui_.window, Qt::Key_Escape);
    QTRY_VERIFY(ui_.popupOpen(u"leaveWizard"_s));
    ui_.screenshot(u"build-leave"_s);
}

int main(int argc, char *argv[])
{
    chooseSceneGraph();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Muelle e2e build"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    chooseAppearance();
    TestBuildWizard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_e2e_build.moc"
