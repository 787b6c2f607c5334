// muelle-registry's YAML configuration: what it accepts and how it refuses.
#include "registry/config.h"

#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::registry;

class TestConfig : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

    QString write(const QByteArray &text)
    {
        const QString path = dir.filePath(QStringLiteral("config.yml"));
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(text);
        return path;
    }

private Q_SLOTS:
    void readsEverySection()
    {
        auto config
            = Config::load(write("log: {level: debug, accesslog: false}\n"
                                 "storage: {root: /srv/r, delete: {enabled: true}, uploadpurge: {age: 2h}}\n"
                                 "http: {addr: '[::1]:5443', workers: 3, tls: {certificate: c.pem, key: k.pem}}\n"
                                 "auth:\n  anonymous: {pull: true}\n  htpasswd: {realm: r, path: /etc/h}\n"
                                 "access:\n  - {account: alice, repository: 'team/*', actions: [pull, push]}\n"));
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        QCOMPARE(config->logLevel, QStringLiteral("debug"));
        QCOMPARE(config->accessLog, false);
        QCOMPARE(config->root, QStringLiteral("/srv/r"));
        QVERIFY(config->deleteEnabled);
        QCOMPARE(config->uploadPurgeAge, std::chrono::seconds(7200));
        QCOMPARE(config->address, QHostAddress(QStringLiteral("::1")));
        QCOMPARE(config->port, 5443);
        QCOMPARE(config->workers, 3);
        QVERIFY(config->auth.anonymousPull);
        QCOMPARE(config->auth.htpasswd->path, QStringLiteral("/etc/h"));
        QCOMPARE(config->auth.access.size(), 1);
        QCOMPARE(config->auth.access[0].actions, (QStringList{ QStringLiteral("pull"), QStringLiteral("push") }));
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray("storage: {rot: /x}\n")
                                     << QStringLiteral("storage.rot: unknown key");
        QTest::newRow("bad address") << QByteArray("http: {addr: nowhere}\n") << QStringLiteral("http.addr");
        QTest::newRow("wrong type") << QByteArray("http: {workers: many}\n")
                                    << QStringLiteral("http.workers: wrong type");
        QTest::newRow("not yaml") << QByteArray("http: [unclosed\n") << QStringLiteral("config");
        QTest::newRow("token without key")
            << QByteArray("auth: {token: {realm: 'http://x/token'}}\n") << QStringLiteral("auth.token.key: required");
        QTest::newRow("postgres") << QByteArray("database: {driver: postgres}\n") << QStringLiteral("database.driver");
    }

    void refusesBadInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        auto config = Config::load(write(text));
        QVERIFY(!config);
        QCOMPARE(config.error().code, Code::InvalidArgument);
        QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    }

    void missingFileIsNotFound()
    {
        auto config = Config::load(dir.filePath(QStringLiteral("absent.yml")));
        QVERIFY(!config);
        QCOMPARE(config.error().code, Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
