// muelle-desktop end to end, under Xvfb, against a real muelled on a private
// bus (with_engine.sh): the app's own QML (module Muelle) and models, driven
// through the UI with mouse clicks — pull an image, look at its history, run
// a container from the run dialog, watch its logs and stats, look at its
// processes, stop it (a real notification server, dunst, gets the
// notification), create a volume and a network, close the window to a real
// tray (trayer) and come back — with a screenshot of every page saved to
// $MUELLE_ARTIFACTS (default build/test-artifacts). e2e.sh provides the
// session bus, dunst and trayer.

#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"
#include "docker.h"
#include "modeltester.h"
#include "uidriver.h"

#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestEndToEnd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void dashboard();
    void pullsAnImage();
    void runsAContainerFromTheDialog();
    void watchesItsLogs();
    void watchesItsStats();
    void listsItsProcesses();
    void stopsIt();
    void volumesAndNetworks();
    void containersPage();
    void trayKeepsTheApp();

private:
    QQuickItem *item(const QString &objectName) { return ui_.item(objectName); }
    void click(const QString &objectName) { ui_.click(objectName); }
    void click(QQuickItem *within, const QString &objectName) { ui_.click(within, objectName); }
    void show(const QString &page) { ui_.show(page); }
    void screenshot(const QString &name) { ui_.screenshot(name); }

    UiDriver ui_;
    std::unique_ptr<DesktopApp> app_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow *window_ = nullptr;
    QString image_;
};

void TestEndToEnd::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty())
        QSKIP("MUELLE_TEST_BUS is not set: run me through with_engine.sh");
    image_ = qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/test/busybox:v1"_s;
    docker({ u"rmi"_s, image_ }); // pulled again, through the app
    QDBusConnection bus = QDBusConnection::connectToBus(address, u"e2e"_s);
    QVERIFY(bus.isConnected());
    // The session bus of e2e.sh, where dunst serves notifications.
    app_ = std::make_unique<DesktopApp>(std::make_unique<DbusEngineClient>(bus), QDBusConnection::sessionBus());
    // Every list the pages show, checked by Qt's model tester while the UI drives them.
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{ &app_->containers,
             &app_->containersFilter, &app_->images, &app_->imagesTable, &app_->imageHistory, &app_->volumes,
             &app_->networks, &app_->transfers, &app_->logs, &app_->logSearch })
        checkModel(*model);
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->load(QUrl(u"qrc:/qt/qml/Muelle/Main.qml"_s));
    QVERIFY(!engine_->rootObjects().isEmpty());
    window_ = qobject_cast<QQuickWindow *>(engine_->rootObjects().first());
    QVERIFY(window_);
    ui_.window = window_;
    window_->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(window_));
    QSignalSpy summarised(&app_->summary, &EngineSummary::refreshed);
    app_->refresh();
    QTRY_VERIFY(app_->client->isConnected());
    QTRY_VERIFY(summarised.count() > 0);
}

void TestEndToEnd::cleanupTestCase()
{
    docker({ u"rm"_s, u"-f"_s, u"e2e"_s });
    docker({ u"volume"_s, u"rm"_s, u"e2e-data"_s });
    docker({ u"network"_s, u"rm"_s, u"e2e-net"_s });
    engine_.reset();
    app_.reset();
}

void TestEndToEnd::dashboard()
{
    QCOMPARE(window_->property("currentPage").toString(), u"dashboard"_s);
    QTRY_VERIFY(app_->summary.property("images").toInt() >= 1);
    QVERIFY(!app_->summary.property("version").toString().isEmpty());
    screenshot(u"dashboard"_s);
}

