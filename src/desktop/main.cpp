// muelle-desktop: the Qt Quick app over the engine. It runs as the user and
// drives the engine (root) over D-Bus: the system bus, or --bus ADDRESS.
// --screenshot FILE saves the window once the containers are shown, then
// quits (the end-to-end test and the README's pictures).

#include "desktop/containersmodel.h"
#include "desktop/dbusengineclient.h"

#include <QCommandLineParser>
#include <QDBusConnection>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>
#include <QtQml>

#include <cstdio>

using namespace muelle::desktop;

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
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Muelle"));
    QGuiApplication::setOrganizationName(QStringLiteral("Muelle"));

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
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save the window to FILE once shown, then quit."), QStringLiteral("FILE"));
    parser.addOptions({ bus, screenshot });
    parser.process(app);

    QDBusConnection connection = parser.isSet(bus)
        ? QDBusConnection::connectToBus(parser.value(bus), QStringLiteral("engine"))
        : QDBusConnection::systemBus();
    DbusEngineClient client(connection);
    ContainersModel containers(client);
    qmlRegisterSingletonInstance("Muelle.Engine", 1, 0, "Engine", static_cast<EngineClient *>(&client));
    qmlRegisterSingletonInstance("Muelle.Engine", 1, 0, "Containers", &containers);

    QQmlApplicationEngine engine;
    // Qt 6.4 has no loadFromModule: the module's file by its resource URL.
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Muelle/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (window) {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [&started] { std::fprintf(stderr, "muelle-desktop: first frame after %lld ms\n", started.elapsed()); },
            Qt::SingleShotConnection);
        if (parser.isSet(screenshot))
            screenshotWhenShown(window, containers, parser.value(screenshot));
    }
    containers.refresh();
    return QGuiApplication::exec();
}
