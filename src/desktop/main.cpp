// muelle-desktop: the Qt Quick app over the engine. It runs as the user and
// drives the engine (root) over D-Bus: the system bus, or --bus ADDRESS; or
// a remote engine over the Docker API: --host tcp://HOST:PORT [--tls...].
// --theme light|dark|system sets the theme for this run (not saved, like
// MUELLE_THEME); --page NAME opens a page first; --screenshot FILE saves the window once
// the containers are listed, then quits (tests and the README's pictures).
// A QApplication, not a QGuiApplication: QtCharts and the tray's fallback
// (QSystemTrayIcon) are widgets underneath.

#include "desktop/appearance.h"
#include "desktop/desktopapp.h"
#include "desktop/graphics.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDBusConnection>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQml>

#include <cstdio>

using namespace muelle::desktop;
using muelle::Result;

Q_IMPORT_QML_PLUGIN(MuellePlugin)
Q_IMPORT_QML_PLUGIN(Muelle_EnginePlugin)

namespace {

// This process's resident memory, KiB (VmRSS), for the benchmark.
long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Saves the window when the model has answered and a frame shows it.
void screenshotWhenShown(QQuickWindow *window, ContainersModel &model, const QString &path)
{
    QObject::connect(
        &model, &ContainersModel::refreshed, window,
        [window, &model, path] {
            // Two frames later the delegates are laid out and drawn.
            QTimer::singleShot(500, window, [window, &model, path] {
                const bool saved = window->grabWindow().save(path);
                std::fprintf(stderr, "muelle-desktop: screenshot %s (%s), containers page: %d rows, rss %ld KiB\n",
                    qPrintable(path), saved ? "saved" : "NOT saved", model.rowCount(), residentKiB());
                QCoreApplication::exit(saved ? 0 : 1);
            });
        },
        Qt::SingleShotConnection);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
    chooseSceneGraph();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Muelle"));
    QApplication::setOrganizationName(QStringLiteral("Muelle"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/muelle.svg")));
    chooseAppearance();
    // The tray keeps the app when the window closes (Main.qml decides).
    QApplication::setQuitOnLastWindowClosed(false);

    // The user's language, where there is a translation (resources/translations).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("muelle"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(&translator);
        std::fprintf(stderr, "muelle-desktop: translation %s loaded\n", qPrintable(QLocale().name()));
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption bus(QStringLiteral("bus"),
        QStringLiteral("The D-Bus address of the engine's bus (default: the system bus)."), QStringLiteral("ADDRESS"));
    const QCommandLineOption host(QStringLiteral("host"),
        QStringLiteral("A remote engine's Docker API instead: tcp://HOST:PORT (TLS with --tlscacert, --tlscert, "
                       "--tlskey)."),
        QStringLiteral("URL"));
    const QCommandLineOption caCert(QStringLiteral("tlscacert"),
        QStringLiteral("The CA the engine's certificate is "
                       "signed by."),
        QStringLiteral("FILE"));
    const QCommandLineOption cert(
        QStringLiteral("tlscert"), QStringLiteral("This client's certificate."), QStringLiteral("FILE"));
    const QCommandLineOption key(
        QStringLiteral("tlskey"), QStringLiteral("This client's key."), QStringLiteral("FILE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save the window to FILE once shown, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
        QStringLiteral("The page to open: dashboard, containers, images, volumes, networks, registries."),
        QStringLiteral("NAME"));
    const QCommandLineOption container(QStringLiteral("container"),
        QStringLiteral("Open a container's page (its name or ID)."), QStringLiteral("NAME"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QStringLiteral("The container page's tab: overview, logs, stats, processes."), QStringLiteral("TAB"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("The theme for this run, not saved: light, dark or system."), QStringLiteral("THEME"));
    parser.addOptions({ bus, host, caCert, cert, key, screenshot, page, container, tab, theme });
    parser.process(app);
    if (parser.isSet(theme) && !Preferences::isTheme(parser.value(theme))) {
        std::fprintf(
            stderr, "muelle-desktop: --theme %s: not a theme (light, dark, system)\n", qPrintable(parser.value(theme)));
        return 2;
    }

    std::unique_ptr<EngineClient> engineClient;
    if (parser.isSet(host)) {
        auto remote = HttpEngineClient::forHost(
            parser.value(host), parser.value(caCert), parser.value(cert), parser.value(key));
        if (!remote) {
            std::fprintf(stderr, "muelle-desktop: %s\n", qPrintable(remote.error().message));
            return 2;
        }
        engineClient = std::move(*remote);
    } else {
        engineClient = std::make_unique<DbusEngineClient>(parser.isSet(bus)
                ? QDBusConnection::connectToBus(parser.value(bus), QStringLiteral("engine"))
                : QDBusConnection::systemBus());
    }
    DesktopApp desktop(std::move(engineClient), QDBusConnection::sessionBus());
    if (parser.isSet(theme))
        desktop.preferences.setThemeForRun(parser.value(theme));

    QQmlApplicationEngine engine;
    // Qt 6.4 has no loadFromModule: the module's file by its resource URL.
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Muelle/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (window && parser.isSet(page))
        window->setProperty("currentPage", parser.value(page));
    if (window && parser.isSet(tab)) {
        const QStringList tabs{ QStringLiteral("overview"), QStringLiteral("logs"), QStringLiteral("stats"),
            QStringLiteral("processes") };
        window->setProperty("containerTab", std::max(0, int(tabs.indexOf(parser.value(tab)))));
    }
    if (window && parser.isSet(container)) {
        desktop.client->inspectContainer(parser.value(container), [window](Result<QJsonObject> inspect) {
            if (!inspect) {
                std::fprintf(stderr, "muelle-desktop: %s\n", qPrintable(inspect.error().message));
                return;
            }
            QMetaObject::invokeMethod(window, "openContainer", Q_ARG(QVariant, inspect->value(u"Id").toString()));
        });
    }
    if (window) // without a tray, closing the window quits
        QObject::connect(window, &QWindow::visibleChanged, &app, [window] {
            if (!window->isVisible() && !window->property("trayAvailable").toBool())
                QCoreApplication::quit();
        });
    if (window) {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [&started] { std::fprintf(stderr, "muelle-desktop: first frame after %lld ms\n", started.elapsed()); },
            Qt::SingleShotConnection);
        if (parser.isSet(screenshot))
            screenshotWhenShown(window, desktop.containers, parser.value(screenshot));
    }
    desktop.refresh();
    return QApplication::exec();
}
