// The builder's pure parts: how a step is named in history (Go's quoting,
// durations), what config-only instructions and docker commit --change do
// to a config, and what is taken for an archive.

#include "dockerfile/stages.h"
#include "engine/builder/commit.h"
#include "engine/builder/configchange.h"
#include "engine/builder/context.h"
#include "engine/builder/createdby.h"

#include <QJsonArray>
#include <QTest>

using namespace muelle;
using namespace muelle::engine::builder;

class TestBuild : public QObject {
    Q_OBJECT

private:
    // The config change of the first instruction of `line`.
    static ConfigChange changeOf(const QString &line, bool cmdSet = false)
    {
        auto parsed = dockerfile::parseDockerfile(QStringLiteral("FROM scratch\n") + line);
        if (!parsed)
            qFatal("does not parse: %s", qPrintable(parsed.error().text()));
        auto change = configChange(parsed->stages.constFirst().instructions.constFirst(), shellOf({}), cmdSet);
        if (!change || !*change)
            qFatal("no change for %s", qPrintable(line));
        return **change;
    }

private Q_SLOTS:
    void goQuoting()
    {
        QCOMPARE(goQuote(QStringLiteral("a\"b\\c\n\t")), QStringLiteral("\"a\\\"b\\\\c\\n\\t\""));
        QCOMPARE(goQuote(QString(QChar(1))), QStringLiteral("\"\\x01\""));
        QCOMPARE(goQuoteList({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo hi") }),
            QStringLiteral("[\"/bin/sh\" \"-c\" \"echo hi\"]"));
        QCOMPARE(goList({ QStringLiteral("/data"), QStringLiteral("/logs") }), QStringLiteral("[/data /logs]"));
    }

    void goDurations()
    {
        using namespace std::chrono;
        QCOMPARE(goDuration(nanoseconds(0)), QStringLiteral("0s"));
        QCOMPARE(goDuration(seconds(30)), QStringLiteral("30s"));
        QCOMPARE(goDuration(seconds(90)), QStringLiteral("1m30s"));
        QCOMPARE(goDuration(hours(2) + seconds(1)), QStringLiteral("2h0m1s"));
        QCOMPARE(goDuration(milliseconds(500)), QStringLiteral("500ms"));
        QCOMPARE(goDuration(milliseconds(1500)), QStringLiteral("1.5s"));
    }

    void historyNames()
    {
        const QStringList shell{ QStringLiteral("/bin/sh"), QStringLiteral("-c") };
        QCOMPARE(nopCreatedBy(shell, QStringLiteral("ENV A=b"), true), QStringLiteral("/bin/sh -c #(nop)  ENV A=b"));
        QCOMPARE(nopCreatedBy(shell, QStringLiteral("WORKDIR /app"), false),
            QStringLiteral("/bin/sh -c #(nop) WORKDIR /app"));
        QCOMPARE(runCreatedBy(
                     shell + QStringList{ QStringLiteral("make") }, { QStringLiteral("A=1"), QStringLiteral("B=2") }),
            QStringLiteral("|2 A=1 B=2 /bin/sh -c make"));
        QCOMPARE(runCreatedBy({ QStringLiteral("echo"), QStringLiteral("hi") }, {}), QStringLiteral("echo hi"));
    }

    void configChanges()
    {
        oci::ImageConfig config;
        config.env = { QStringLiteral("PATH=/bin"), QStringLiteral("A=old") };
        config.cmd = { QStringLiteral("sh") };
        const ConfigChange env = changeOf(QStringLiteral("ENV A=new B=2"));
        QCOMPARE(env.comment, QStringLiteral("ENV A=new B=2"));
        env.apply(config);
        QCOMPARE(
            config.env, (QStringList{ QStringLiteral("PATH=/bin"), QStringLiteral("A=new"), QStringLiteral("B=2") }));
        // ENTRYPOINT drops the base's CMD, not one the stage set.
        changeOf(QStringLiteral("ENTRYPOINT [\"/init\"]")).apply(config);
        QCOMPARE(config.entrypoint, QStringList{ QStringLiteral("/init") });
        QVERIFY(config.cmd.isEmpty());
        config.cmd = { QStringLiteral("run") };
        changeOf(QStringLiteral("ENTRYPOINT /init"), true).apply(config);
        QCOMPARE(config.entrypoint,
            (QStringList{ QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("/init") }));
        QCOMPARE(config.cmd, QStringList{ QStringLiteral("run") });
        const ConfigChange expose = changeOf(QStringLiteral("EXPOSE 8000-8001/udp 80"));
        expose.apply(config);
        QCOMPARE(config.exposedPorts,
            (QStringList{ QStringLiteral("80/tcp"), QStringLiteral("8000/udp"), QStringLiteral("8001/udp") }));
        changeOf(QStringLiteral("WORKDIR app")).apply(config);
        changeOf(QStringLiteral("WORKDIR ../srv")).apply(config);
        QCOMPARE(config.workingDir, QStringLiteral("/srv"));
        changeOf(QStringLiteral("HEALTHCHECK --interval=5s --retries=3 CMD true")).apply(config);
        const QJsonObject check = config.raw.value(u"config").toObject().value(u"Healthcheck").toObject();
        QCOMPARE(check.value(u"Test").toArray().first().toString(), QStringLiteral("CMD-SHELL"));
        QCOMPARE(check.value(u"Interval").toInteger(), qint64(5000000000));
        QCOMPARE(check.value(u"Retries").toInt(), 3);
    }

    void commitChanges()
    {
        oci::ImageConfig config;
        config.env = { QStringLiteral("HOME=/root") };
        auto changed = applyChanges(config,
            { QStringLiteral("ENV DATA=$HOME/data"), QStringLiteral("CMD [\"serve\"]"), QStringLiteral("USER 1000") });
        QVERIFY(changed);
        QCOMPARE(changed->env.last(), QStringLiteral("DATA=/root/data"));
        QCOMPARE(changed->cmd, QStringList{ QStringLiteral("serve") });
        QCOMPARE(changed->user, QStringLiteral("1000"));
        auto refused = applyChanges(config, { QStringLiteral("RUN true") });
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, QStringLiteral("run is not a valid change command"));
        QVERIFY(!applyChanges(config, { QStringLiteral("EXPOSE 80a") }));
    }

    void archives()
    {
        QVERIFY(looksLikeArchive(QByteArray("\x1f\x8b\x08", 3)));
        QVERIFY(looksLikeArchive(QByteArray("\x28\xb5\x2f\xfd", 4)));
        QVERIFY(looksLikeArchive(QByteArray("BZh91AY")));
        QByteArray tar(262, '\0');
        tar.replace(257, 5, "ustar");
        QVERIFY(looksLikeArchive(tar));
        QVERIFY(!looksLikeArchive(QByteArray("FROM busybox\nRUN true\n")));
        QVERIFY(!looksLikeArchive(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestBuild)
#include "tst_build.moc"
