// The Qt Quick Test runner for the app's QML components (tst_*.qml here):
// they import the app's own module, Muelle, compiled into this binary. A
// QApplication, as the app's, because QtCharts (TimeChart) draws with widgets.

#include <QApplication>
#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(MuellePlugin)

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv); // takes -platform out of argv
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "muelle_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "main.moc"
