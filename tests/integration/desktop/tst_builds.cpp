// The desktop's builds against a real muelled on a private bus (run by
// with_engine.sh): the Dockerfile each starting point of "Start from
// nothing" writes builds and runs; build args and a target reach the
// engine; the context the app streams is what .dockerignore leaves; and
// every bad input is said in words with the engine left clean — a folder
// without a Dockerfile, a Dockerfile that does not parse (its line), an
// invalid tag, a base image that is not there, a RUN that fails (its line
// and output), a cancel mid-build.

#include "answer.h"
#include "buildhelpers.h"
#include "desktop/builds/buildsession.h"
#include "desktop/builds/dockerfileform.h"
#include "desktop/dbusengineclient.h"
#include "docker.h"
#include "modeltester.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestBuilds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startingPointsBuildAndRun();
    void argsAndTargetReachTheEngine();
    void theContextIsWhatDockerignoreLeaves();
    void aFolderWithoutADockerfile();
    void aDockerfileThatDoesNotParse();
    void anInvalidTag();
    void aBaseImageThatIsNotThere();
    void aRunThatFails();
    void cancelLeavesTheEngineClean();

private:
    // Builds `folder` and waits for the end; the session's final state.
    QString build(const QString &folder, const BuildOptions &options);
    int imageCount() { return docker({ u"images"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size(); }

    std::unique_ptr<DbusEngineClient> client_;
    std::unique_ptr<BuildSession> session_;
};

void TestBuilds::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty())
        QSKIP("MUELLE_TEST_BUS is not set: run through with_engine.sh");
    client_ = std::make_unique<DbusEngineClient>(QDBusConnection::connectToBus(address, u"builds"_s));
    QTRY_VERIFY(client_->isConnected());
    session_ = std::make_unique<BuildSession>(*client_);
    checkModel(*session_);
}

void TestBuilds::cleanupTestCase()
{
    docker({ u"rm"_s, u"-f"_s, u"wizard-site"_s });
}

QString TestBuilds::build(const QString &folder, const BuildOptions &options)
{
    QSignalSpy finished(session_.get(), &BuildSession::finished);
    session_->start(folder, options);
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 120000))
        return u"<no end>"_s;
    return session_->state();
}

void TestBuilds::startingPointsBuildAndRun()
{
    // The static site, served by busybox httpd, fetched from the host.
    {
        QTemporaryDir dir;
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"static-site"_s));
        QCOMPARE(form.writeInto(dir.path()), QString());
        BuildOptions options;
        options.tags = { u"wizard/site:1"_s };
        QCOMPARE(build(dir.path(), options), u"succeeded"_s);
        QVERIFY(session_->image().startsWith(u"sha256:"_s));
        QCOMPARE(session_->tags(), QStringList{ u"wizard/site:1"_s });
        QVERIFY(session_->rowCount() >= 5);
        QCOMPARE(session_->finishedSteps(), session_->total());
        QVERIFY(session_->contextBytes() > 0);
        const int port = freePort();
        docker({ u"run"_s, u"-d"_s, u"--name"_s, u"wizard-site"_s, u"-p"_s, u"127.0.0.1:%1:8080"_s.arg(port),
            u"wizard/site:1"_s });
        QVERIFY(pageHolds(port, "Hello from Muelle"));
        docker({ u"rm"_s, u"-f"_s, u"wizard-site"_s });
    }
    // The shell script, run.
    {
        QTemporaryDir dir;
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"shell-script"_s));
        QCOMPARE(form.writeInto(dir.path()), QString());
        BuildOptions options;
        options.tags = { u"wizard/script:1"_s };
        QCOMPARE(build(dir.path(), options), u"succeeded"_s);
        QCOMPARE(
            docker({ u"run"_s, u"--rm"_s, u"--network"_s, u"none"_s, u"wizard/script:1"_s }), u"Hello from Muelle"_s);
    }
    // A compiled program on scratch: busybox-static, called by its name.
    {
        QTemporaryDir dir;
        DockerfileForm form;
        QVERIFY(form.useStartingPoint(u"binary"_s));
        form.setProperty(
            "copies", QVariantList{ QVariantMap{ { u"from"_s, u"app"_s }, { u"to"_s, u"/bin/busybox"_s } } });
        form.setProperty("entrypoint", u"/bin/busybox"_s);
        form.setProperty("command", u"echo compiled"_s);
        QCOMPARE(form.writeInto(dir.path(), u"/bin/busybox"_s), QString());
        BuildOptions options;
        options.tags = { u"wizard/binary:1"_s };
        QCOMPARE(build(dir.path(), options), u"succeeded"_s);
        QCOMPARE(docker({ u"run"_s, u"--rm"_s, u"--network"_s, u"none"_s, u"wizard/binary:1"_s }), u"compiled"_s);
    }
}