void TestEndToEnd::pullsAnImage()
{
    show(u"images"_s);
    item(u"pullField"_s)->setProperty("text", image_);
    click(u"pullButton"_s);
    QTRY_COMPARE(app_->transfers.rowCount(), 1);
    const QModelIndex job = app_->transfers.index(0);
    QTRY_VERIFY_WITH_TIMEOUT(job.data(TransfersModel::DoneRole).toBool(), 60000);
    QCOMPARE(job.data(TransfersModel::ErrorRole).toString(), QString());
    QCOMPARE(job.data(TransfersModel::FractionRole).toDouble(), 1.0);
    // A row for the pulled name, with the image's ID (the list the model has
    // may be one from before the tag's event: wait for the next).
    const QString pulledId = docker({ u"image"_s, u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, image_ });
    QTRY_VERIFY(app_->images.rowOf(image_) >= 0);
    QCOMPARE(app_->images.get(app_->images.rowOf(image_)).value(u"id"_s).toString(), pulledId);
    screenshot(u"images"_s);
    // The image's layers and history.
    click(u"imageRow."_s + image_);
    QTRY_VERIFY(app_->imageHistory.rowCount() >= 1);
    QVERIFY(!app_->imageHistory.get(0).value(u"createdBy"_s).toString().isEmpty());
    QTRY_VERIFY(item(u"historySteps"_s) && item(u"historySteps"_s)->isVisible());
    screenshot(u"image-history"_s);
    QTest::keyClick(window_, Qt::Key_Escape);
    QTRY_VERIFY(!item(u"historySteps"_s) || !item(u"historySteps"_s)->isVisible());
    // Tag it for another repository, then push that name, through the rows' buttons.
    const QString pushed = qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/test/pushed:e2e"_s;
    QQuickItem *row = item(u"imageRow."_s + image_);
    QVERIFY(row);
    click(row, u"tag"_s);
    click(u"tagTarget"_s);
    item(u"tagTarget"_s)->setProperty("text", pushed);
    QTest::keyClick(window_, Qt::Key_Return); // accepts the dialog
    // The new name is a row of its own, of the same image, as docker images lists it.
    QTRY_VERIFY(app_->images.rowOf(pushed) >= 0);
    QCOMPARE(app_->images.get(app_->images.rowOf(pushed)).value(u"id"_s).toString(), pulledId);
    QTRY_VERIFY(item(u"imageRow."_s + pushed));
    click(item(u"imageRow."_s + pushed), u"push"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        app_->transfers.rowCount() == 2 && app_->transfers.index(0).data(TransfersModel::DoneRole).toBool(), 60000);
    QCOMPARE(app_->transfers.index(0).data(TransfersModel::KindRole).toString(), u"push"_s);
    QCOMPARE(app_->transfers.index(0).data(TransfersModel::ErrorRole).toString(), QString());
    screenshot(u"images-push"_s);
    // A reference that is not there (on the test's registry: no name is
    // looked up off this machine): the engine's words, on the job's row.
    item(u"pullField"_s)
        ->setProperty("text", qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/test/nosuchimage-e2e:latest"_s);
    click(u"pullButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        app_->transfers.rowCount() == 3 && app_->transfers.index(0).data(TransfersModel::DoneRole).toBool(), 60000);
    const QString error = app_->transfers.index(0).data(TransfersModel::ErrorRole).toString();
    QVERIFY2(error.contains(u"not found"_s, Qt::CaseInsensitive) || error.contains(u"unknown"_s, Qt::CaseInsensitive),
        qPrintable(error));
}

void TestEndToEnd::runsAContainerFromTheDialog()
{
    show(u"containers"_s);
    click(u"runButton"_s);
    QTRY_VERIFY(item(u"run.image"_s) && item(u"run.image"_s)->isVisible());
    item(u"run.image"_s)->setProperty("text", image_);
    item(u"run.name"_s)->setProperty("text", u"e2e"_s);
    // Writes a line a tenth of a second, and some to a file (block I/O).
    item(u"run.command"_s)
        ->setProperty("text",
            uR"(sh -c 'i=0; while true; do echo "tick $i"; i=$((i+1)); dd if=/dev/zero of=/tmp/f bs=64k count=4 2>/dev/null; sleep 0.1; done')"_s);
    item(u"run.memory"_s)->setProperty("text", u"64m"_s);
    screenshot(u"run-dialog"_s);
    QSignalSpy ran(&app_->containers, &ContainersModel::ran);
    click(u"run.accept"_s);
    QTRY_VERIFY_WITH_TIMEOUT(ran.count() == 1, 30000);
    QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}} {{.HostConfig.Memory}}"_s, u"e2e"_s }),
        u"running 67108864"_s);
    // The app opens the new container's page.
    QTRY_COMPARE(window_->property("currentPage").toString(), u"container"_s);
    QTRY_COMPARE(app_->details.property("name").toString(), u"e2e"_s);
    QTRY_COMPARE(app_->details.property("state").toString(), u"running"_s);
    screenshot(u"container"_s);
}

