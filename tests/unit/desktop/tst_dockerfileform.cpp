// "Start from nothing": the Dockerfile each starting point writes, the
// fields checked as the builder would, and the files written beside it.

#include "desktop/builds/dockerfileform.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestDockerfileForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void staticSite()
    {
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"static-site"_s));
        QCOMPARE(form.problem(), QString());
        QCOMPARE(form.dockerfile(),
            u"FROM busybox\nWORKDIR /www\nCOPY site/ /www/\nEXPOSE 8080\n"
            "HEALTHCHECK CMD busybox wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1\n"
            "CMD [\"busybox\",\"httpd\",\"-f\",\"-p\",\"8080\",\"-h\",\"/www\"]\n"_s);
        QTemporaryDir dir;
        QCOMPARE(form.writeInto(dir.path()), QString());
        QVERIFY(QFile::exists(dir.filePath(u"site/index.html"_s)));
        QFile dockerfile(dir.filePath(u"Dockerfile"_s));
        QVERIFY(dockerfile.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(dockerfile.readAll()), form.dockerfile());
    }

    void shellScriptAndBinary()
    {
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"shell-script"_s));
        QVERIFY(form.dockerfile().endsWith(u"CMD [\"sh\",\"/app/run.sh\"]\n"_s));
        QVERIFY(form.useStartingPoint(u"binary"_s));
        QCOMPARE(form.dockerfile(), u"FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"_s);
        QTemporaryDir dir;
        QVERIFY(!form.writeInto(dir.path()).isEmpty()); // no binary chosen
        QCOMPARE(form.writeInto(dir.path(), u"/bin/busybox"_s), QString());
        QVERIFY(QFileInfo(dir.filePath(u"app"_s)).isExecutable());
        QVERIFY(!form.useStartingPoint(u"no-such-thing"_s));
    }

    void fieldsAreWrittenAsTheParserReadsThem()
    {
        DockerfileForm form;
        form.setProperty("base", u"127.0.0.1:5000/team/base:1.0"_s);
        form.setProperty("env", QStringList{ u"GREETING=hello world"_s, u"PRICE=$5"_s, u"PLAIN=a/b:c"_s });
        form.setProperty("ports", QStringList{ u"80"_s, u"53/udp"_s });
        form.setProperty("user", u"nobody"_s);
        form.setProperty("command", u"sh -c 'echo \"$GREETING\"'"_s);
        QCOMPARE(form.problem(), QString());
        QCOMPARE(form.dockerfile(),
            u"FROM 127.0.0.1:5000/team/base:1.0\nENV GREETING=\"hello world\"\nENV PRICE=\"\\$5\"\nENV PLAIN=a/b:c\n"
            "EXPOSE 80\nEXPOSE 53/udp\nUSER nobody\nCMD [\"sh\",\"-c\",\"echo \\\"$GREETING\\\"\"]\n"_s);
    }

    void badFieldsSayWhy_data()
    {
        QTest::addColumn<QString>("property");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("words");
        QTest::newRow("no base") << u"base"_s << QVariant(QString()) << u"base image"_s;
        QTest::newRow("bad base") << u"base"_s << QVariant(u"Not An Image!"_s) << u"not an image name"_s;
        QTest::newRow("workdir") << u"workdir"_s << QVariant(u"app"_s) << u"absolute"_s;
        QTest::newRow("env") << u"env"_s << QVariant(QStringList{ u"1X=y"_s }) << u"NAME=value"_s;
        QTest::newRow("port") << u"ports"_s << QVariant(QStringList{ u"70000"_s }) << u"not a port"_s;
        QTest::newRow("quote") << u"command"_s << QVariant(u"echo 'unclosed"_s) << u"quote"_s;
        QTest::newRow("outside") << u"copies"_s
                                 << QVariant(QVariantList{
                                        QVariantMap{ { u"from"_s, u"../etc/passwd"_s }, { u"to"_s, u"/x"_s } } })
                                 << u"outside the folder"_s;
    }
    void badFieldsSayWhy()
    {
        QFETCH(QString, property);
        QFETCH(QVariant, value);
        QFETCH(QString, words);
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"shell-script"_s));
        form.setProperty(property.toUtf8().constData(), value);
        QVERIFY2(form.problem().contains(words, Qt::CaseInsensitive), qPrintable(form.problem()));
        QCOMPARE(form.dockerfile(), QString()); // nothing to build while a field is wrong
        QTemporaryDir dir;
        QVERIFY(!form.writeInto(dir.path()).isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(u"Dockerfile"_s)));
    }
};

QTEST_GUILESS_MAIN(TestDockerfileForm)
#include "tst_dockerfileform.moc"