void TestBuilds::argsAndTargetReachTheEngine()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s),
        "FROM busybox AS base\nARG GREETING=hello\nRUN echo \"$GREETING from base\" > /greeting\n"
        "FROM base AS tools\nRUN echo tools > /stage\n"
        "FROM base AS final\nRUN echo final > /stage\n");
    auto parsed = answerOf<QJsonObject>([&](auto done) {
        QFile file(dir.filePath(u"Dockerfile"_s));
        file.open(QIODevice::ReadOnly);
        client_->parseDockerfile(QString::fromUtf8(file.readAll()), done);
    });
    QVERIFY2(parsed, failureOf(parsed).constData());
    QCOMPARE(parsed->value(u"stages").toArray().size(), 3);
    QCOMPARE(parsed->value(u"args").toArray().at(0).toObject().value(u"name").toString(), u"GREETING"_s);
    BuildOptions options;
    options.tags = { u"wizard/multi:tools"_s };
    options.target = u"tools"_s;
    options.buildArgs = QJsonObject{ { u"GREETING"_s, u"hola"_s } };
    options.labels = QJsonObject{ { u"made.by"_s, u"wizard"_s } };
    QCOMPARE(build(dir.path(), options), u"succeeded"_s);
    QCOMPARE(docker({ u"run"_s, u"--rm"_s, u"--network"_s, u"none"_s, u"wizard/multi:tools"_s, u"cat"_s, u"/greeting"_s,
                 u"/stage"_s }),
        u"hola from base\ntools"_s);
    QCOMPARE(
        docker({ u"inspect"_s, u"--format"_s, u"{{index .Config.Labels \"made.by\"}}"_s, u"wizard/multi:tools"_s }),
        u"wizard"_s);
    // The final stage was never built: no step ran its RUN.
    for (int row = 0; row < session_->rowCount(); ++row)
        QVERIFY(!session_->data(session_->index(row), BuildSession::InstructionRole).toString().contains(u"final"_s));
}

void TestBuilds::theContextIsWhatDockerignoreLeaves()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s), "FROM busybox\nCOPY . /ctx\nRUN cd /ctx && find . | sort > /list\n");
    writeFile(dir.filePath(u".dockerignore"_s), "node_modules\n*.log\n!keep.log\n");
    writeFile(dir.filePath(u"app.js"_s), "1");
    writeFile(dir.filePath(u"debug.log"_s), "x");
    writeFile(dir.filePath(u"keep.log"_s), "y");
    writeFile(dir.filePath(u"node_modules/dep/index.js"_s), QByteArray(1 << 20, 'n'));
    writeFile(dir.filePath(u"src/main.c"_s), "int main;");
    BuildOptions options;
    options.tags = { u"wizard/context:1"_s };
    QCOMPARE(build(dir.path(), options), u"succeeded"_s);
    // What COPY . saw: the Dockerfile and .dockerignore too, as Docker keeps
    // them unless .dockerignore names them.
    QCOMPARE(docker({ u"run"_s, u"--rm"_s, u"--network"_s, u"none"_s, u"wizard/context:1"_s, u"cat"_s, u"/list"_s }),
        u".\n./.dockerignore\n./Dockerfile\n./app.js\n./keep.log\n./src\n./src/main.c"_s);
    // And what the app sent: no node_modules (its megabyte never left).
    QVERIFY2(session_->contextBytes() < (256 << 10), qPrintable(QString::number(session_->contextBytes())));
}

