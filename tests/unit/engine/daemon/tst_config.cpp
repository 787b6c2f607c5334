// muelled's daemon.json and command line, and the API version prefix.
#include "engine/api/docker/apiversion.h"
#include "engine/daemon/config.h"

#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::engine;

class TestDaemonConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsDockerKeys()
    {
        // Plain literals: moc 6.4 misreads "//" inside raw strings.
        auto config = daemon::Config::parse("{\"data-root\": \"/srv/muelle\", \"hosts\": [\"unix:///tmp/m.sock\"],"
                                            "\"insecure-registries\": [\"r.local:5000\"],"
                                            "\"registry-mirrors\": [\"https://m.local\"],"
                                            "\"max-concurrent-downloads\": 6, \"max-concurrent-uploads\": 2,"
                                            "\"log-level\": \"debug\", \"group\": \"docker\","
                                            "\"dbus-address\": \"unix:path=/tmp/bus\"}",
            QStringLiteral("daemon.json"));
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        QCOMPARE(config->dataRoot, QStringLiteral("/srv/muelle"));
        QCOMPARE(config->hosts, QStringList{ QStringLiteral("unix:///tmp/m.sock") });
        QCOMPARE(config->insecureRegistries, QStringList{ QStringLiteral("r.local:5000") });
        QCOMPARE(config->maxConcurrentDownloads, 6);
        QCOMPARE(config->maxConcurrentUploads, 2);
        QCOMPARE(config->logLevel, QStringLiteral("debug"));
        QCOMPARE(config->group, QStringLiteral("docker"));
        QCOMPARE(config->dbusAddress, QStringLiteral("unix:path=/tmp/bus"));
        QCOMPARE(daemon::Config().dbusAddress, QStringLiteral("system"));
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray(R"({"storage-opts": ["size=1G"]})")
                                     << QStringLiteral("storage-opts: unknown key");
        QTest::newRow("bad storage driver")
            << QByteArray(R"({"storage-driver": "btrfs"})") << QStringLiteral("storage-driver: want overlay2 or vfs");
        QTest::newRow("not json") << QByteArray("{data-root") << QStringLiteral("at offset");
        QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("want a JSON object");
        QTest::newRow("hosts not a list")
            << QByteArray("{\"hosts\": \"unix:/x\"}") << QStringLiteral("hosts: want a list");
        QTest::newRow("zero downloads") << QByteArray(R"({"max-concurrent-downloads": 0})")
                                        << QStringLiteral("max-concurrent-downloads");
        QTest::newRow("fraction") << QByteArray(R"({"max-concurrent-uploads": 1.5})") << QStringLiteral("whole number");
        QTest::newRow("bad level") << QByteArray(R"({"log-level": "loud"})")
                                   << QStringLiteral("log-level: want one of");
    }

    void refusesBadFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto config = daemon::Config::parse(json, QStringLiteral("daemon.json"));
        QVERIFY(!config);
        QCOMPARE(config.error().code, Code::InvalidArgument);
        QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    }

    void flagsOverrideTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("daemon.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"data-root": "/from/file", "log-level": "warn"})");
        file.close();
        auto config = daemon::configFromCommandLine({ QStringLiteral("--config"), path, QStringLiteral("--data-root"),
            QStringLiteral("/from/flag"), QStringLiteral("-H"), QStringLiteral("tcp://127.0.0.1:2375"),
            QStringLiteral("-H"), QStringLiteral("unix:///tmp/a.sock") });
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        QCOMPARE(config->dataRoot, QStringLiteral("/from/flag"));
        QCOMPARE(config->logLevel, QStringLiteral("warn"));
        QCOMPARE(config->hosts.size(), 2);
        auto defaults = daemon::configFromCommandLine({});
        QCOMPARE(defaults->hosts, QStringList{ daemon::Config::defaultSocket() });
        QVERIFY(!daemon::configFromCommandLine({ QStringLiteral("--bogus") }));
        auto driver = daemon::configFromCommandLine({ QStringLiteral("-s"), QStringLiteral("vfs"),
            QStringLiteral("--insecure-registry"), QStringLiteral("10.0.0.0/8") });
        QVERIFY2(driver, driver ? "" : qPrintable(driver.error().message));
        QCOMPARE(driver->storageDriver, QStringLiteral("vfs"));
        QCOMPARE(driver->insecureRegistries, QStringList{ QStringLiteral("10.0.0.0/8") });
        QVERIFY(!daemon::configFromCommandLine({ QStringLiteral("--storage-driver"), QStringLiteral("zfs") }));
        QVERIFY(!daemon::configFromCommandLine({ QStringLiteral("--config"), dir.filePath(QStringLiteral("absent")) }));
        auto bus = daemon::configFromCommandLine({ QStringLiteral("--dbus-address"), QStringLiteral("none") });
        QVERIFY2(bus, bus ? "" : qPrintable(bus.error().message));
        QCOMPARE(bus->dbusAddress, QStringLiteral("none"));
    }

    void versionPrefix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("rest");
        QTest::newRow("current") << QStringLiteral("/v1.50/info") << QStringLiteral("1.50") << QStringLiteral("/info");
        QTest::newRow("minimum") << QStringLiteral("/v1.24/images/json") << QStringLiteral("1.24")
                                 << QStringLiteral("/images/json");
        QTest::newRow("none") << QStringLiteral("/_ping") << QStringLiteral("1.50") << QStringLiteral("/_ping");
        QTest::newRow("too new") << QStringLiteral("/v1.51/info") << QString() << QStringLiteral("is too new");
        QTest::newRow("too old") << QStringLiteral("/v1.12/info") << QString() << QStringLiteral("is too old");
        QTest::newRow("garbage") << QStringLiteral("/v1.x/info") << QString() << QStringLiteral("want MAJOR.MINOR");
    }

    void versionPrefix()
    {
        QFETCH(QString, path);
        QFETCH(QString, version);
        QFETCH(QString, rest);
        auto split = engine::docker::splitVersion(path);
        if (version.isEmpty()) {
            QVERIFY(!split);
            QCOMPARE(split.error().code, Code::InvalidArgument);
            QVERIFY2(split.error().message.contains(rest), qPrintable(split.error().message));
            return;
        }
        QVERIFY(split);
        QCOMPARE(split->version.toString(), version);
        QCOMPARE(split->path, rest);
    }
};

QTEST_GUILESS_MAIN(TestDaemonConfig)
#include "tst_config.moc"