void TestEndToEnd::watchesItsLogs()
{
    click(u"tab.logs"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app_->logs.rowCount() >= 10, 20000);
    QCOMPARE(app_->logs.index(0).data(LogModel::TextRole).toString(), u"tick 0"_s);
    QVERIFY(app_->logs.following());
    const int seen = app_->logs.rowCount();
    QTRY_VERIFY(app_->logs.rowCount() > seen + 5); // followed, live
    // The view shows the lines themselves.
    auto *view = item(u"logLines"_s);
    QVERIFY(view);
    QTRY_VERIFY(view->property("count").toInt() >= 10);
    const auto shown = [view] {
        QStringList texts;
        const QList<QQuickItem *> delegates = view->property("contentItem").value<QQuickItem *>()->childItems();
        for (QQuickItem *line : delegates)
            texts.append(line->property("text").toString());
        return texts;
    };
    QTRY_VERIFY2(shown().filter(QRegularExpression(u"^tick \\d+$"_s)).size() >= 5, qPrintable(shown().join(u'|')));
    screenshot(u"container-logs"_s);
    item(u"logSearch"_s)->setProperty("text", u"tick 1"_s);
    QTRY_VERIFY(app_->logSearch.rowCount() >= 1);
    for (int row = 0; row < app_->logSearch.rowCount(); ++row)
        QVERIFY(app_->logSearch.index(row, 0).data(LogModel::TextRole).toString().startsWith(u"tick 1"_s));
    screenshot(u"container-logs-search"_s);
    item(u"logSearch"_s)->setProperty("text", QString());
}

void TestEndToEnd::watchesItsStats()
{
    click(u"tab.stats"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app_->stats.samples() >= 4, 20000);
    QVERIFY(app_->stats.memory() > 0);
    QCOMPARE(app_->stats.memoryLimit(), 64.0 * 1024 * 1024);
    QTRY_VERIFY(item(u"chart.cpu"_s) && item(u"chart.cpu"_s)->isVisible());
    // The list's sparkline has the container's samples too.
    const int row = app_->containers.rowOf(app_->details.containerId());
    QTRY_VERIFY(
        app_->containers.data(app_->containers.index(row), ContainersModel::CpuHistoryRole).toList().size() >= 2);
    screenshot(u"container-stats"_s);
    // The whole history, as CSV.
    QTemporaryDir dir;
    QSignalSpy exported(&app_->stats, &ContainerStats::exported);
    app_->stats.exportCsv(QUrl::fromLocalFile(dir.filePath(u"e2e.csv"_s)));
    QTRY_COMPARE(exported.count(), 1);
    QCOMPARE(exported.first().at(1).toString(), QString());
    QFile csv(dir.filePath(u"e2e.csv"_s));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines.first().startsWith("time,resolution,cpu_percent,memory_bytes"));
    QVERIFY(lines.size() >= 5);
    QVERIFY(lines.at(1).contains(",second,"));
}

void TestEndToEnd::listsItsProcesses()
{
    click(u"tab.processes"_s);
    QTRY_VERIFY(!app_->details.property("processes").toList().isEmpty());
    QVERIFY(app_->details.property("processTitles").toStringList().contains(u"PID"_s));
    bool shell = false;
    for (const QVariant &process : app_->details.property("processes").toList())
        shell = shell || process.toStringList().last().startsWith(u"sh -c"_s);
    QVERIFY(shell);
    screenshot(u"container-processes"_s);
    click(u"tab.overview"_s);
    screenshot(u"container-overview"_s);
}

void TestEndToEnd::stopsIt()
{
    QSignalSpy notified(&app_->notifier, &Notifier::notified);
    QSignalSpy delivered(&app_->notifier, &Notifier::delivered);
    click(u"containerStop"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app_->details.property("state").toString() == u"exited"_s, 30000);
    QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"e2e"_s }), u"exited"_s);
    // It died of SIGTERM (143): not zero, so the user hears of it.
    QTRY_VERIFY(notified.count() >= 1);
    QVERIFY(notified.last().at(0).toString().contains(u"e2e"_s));
    // The desktop's notification server (dunst) took it.
    if (QDBusConnection::sessionBus().isConnected()) {
        QTRY_VERIFY(delivered.count() >= 1);
        QVERIFY(delivered.last().at(1).toUInt() > 0);
        QVERIFY(delivered.last().at(0).toString().contains(u"e2e exited with code"_s));
    }
    QTRY_VERIFY(!app_->logs.following()); // the log ended with the container
}

