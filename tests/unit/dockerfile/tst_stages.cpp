// Stages: meta ARGs before the first FROM, stage names, the target a build
// reaches, the stages it depends on, and the wizard's summary.

#include "dockerfile/stages.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::dockerfile;

namespace {

const QString multiStage = uR"(# syntax=docker/dockerfile:1
ARG GO_VERSION=1.21
ARG BASE=alpine:${ALPINE:-3.19}
ARG UNSET
FROM golang:${GO_VERSION} AS deps
ARG GOPROXY=direct
RUN go mod download

FROM deps AS Build
COPY . .
RUN --mount=type=cache,target=/root/.cache go build -o /app

FROM ${BASE} AS docs
RUN make docs

FROM scratch AS tools
COPY --from=0 /go/bin /bin

FROM $BASE
COPY --from=build /app /app
COPY --from=nginx:latest /etc/nginx /etc/nginx
RUN --mount=type=bind,from=tools,target=/t ls /t
)"_s;

} // namespace

class TestStages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stages();
    void metaArgs();
    void resolve_data();
    void resolve();
    void dependencies_data();
    void dependencies();
    void expandedBase();
    void errors_data();
    void errors();
    void summary();
    void summaryOfABrokenFile();
    void aNameUsedTwice();
};

void TestStages::stages()
{
    const auto dockerfile = parseDockerfile(multiStage);
    QVERIFY2(dockerfile.has_value(), qPrintable(dockerfile ? QString() : dockerfile.error().text()));
    QCOMPARE(dockerfile->syntax, u"docker/dockerfile:1"_s);
    QCOMPARE(dockerfile->stages.size(), 5);
    QStringList names;
    QStringList bases;
    QList<int> lines;
    for (const Stage &stage : dockerfile->stages) {
        names.append(stage.name);
        bases.append(stage.baseName);
        lines.append(stage.line);
    }
    QCOMPARE(names, (QStringList{ u"deps"_s, u"build"_s, u"docs"_s, u"tools"_s, QString() }));
    QCOMPARE(bases, (QStringList{ u"golang:${GO_VERSION}"_s, u"deps"_s, u"${BASE}"_s, u"scratch"_s, u"$BASE"_s }));
    QCOMPARE(lines, (QList<int>{ 5, 9, 13, 16, 19 }));
    QCOMPARE(dockerfile->stages[0].instructions.size(), 2); // the ARG after FROM belongs to the stage
    QCOMPARE(dockerfile->stages[4].instructions.size(), 3);
    QCOMPARE(dockerfile->stages[4].index, 4);
}

void TestStages::metaArgs()
{
    const auto dockerfile = parseDockerfile(multiStage);
    QVERIFY(dockerfile.has_value());
    QCOMPARE(dockerfile->metaArgs,
        (QList<ArgDeclaration>{ { u"GO_VERSION"_s, u"1.21"_s }, { u"BASE"_s, u"alpine:${ALPINE:-3.19}"_s },
            { u"UNSET"_s, std::nullopt } }));
    QCOMPARE(dockerfile->metaArgs[1].line, 3);
}

void TestStages::resolve_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("index");

    QTest::newRow("last by default") << QString() << 4;
    QTest::newRow("by name") << u"docs"_s << 2;
    QTest::newRow("case-insensitive") << u"BUILD"_s << 1;
    QTest::newRow("unknown") << u"nope"_s << -1;
    QTest::newRow("an index is no target") << u"0"_s << -1;
}

void TestStages::resolve()
{
    QFETCH(QString, target);
    QFETCH(int, index);
    const auto dockerfile = parseDockerfile(multiStage);
    QVERIFY(dockerfile.has_value());
    const auto resolved = resolveStage(*dockerfile, target);
    if (index < 0) {
        QVERIFY(!resolved.has_value());
        QCOMPARE(resolved.error().code, muelle::Code::InvalidArgument);
        QCOMPARE(resolved.error().message, u"failed to reach build target %1 in Dockerfile"_s.arg(target));
        return;
    }
    QVERIFY(resolved.has_value());
    QCOMPARE(*resolved, index);
}

void TestStages::dependencies_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QList<int>>("needed");

    QTest::newRow("first") << 0 << QList<int>{ 0 };
    QTest::newRow("from a stage") << 1 << QList<int>{ 0, 1 };
    QTest::newRow("from an image through an arg") << 2 << QList<int>{ 2 };
    QTest::newRow("copy --from an index") << 3 << QList<int>{ 0, 3 };
    QTest::newRow("copy --from a name, mount from") << 4 << QList<int>{ 0, 1, 3, 4 };
}

void TestStages::dependencies()
{
    QFETCH(int, target);
    QFETCH(QList<int>, needed);
    const auto dockerfile = parseDockerfile(multiStage);
    QVERIFY(dockerfile.has_value());
    QCOMPARE(stageDependencies(*dockerfile, target), needed);
}

