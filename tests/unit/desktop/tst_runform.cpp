// The run dialog's form into Docker's create body (src/desktop/runform.h):
// what docker run's flags would make, and each bad field refused in words.

#include "desktop/runform.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestRunForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shellWords_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << u"sleep 300"_s << QStringList{ u"sleep"_s, u"300"_s };
        QTest::newRow("spaces") << u"  a   b  "_s << QStringList{ u"a"_s, u"b"_s };
        QTest::newRow("single") << u"sh -c 'echo \"hi\" $x'"_s << QStringList{ u"sh"_s, u"-c"_s, u"echo \"hi\" $x"_s };
        QTest::newRow("double") << u"echo \"a 'b' \\\"c\\\"\""_s << QStringList{ u"echo"_s, u"a 'b' \"c\""_s };
        QTest::newRow("joined") << u"a'b c'd"_s << QStringList{ u"ab cd"_s };
        QTest::newRow("empty word") << u"x '' y"_s << QStringList{ u"x"_s, QString(), u"y"_s };
        QTest::newRow("backslash") << u"a\\ b c"_s << QStringList{ u"a b"_s, u"c"_s };
    }
    void shellWords()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        auto split = muelle::desktop::shellWords(line);
        QVERIFY(split);
        QCOMPARE(*split, words);
    }

    void unclosedQuote()
    {
        auto split = muelle::desktop::shellWords(u"sh -c 'echo"_s);
        QVERIFY(!split);
        QVERIFY(split.error().message.contains(u"unclosed"_s));
    }

    void wholeForm()
    {
        RunForm form = RunForm::of({ { u"image"_s, u" busybox "_s }, { u"command"_s, u"sh -c 'echo hi'"_s },
            { u"ports"_s, u"8080:80, 127.0.0.1:5353:53/udp 9000"_s }, { u"env"_s, u"A=1\nB=two words\n"_s },
            { u"volumes"_s, u"data:/data\n/srv:/srv:ro"_s }, { u"memory"_s, u"512m"_s }, { u"cpus"_s, u"1.5"_s },
            { u"restart"_s, u"unless-stopped"_s }, { u"network"_s, u"mynet"_s } });
        auto body = createBodyOf(form);
        QVERIFY2(body, body ? "" : qPrintable(body.error().message));
        QCOMPARE(body->value(u"Image").toString(), u"busybox"_s);
        QCOMPARE(body->value(u"Cmd").toArray(), QJsonArray({ u"sh"_s, u"-c"_s, u"echo hi"_s }));
        QCOMPARE(body->value(u"Env").toArray(), QJsonArray({ u"A=1"_s, u"B=two words"_s }));
        const QJsonObject exposed = body->value(u"ExposedPorts").toObject();
        QCOMPARE(exposed.keys(), (QStringList{ u"53/udp"_s, u"80/tcp"_s, u"9000/tcp"_s }));
        const QJsonObject host = body->value(u"HostConfig").toObject();
        const QJsonObject bindings = host.value(u"PortBindings").toObject();
        QCOMPARE(bindings.value(u"80/tcp").toArray().first().toObject().value(u"HostPort").toString(), u"8080"_s);
        QCOMPARE(bindings.value(u"53/udp").toArray().first().toObject().value(u"HostIp").toString(), u"127.0.0.1"_s);
        QCOMPARE(bindings.value(u"9000/tcp").toArray().first().toObject().value(u"HostPort").toString(), QString());
        QCOMPARE(host.value(u"Binds").toArray(), QJsonArray({ u"data:/data"_s, u"/srv:/srv:ro"_s }));
        QCOMPARE(host.value(u"Memory").toDouble(), 512.0 * 1024 * 1024);
        QCOMPARE(host.value(u"NanoCpus").toDouble(), 1.5e9);
        QCOMPARE(host.value(u"RestartPolicy").toObject().value(u"Name").toString(), u"unless-stopped"_s);
        QCOMPARE(host.value(u"NetworkMode").toString(), u"mynet"_s);
    }

    void onlyAnImage()
    {
        auto body = createBodyOf(RunForm::of({ { u"image"_s, u"busybox"_s } }));
        QVERIFY(body);
        QVERIFY(!body->contains(u"Cmd"));
        QVERIFY(!body->contains(u"ExposedPorts"));
        QCOMPARE(body->value(u"HostConfig").toObject().value(u"RestartPolicy").toObject().value(u"Name").toString(),
            u"no"_s);
    }

    void refused_data()
    {
        QTest::addColumn<QVariantMap>("form");
        QTest::addColumn<QString>("words");
        const QVariantMap image{ { u"image"_s, u"busybox"_s } };
        const auto with = [&image](const QString &key, const QVariant &value) {
            QVariantMap form = image;
            form.insert(key, value);
            return form;
        };
        QTest::newRow("no image") << QVariantMap() << u"choose an image"_s;
        QTest::newRow("port words") << with(u"ports"_s, u"web"_s) << u"invalid port mapping \"web\""_s;
        QTest::newRow("port range") << with(u"ports"_s, u"70000:80"_s) << u"invalid port mapping"_s;
        QTest::newRow("port protocol") << with(u"ports"_s, u"80/icmp"_s) << u"invalid port mapping"_s;
        QTest::newRow("env") << with(u"env"_s, u"=x"_s) << u"invalid environment variable"_s;
        QTest::newRow("volume relative") << with(u"volumes"_s, u"data:relative"_s) << u"invalid volume"_s;
        QTest::newRow("volume mode") << with(u"volumes"_s, u"data:/d:rx"_s) << u"invalid volume"_s;
        QTest::newRow("memory words") << with(u"memory"_s, u"lots"_s) << u"invalid size \"lots\""_s;
        QTest::newRow("memory small") << with(u"memory"_s, u"1m"_s) << u"at least 6m"_s;
        QTest::newRow("cpus") << with(u"cpus"_s, u"-1"_s) << u"invalid CPUs"_s;
        QTest::newRow("restart") << with(u"restart"_s, u"sometimes"_s) << u"invalid restart policy"_s;
        QVariantMap both = with(u"restart"_s, u"always"_s);
        both.insert(u"autoRemove"_s, true);
        QTest::newRow("rm and restart") << both << u"cannot also restart"_s;
        QTest::newRow("command quote") << with(u"command"_s, u"sh -c \"x"_s) << u"unclosed"_s;
    }
    void refused()
    {
        QFETCH(QVariantMap, form);
        QFETCH(QString, words);
        auto body = createBodyOf(RunForm::of(form));
        QVERIFY(!body);
        QVERIFY2(body.error().message.contains(words), qPrintable(body.error().message));
    }

    void sizes()
    {
        QCOMPARE(*bytesOf(u"512"_s), 512);
        QCOMPARE(*bytesOf(u"4k"_s), 4096);
        QCOMPARE(*bytesOf(u"1.5g"_s), qint64(1.5 * 1024 * 1024 * 1024));
        QCOMPARE(*bytesOf(u"64MB"_s), 64 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestRunForm)
#include "tst_runform.moc"