void TestEndToEnd::volumesAndNetworks()
{
    show(u"volumes"_s);
    item(u"volumeName"_s)->setProperty("text", u"e2e-data"_s);
    click(u"volumeCreate"_s);
    QTRY_VERIFY(app_->volumes.rowOf(u"e2e-data"_s) >= 0);
    QCOMPARE(docker({ u"volume"_s, u"inspect"_s, u"--format"_s, u"{{.Name}}"_s, u"e2e-data"_s }), u"e2e-data"_s);
    // The result as a toast, kept in the notification history.
    QTRY_VERIFY(item(u"toastText"_s) && item(u"toastText"_s)->property("text").toString().contains(u"e2e-data"_s));
    screenshot(u"volumes"_s);
    // Removing asks first, naming what is lost: Cancel keeps it, Remove removes it.
    docker({ u"volume"_s, u"create"_s, u"e2e-doomed"_s });
    QTRY_VERIFY(item(u"volumeRow.e2e-doomed"_s));
    click(item(u"volumeRow.e2e-doomed"_s), u"remove"_s);
    QTRY_VERIFY(item(u"confirmBody"_s) && item(u"confirmBody"_s)->isVisible());
    QVERIFY(item(u"confirmBody"_s)->property("text").toString().contains(u"every file in it"_s));
    screenshot(u"confirm-remove"_s);
    click(u"confirmCancel"_s);
    QTRY_VERIFY(!item(u"confirmBody"_s) || !item(u"confirmBody"_s)->isVisible()); // closed popups leave the tree
    QTest::qWait(300);
    QCOMPARE(docker({ u"volume"_s, u"inspect"_s, u"--format"_s, u"{{.Name}}"_s, u"e2e-doomed"_s }), u"e2e-doomed"_s);
    // The keyboard's way: Delete on the focused row asks the same.
    item(u"volumeRow.e2e-doomed"_s)->forceActiveFocus();
    QTest::keyClick(window_, Qt::Key_Delete);
    QTRY_VERIFY(item(u"confirmBody"_s) && item(u"confirmBody"_s)->isVisible());
    click(u"confirmAccept"_s);
    QTRY_VERIFY(app_->volumes.rowOf(u"e2e-doomed"_s) < 0);
    show(u"networks"_s);
    item(u"networkName"_s)->setProperty("text", u"e2e-net"_s);
    click(u"networkCreate"_s);
    QTRY_VERIFY(app_->networks.rowCount() == 4);
    QCOMPARE(docker({ u"network"_s, u"inspect"_s, u"--format"_s, u"{{.Name}}"_s, u"e2e-net"_s }), u"e2e-net"_s);
    screenshot(u"networks"_s);
    // The engine's refusal, in its words: the predefined networks stay.
    app_->networks.remove(u"bridge"_s);
    QTRY_VERIFY(!app_->networks.lastError().isEmpty());
}

void TestEndToEnd::containersPage()
{
    docker({ u"run"_s, u"-d"_s, u"--name"_s, u"e2e-web"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sleep"_s,
        u"300"_s });
    // The pages' shortcuts (they act in the active window).
    window_->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window_));
    QTest::keyClick(window_, Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(window_->property("currentPage").toString(), u"dashboard"_s);
    QTest::keyClick(window_, Qt::Key_2, Qt::ControlModifier);
    QTRY_COMPARE(window_->property("currentPage").toString(), u"containers"_s);
    QTRY_VERIFY(app_->containers.rowOf(docker({ u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, u"e2e-web"_s })) >= 0);
    QTRY_VERIFY(item(u"containerRow.e2e-web"_s) && item(u"containerRow.e2e"_s));
    QTest::qWait(2500); // sparklines
    screenshot(u"containers"_s);
    docker({ u"rm"_s, u"-f"_s, u"e2e-web"_s });
}

void TestEndToEnd::trayKeepsTheApp()
{
    if (!window_->property("trayAvailable").toBool())
        QSKIP("no system tray on this display (e2e.sh runs trayer)");
    auto *tray = window_->findChild<QObject *>(u"tray"_s);
    QVERIFY(tray);
    QVERIFY(tray->property("visible").toBool());
    window_->close();
    QTRY_VERIFY(!window_->isVisible());
    QTest::qWait(300);
    // Still here: the engine's events still reach the app.
    QSignalSpy refreshed(&app_->containers, &ContainersModel::refreshed);
    docker({ u"create"_s, u"--name"_s, u"e2e-tray"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"true"_s });
    QTRY_VERIFY(refreshed.count() >= 1);
    // The tray's "Open Muelle".
    QVERIFY(QMetaObject::invokeMethod(tray, "showWindow"));
    QTRY_VERIFY(window_->isVisible());
    docker({ u"rm"_s, u"e2e-tray"_s });
}

int main(int argc, char *argv[])
{
    chooseSceneGraph();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Muelle e2e"_s);
    QApplication::setQuitOnLastWindowClosed(false); // as the app: the tray keeps it
    chooseAppearance();
    TestEndToEnd test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_e2e.moc"