void TestStages::expandedBase()
{
    const auto dockerfile = parseDockerfile(multiStage);
    QVERIFY(dockerfile.has_value());
    QCOMPARE(*expandedBaseName(*dockerfile, dockerfile->stages[0]), u"golang:1.21"_s);
    QCOMPARE(*expandedBaseName(*dockerfile, dockerfile->stages[4]), u"alpine:3.19"_s);
    QCOMPARE(*expandedBaseName(*dockerfile, dockerfile->stages[4], { { u"ALPINE"_s, u"edge"_s } }), u"alpine:3.19"_s);
    QCOMPARE(*expandedBaseName(*dockerfile, dockerfile->stages[2], { { u"BASE"_s, u"debian:12"_s } }), u"debian:12"_s);
    QCOMPARE(
        *expandedBaseName(*dockerfile, dockerfile->stages[0], { { u"GO_VERSION"_s, u"1.22"_s } }), u"golang:1.22"_s);
    // Only ARGs before the first FROM count: GOPROXY is a stage's.
    const auto other = parseDockerfile(u"FROM a\nARG X=1\nFROM b${X}"_s);
    QVERIFY(other.has_value());
    QCOMPARE(*expandedBaseName(*other, other->stages[1]), u"b"_s);
    const auto broken = parseDockerfile(u"ARG X=${\nFROM a$X"_s);
    QVERIFY(broken.has_value());
    QCOMPARE(expandedBaseName(*broken, broken->stages[0]).error().message,
        u"failed to process \"${\": syntax error: missing '}'"_s);
}

void TestStages::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("docker"); // what dockerd answers

    // dockerd 20.10 drops the connection on this one: the parser says why.
    QTest::newRow("args without from") << u"ARG A=1\n\nARG B"_s << 3 << u"no build stage in current context"_s;
    QTest::newRow("instruction before from")
        << u"# c\nARG A\nRUN x\nFROM a"_s << 3 << u"no build stage in current context"_s;
    QTest::newRow("unknown instruction") << u"FROM a\nRUN x\nFORM b"_s << 3
                                         << u"dockerfile parse error line 3: unknown instruction: FORM"_s;
    QTest::newRow("copy without destination")
        << u"FROM python:3.8\nWORKDIR /app\nCOPY code/main.py\n"_s << 3
        << u"dockerfile parse error line 3: COPY requires at least two arguments, but only one was provided. "
           u"Destination could not be determined"_s;
    QTest::newRow("from arguments") << u"FROM a b"_s << 1
                                    << u"dockerfile parse error line 1: FROM requires either one or three arguments"_s;
    QTest::newRow("empty") << QString() << 0 << u"the Dockerfile (Dockerfile) cannot be empty"_s;
    QTest::newRow("syntax error") << u"FROM a\nENV X"_s << 2
                                  << u"failed to parse Dockerfile: ENV must have two arguments"_s;
}

void TestStages::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, docker);
    const auto dockerfile = parseDockerfile(text);
    QVERIFY(!dockerfile.has_value());
    QCOMPARE(dockerfile.error().line, line);
    QCOMPARE(dockerfile.error().text(), docker);
    QCOMPARE(dockerfile.error().toError().message, docker);
}

void TestStages::summary()
{
    const Summary summary = summarize(multiStage);
    QVERIFY(summary.errors.isEmpty());
    QCOMPARE(summary.stages.size(), 5);
    QCOMPARE(summary.stages[0].baseName, u"golang:1.21"_s);
    QCOMPARE(summary.stages[0].name, u"deps"_s);
    QCOMPARE(summary.stages[0].line, 5);
    QCOMPARE(summary.stages[4].baseName, u"alpine:3.19"_s);
    QCOMPARE(summary.stages[4].dependsOn, (QList<int>{ 0, 1, 3 }));
    QCOMPARE(summary.stages[1].dependsOn, QList<int>{ 0 });
    QCOMPARE(summary.args.size(), 4);
    QCOMPARE(summary.args[0].name, u"GO_VERSION"_s);
    QCOMPARE(summary.args[0].defaultValue, std::optional<QString>(u"1.21"_s));
    QCOMPARE(summary.args[0].line, 2);
    QCOMPARE(summary.args[0].stage, -1);
    QVERIFY(!summary.args[2].defaultValue.has_value());
    QCOMPARE(summary.args[3].name, u"GOPROXY"_s);
    QCOMPARE(summary.args[3].line, 6);
    QCOMPARE(summary.args[3].stage, 0);
}

void TestStages::summaryOfABrokenFile()
{
    Summary summary = summarize(u"FROM alpine\nRUN echo \\\n  hi\nCOPY x\n"_s);
    QCOMPARE(summary.errors.size(), 1);
    QCOMPARE(summary.errors.first().line, 4);
    QCOMPARE(summary.errors.first().message,
        u"COPY requires at least two arguments, but only one was provided. Destination could not be determined"_s);
    QVERIFY(summary.stages.isEmpty());

    summary = summarize(u"ARG V=${\nFROM alpine:$V"_s);
    QCOMPARE(summary.errors.size(), 1);
    QCOMPARE(summary.errors.first().line, 2);
    QCOMPARE(summary.errors.first().message, u"failed to process \"${\": syntax error: missing '}'"_s);
    QCOMPARE(summary.stages.first().baseName, u"alpine:$V"_s);
}

// dockerd 20.10's classic builder builds a file that names two stages alike
// (peers_dockerfile_errors_dockerd); a later reference means the latest one.
void TestStages::aNameUsedTwice()
{
    const auto dockerfile = parseDockerfile(u"FROM a AS x\nRUN a\nFROM b as X\nFROM c\nCOPY --from=x /f /f"_s);
    QVERIFY2(dockerfile.has_value(), qPrintable(dockerfile ? QString() : dockerfile.error().text()));
    QCOMPARE(dockerfile->stages.size(), 3);
    QCOMPARE(stageReference(*dockerfile, u"x", 3), std::optional<int>(1));
    QCOMPARE(stageReference(*dockerfile, u"X", 1), std::optional<int>(0));
    QCOMPARE(stageDependencies(*dockerfile, 2), (QList<int>{ 1, 2 }));
}

QTEST_GUILESS_MAIN(TestStages)
#include "tst_stages.moc"