void TestBuilds::aFolderWithoutADockerfile()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"README"_s), "no Dockerfile here");
    QCOMPARE(build(dir.path(), {}), u"failed"_s);
    QVERIFY2(session_->error().contains(u"no Dockerfile"_s, Qt::CaseInsensitive), qPrintable(session_->error()));
    QVERIFY(session_->job().isEmpty()); // the engine was never asked
}

void TestBuilds::aDockerfileThatDoesNotParse()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s), "FROM busybox\nRUN echo fine\nNOTANINSTRUCTION at line three\n");
    QFile file(dir.filePath(u"Dockerfile"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto parsed
        = answerOf<QJsonObject>([&](auto done) { client_->parseDockerfile(QString::fromUtf8(file.readAll()), done); });
    QVERIFY(parsed);
    const QJsonArray errors = parsed->value(u"errors").toArray();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.at(0).toObject().value(u"line").toInt(), 3);
    QVERIFY(errors.at(0).toObject().value(u"message").toString().contains(u"notaninstruction"_s, Qt::CaseInsensitive));
    const int before = imageCount();
    QCOMPARE(build(dir.path(), {}), u"failed"_s);
    QCOMPARE(session_->errorLine(), 3);
    QCOMPARE(imageCount(), before);
}

void TestBuilds::anInvalidTag()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s), "FROM busybox\n");
    BuildOptions options;
    options.tags = { u"Not A Tag!"_s };
    QCOMPARE(build(dir.path(), options), u"failed"_s);
    QVERIFY2(session_->error().contains(u"invalid"_s, Qt::CaseInsensitive), qPrintable(session_->error()));
}

void TestBuilds::aBaseImageThatIsNotThere()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s),
        u"FROM %1/test/nosuch-base:v1\nRUN true\n"_s.arg(qEnvironmentVariable("MUELLE_TEST_REGISTRY")).toUtf8());
    QCOMPARE(build(dir.path(), {}), u"failed"_s);
    QVERIFY2(session_->error().contains(u"not found"_s, Qt::CaseInsensitive)
            || session_->error().contains(u"unknown"_s, Qt::CaseInsensitive),
        qPrintable(session_->error()));
    QCOMPARE(session_->errorLine(), 1);
}

void TestBuilds::aRunThatFails()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s),
        "FROM busybox\nRUN echo first step\nRUN echo about to fail; echo the reason >&2; exit 3\nRUN echo never\n");
    const int containers = docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size();
    QCOMPARE(build(dir.path(), {}), u"failed"_s);
    QCOMPARE(session_->errorLine(), 3);
    QVERIFY2(session_->error().contains(u"3"_s), qPrintable(session_->error())); // the exit code
    const QString tail = session_->outputTail(5);
    QVERIFY2(tail.contains(u"about to fail"_s) && tail.contains(u"the reason"_s), qPrintable(tail));
    for (int row = 0; row < session_->rowCount(); ++row) // the step after it never began
        QVERIFY(!session_->data(session_->index(row), BuildSession::InstructionRole).toString().contains(u"never"_s));
    // The failed step's container went with it.
    QCOMPARE(docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size(), containers);
}

void TestBuilds::cancelLeavesTheEngineClean()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"Dockerfile"_s), "FROM busybox\nRUN echo started; sleep 60\nRUN echo never\n");
    const int images = imageCount();
    const int containers = docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size();
    QSignalSpy finished(session_.get(), &BuildSession::finished);
    BuildOptions options;
    options.noCache = true;
    session_->start(dir.path(), options);
    QTRY_VERIFY_WITH_TIMEOUT(session_->outputTail(5).contains(u"started"_s), 60000);
    QCOMPARE(session_->state(), u"building"_s);
    session_->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QCOMPARE(session_->state(), u"cancelled"_s);
    // Nothing running, no step container, no half image.
    QTRY_COMPARE_WITH_TIMEOUT(docker({ u"ps"_s, u"-aq"_s }).split(u'\n', Qt::SkipEmptyParts).size(), containers, 10000);
    QCOMPARE(imageCount(), images);
}

QTEST_GUILESS_MAIN(TestBuilds)
#include "tst_builds.moc"
