// bench_desktop_registries: the app's registry browser with a large catalog
// (tests/bench/desktop_registries.sh starts the engine and a muelle-registry
// with 10,000 repositories). Drives the app's own QML window under Xvfb:
//   - the time from choosing the registry to the first page of repositories
//     drawn (its rows in the list, the next frame swapped), ROUNDS times;
//   - the time until the whole catalog is listed;
//   - then browsing as a user would — scrolling the list to its end a page
//     at a time, filtering as one types, opening TOURS repositories' tags
//     (each tag described) and a tag's page — with the app's RSS after each
//     step and its peak (VmHWM).
// Prints one JSON object. Env: MUELLE_TEST_BUS, BENCH_REGISTRY (host:port),
// ROUNDS (5), TOURS (20).

#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"
#include "uidriver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QSignalSpy>
#include <QtQml/QQmlExtensionPlugin>

#include <algorithm>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

// VmRSS or VmHWM of this process, KiB.
qint64 memory(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "bench_desktop_registries: %s\n", what);
    std::exit(1);
}

void waitFor(const std::function<bool()> &done, int ms, const char *what)
{
    if (!QTest::qWaitFor(done, ms))
        die(what);
}

// Until the window has drawn a frame after now.
void nextFrame(QQuickWindow *window)
{
    QSignalSpy swapped(window, &QQuickWindow::frameSwapped);
    window->update();
    waitFor([&] { return swapped.count() > 0; }, 5000, "no frame");
}

} // namespace

int main(int argc, char *argv[])
{
    chooseSceneGraph();
    QApplication application(argc, argv);
    chooseAppearance();
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    const QString host = qEnvironmentVariable("BENCH_REGISTRY");
    const int rounds = qEnvironmentVariableIntValue("ROUNDS") > 0 ? qEnvironmentVariableIntValue("ROUNDS") : 5;
    const int tours = qEnvironmentVariableIntValue("TOURS") > 0 ? qEnvironmentVariableIntValue("TOURS") : 20;
    if (address.isEmpty() || host.isEmpty())
        die("MUELLE_TEST_BUS and BENCH_REGISTRY are needed");
    DesktopApp app(std::make_unique<DbusEngineClient>(QDBusConnection::connectToBus(address, u"bench"_s)),
        QDBusConnection(u"no-session-bus"_s));
    QQmlApplicationEngine engine;
    engine.load(QUrl(u"qrc:/qt/qml/Muelle/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        die("the QML did not load");
    UiDriver ui;
    ui.window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    ui.window->resize(1280, 800);
    if (!QTest::qWaitForWindowExposed(ui.window))
        die("no window");
    app.refresh();
    waitFor([&] { return app.client->isConnected(); }, 10000, "no engine");
    QSignalSpy answered(&app.registries, &RegistriesModel::answered);
    app.registries.add(host, true, {}, {});
    waitFor([&] { return answered.count() == 1; }, 30000, "the registry was not added");
    ui.window->setProperty("currentPage", u"registries"_s);
    waitFor([&] { return ui.item(u"registriesPage"_s) != nullptr; }, 10000, "no Registries page");
    QQuickItem *page = ui.item(u"registriesPage"_s);
    const qint64 rssBefore = memory("VmRSS:");

    QJsonArray firstPage, whole;
    QQuickItem *list = nullptr;
    for (int round = 0; round < rounds; ++round) {
        QSignalSpy shown(&app.repositories, &RepositoriesModel::firstPageShown);
        QElapsedTimer clock;
        clock.start();
        QMetaObject::invokeMethod(page, "browse", Q_ARG(QVariant, host));
        waitFor([&] { return shown.count() == 1; }, 30000, "no first page");
        waitFor([&] { return (list = ui.item(u"repositoryList"_s)) && list->property("count").toInt() > 0; }, 10000,
            "the list shows nothing");
        nextFrame(ui.window);
        firstPage.append(double(clock.nsecsElapsed()) / 1e6);
        waitFor([&] { return !app.repositories.loading(); }, 120000, "the catalog never ended");
        whole.append(double(clock.nsecsElapsed()) / 1e6);
        if (!app.repositories.lastError().isEmpty())
            die(qPrintable(app.repositories.lastError()));
    }
    const int repositories = app.repositories.rowCount();
    const qint64 rssListed = memory("VmRSS:");

    // Scrolled to the end a page at a time, a frame each.
    QElapsedTimer clock;
    clock.start();
    int pages = 0;
    while (!list->property("atYEnd").toBool()) {
        list->setProperty("contentY", list->property("contentY").toDouble() + list->height());
        nextFrame(ui.window);
        ++pages;
    }
    const double scrollMs = double(clock.nsecsElapsed()) / 1e6;
    const qint64 rssScrolled = memory("VmRSS:");

    // Filtering as one types.
    clock.restart();
    for (const QString &text : { u"s"_s, u"se"_s, u"ser"_s, u"serv"_s, u"service"_s, QString() }) {
        app.repositories.setFilter(text);
        nextFrame(ui.window);
    }
    const double filterMs = double(clock.nsecsElapsed()) / 1e6;

    // Repositories opened: their tags (each described), then a tag's page.
    clock.restart();
    for (int tour = 0; tour < tours; ++tour) {
        const QString name = app.repositories.nameAt((tour * 997) % repositories);
        QMetaObject::invokeMethod(page, "openRepository", Q_ARG(QVariant, host), Q_ARG(QVariant, name));
        waitFor([&] { return app.tags.rowCount() > 0 && !app.tags.loading(); }, 60000, "the tags never came");
        const QString tag = app.tags.get(0).value(u"tag"_s).toString();
        QMetaObject::invokeMethod(page, "openTag", Q_ARG(QVariant, host), Q_ARG(QVariant, name), Q_ARG(QVariant, tag));
        waitFor([&] { return !app.tagPage.loading(); }, 30000, "the tag page never came");
        if (!app.tagPage.error().isEmpty())
            die(qPrintable(app.tagPage.error()));
        nextFrame(ui.window);
    }
    const double toursMs = double(clock.nsecsElapsed()) / 1e6;

    const auto median = [](QJsonArray values) {
        QList<double> sorted;
        for (const QJsonValue &v : values)
            sorted.append(v.toDouble());
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(sorted.size() / 2);
    };
    const QJsonObject result{ { u"repositories"_s, repositories }, { u"first_page_ms"_s, firstPage },
        { u"first_page_median_ms"_s, median(firstPage) }, { u"whole_catalog_ms"_s, whole },
        { u"whole_catalog_median_ms"_s, median(whole) }, { u"scroll_pages"_s, pages }, { u"scroll_ms"_s, scrollMs },
        { u"filter_ms"_s, filterMs }, { u"tours"_s, tours }, { u"tours_ms"_s, toursMs },
        { u"rss_before_kib"_s, rssBefore }, { u"rss_listed_kib"_s, rssListed }, { u"rss_scrolled_kib"_s, rssScrolled },
        { u"rss_end_kib"_s, memory("VmRSS:") }, { u"rss_peak_kib"_s, memory("VmHWM:") } };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
