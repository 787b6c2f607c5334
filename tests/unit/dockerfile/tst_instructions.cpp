// Typed instructions: what each one accepts, the fields it gives, and every
// refusal in Docker's words ("dockerfile parse error line N: ...").

#include "dockerfile/instructions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace muelle::dockerfile;

namespace {

// The last instruction of `text`.
Parsed<Instruction> lastInstruction(const QString &text)
{
    const auto ast = parse(text);
    if (!ast)
        return std::unexpected(ast.error());
    return parseInstruction(ast->nodes.last());
}

template <typename T> T command(const QString &text)
{
    const auto instruction = lastInstruction(text);
    if (!instruction) {
        qWarning("%s", qPrintable(instruction.error().text()));
        return T{};
    }
    const T *typed = std::get_if<T>(&instruction->command);
    if (!typed)
        qWarning("not the expected instruction type: %s", qPrintable(text));
    return typed ? *typed : T{};
}

} // namespace

class TestInstructions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void errors_data();
    void errors();
    void from();
    void run();
    void runMounts();
    void cmdAndEntrypoint();
    void shell();
    void envAndLabel();
    void expose();
    void copyAndAdd();
    void heredocSources();
    void volume();
    void arg();
    void onbuild();
    void healthcheck();
    void singleWords();
    void lines();
};

void TestInstructions::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown") << u"FROM a\nRUN x\nFORM b"_s << 3 << u"unknown instruction: FORM"_s;
    QTest::newRow("unknown lowercase") << u"apk add x"_s << 1 << u"unknown instruction: APK"_s;
    QTest::newRow("unknown flag-like") << u"FROM a\n--set x"_s << 2 << u"unknown instruction: --SET"_s;
    QTest::newRow("from nothing") << u"FROM"_s << 1 << u"FROM requires either one or three arguments"_s;
    QTest::newRow("from two") << u"FROM a b"_s << 1 << u"FROM requires either one or three arguments"_s;
    QTest::newRow("from four") << u"FROM a AS b c"_s << 1 << u"FROM requires either one or three arguments"_s;
    QTest::newRow("from without as") << u"FROM a IS b"_s << 1 << u"FROM requires either one or three arguments"_s;
    QTest::newRow("stage name digit") << u"FROM a AS 1st"_s << 1
                                      << u"invalid name for build stage: \"1st\", name can't start with a number or "
                                         u"contain symbols"_s;
    QTest::newRow("stage name symbol") << u"FROM a AS Build@x"_s << 1
                                       << u"invalid name for build stage: \"Build@x\", name can't start with a number "
                                          u"or contain symbols"_s;
    QTest::newRow("from unknown flag") << u"FROM --foo=x a"_s << 1 << u"Unknown flag: foo"_s;
    QTest::newRow("from flag without value") << u"FROM --platform a"_s << 1 << u"Missing a value on flag: platform"_s;
    QTest::newRow("from flag twice") << u"FROM --platform=a --platform=b c"_s << 1
                                     << u"Duplicate flag specified: platform"_s;
    QTest::newRow("copy one argument") << u"FROM a\nCOPY x"_s << 2
                                       << u"COPY requires at least two arguments, but only one was provided. "
                                          u"Destination could not be determined"_s;
    QTest::newRow("add one argument") << u"ADD x"_s << 1
                                      << u"ADD requires at least two arguments, but only one was provided. "
                                         u"Destination could not be determined"_s;
    QTest::newRow("copy bad bool") << u"COPY --link=maybe a b"_s << 1
                                   << u"Expecting boolean value for flag link, not: maybe"_s;
    QTest::newRow("copy empty bool") << u"COPY --link= a b"_s << 1 << u"Missing a value on flag: link"_s;
    QTest::newRow("copy checksum") << u"COPY --checksum=sha256:x a b"_s << 1 << u"Unknown flag: checksum"_s;
    QTest::newRow("add from") << u"ADD --from=a b c"_s << 1 << u"Unknown flag: from"_s;
    QTest::newRow("copy heredoc destination")
        << u"COPY a <<EOF\nx\nEOF"_s << 1 << u"COPY cannot accept a heredoc as a destination"_s;
    QTest::newRow("env nothing") << u"ENV"_s << 1 << u"ENV requires at least one argument"_s;
    QTest::newRow("env blank name") << u"ENV =x"_s << 1 << u"ENV names can not be blank"_s;
    QTest::newRow("label blank name") << u"LABEL a=b =c"_s << 1 << u"LABEL names can not be blank"_s;
    QTest::newRow("label flag") << u"LABEL --x=1 a=b"_s << 1 << u"Unknown flag: x"_s;
    QTest::newRow("maintainer nothing") << u"MAINTAINER"_s << 1 << u"MAINTAINER requires exactly one argument"_s;
    QTest::newRow("user nothing") << u"USER"_s << 1 << u"USER requires exactly one argument"_s;
    QTest::newRow("user flag") << u"USER --x a"_s << 1 << u"Unknown flag: x"_s;
    QTest::newRow("workdir nothing") << u"WORKDIR"_s << 1 << u"WORKDIR requires exactly one argument"_s;
    QTest::newRow("volume nothing") << u"VOLUME"_s << 1 << u"VOLUME requires at least one argument"_s;
    QTest::newRow("volume blank") << u"VOLUME [\"/a\", \" \"]"_s << 1
                                  << u"VOLUME specified can not be an empty string"_s;
    QTest::newRow("expose nothing") << u"EXPOSE"_s << 1 << u"EXPOSE requires at least one argument"_s;
    QTest::newRow("stopsignal nothing") << u"STOPSIGNAL"_s << 1 << u"STOPSIGNAL requires exactly one argument"_s;
    QTest::newRow("arg nothing") << u"ARG"_s << 1 << u"ARG requires at least one argument"_s;
    QTest::newRow("arg blank name") << u"ARG a =1"_s << 1 << u"ARG names can not be blank"_s;
    QTest::newRow("shell form shell") << u"SHELL /bin/sh -c"_s << 1
                                      << u"SHELL requires the arguments to be in JSON form"_s;
    QTest::newRow("shell empty") << u"SHELL []"_s << 1 << u"SHELL requires at least one argument"_s;
    QTest::newRow("shell nothing") << u"SHELL"_s << 1 << u"SHELL requires at least one argument"_s;
    QTest::newRow("onbuild nothing") << u"ONBUILD"_s << 1 << u"ONBUILD requires at least one argument"_s;
    QTest::newRow("onbuild onbuild") << u"ONBUILD ONBUILD RUN x"_s << 1
                                     << u"Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"_s;
    QTest::newRow("onbuild from") << u"ONBUILD FROM a"_s << 1 << u"FROM isn't allowed as an ONBUILD trigger"_s;
    QTest::newRow("onbuild maintainer") << u"ONBUILD maintainer me"_s << 1
                                        << u"MAINTAINER isn't allowed as an ONBUILD trigger"_s;
    QTest::newRow("healthcheck nothing") << u"HEALTHCHECK"_s << 1 << u"HEALTHCHECK requires at least one argument"_s;
    QTest::newRow("healthcheck none args") << u"HEALTHCHECK NONE x"_s << 1 << u"HEALTHCHECK NONE takes no arguments"_s;
    QTest::newRow("healthcheck type") << u"HEALTHCHECK FOO x"_s << 1
                                      << u"Unknown type \"FOO\" in HEALTHCHECK (try CMD)"_s;
    QTest::newRow("healthcheck no command") << u"HEALTHCHECK CMD"_s << 1 << u"Missing command after HEALTHCHECK CMD"_s;
    QTest::newRow("healthcheck zero interval")
        << u"HEALTHCHECK --interval=0s CMD x"_s << 1 << u"Interval \"interval\" cannot be less than 1ms"_s;
    QTest::newRow("healthcheck tiny timeout")
        << u"HEALTHCHECK --timeout=999us CMD x"_s << 1 << u"Interval \"timeout\" cannot be less than 1ms"_s;
    QTest::newRow("healthcheck bad duration")
        << u"HEALTHCHECK --timeout=abc CMD x"_s << 1 << u"time: invalid duration \"abc\""_s;
    QTest::newRow("healthcheck no unit") << u"HEALTHCHECK --start-period=10 CMD x"_s << 1
                                         << u"time: missing unit in duration \"10\""_s;
    QTest::newRow("healthcheck unknown unit")
        << u"HEALTHCHECK --interval=1d CMD x"_s << 1 << u"time: unknown unit \"d\" in duration \"1d\""_s;
    QTest::newRow("healthcheck retries zero")
        << u"HEALTHCHECK --retries=0 CMD x"_s << 1 << u"--retries must be at least 1 (not 0)"_s;
    QTest::newRow("healthcheck retries text")
        << u"HEALTHCHECK --retries=x CMD x"_s << 1 << u"strconv.ParseInt: parsing \"x\": invalid syntax"_s;
    QTest::newRow("healthcheck flag") << u"HEALTHCHECK --foo=1 CMD x"_s << 1 << u"Unknown flag: foo"_s;
    QTest::newRow("cmd flag") << u"CMD --x a"_s << 1 << u"Unknown flag: x"_s;
    QTest::newRow("run network") << u"FROM a\n\nRUN --network=bridge \\\n  x"_s << 3
                                 << u"invalid network mode \"bridge\""_s;
    QTest::newRow("run unknown flag") << u"RUN --device=x y"_s << 1 << u"Unknown flag: device"_s;
    QTest::newRow("run mount without value")
        << u"RUN --mount type=cache x"_s << 1 << u"Missing a value on flag: mount"_s;
    QTest::newRow("mount type") << u"RUN --mount=type=foo x"_s << 1 << u"unsupported mount type \"foo\""_s;
    QTest::newRow("mount key") << u"RUN --mount=type=cache,target=/x,color=red x"_s << 1
                               << u"unexpected key 'color' in 'color=red'"_s;
    QTest::newRow("mount mode on bind") << u"RUN --mount=type=bind,mode=0755 x"_s << 1
                                        << u"mode not allowed for \"bind\" type mounts"_s;
    QTest::newRow("mount uid on tmpfs") << u"RUN --mount=type=tmpfs,uid=1 x"_s << 1
                                        << u"uid not allowed for \"tmpfs\" type mounts"_s;
    QTest::newRow("mount sharing value") << u"RUN --mount=type=cache,sharing=everyone,target=/x y"_s << 1
                                         << u"unsupported sharing value \"everyone\""_s;
    QTest::newRow("mount ro value") << u"RUN --mount=type=cache,ro=maybe,target=/x y"_s << 1
                                    << u"invalid value for ro: maybe"_s;
    QTest::newRow("mount required on bind")
        << u"RUN --mount=type=bind,required x"_s << 1 << u"unexpected key 'required' for mount type 'bind'"_s;
    QTest::newRow("mount bare field") << u"RUN --mount=type=cache,foo x"_s << 1
                                      << u"invalid field 'foo' must be a key=value pair"_s;
    QTest::newRow("mount secret target") << u"RUN --mount=type=secret y"_s << 1
                                         << u"invalid secret mount. one of source, target required"_s;
    QTest::newRow("mount secret from") << u"RUN --mount=type=secret,id=a,from=b y"_s << 1
                                       << u"secret mount should not have a from"_s;
    QTest::newRow("mount sharing on tmpfs") << u"RUN --mount=type=tmpfs,target=/t,sharing=locked y"_s << 1
                                            << u"invalid cache sharing set for tmpfs mount"_s;
    QTest::newRow("mount uid") << u"RUN --mount=type=cache,uid=x,target=/t y"_s << 1 << u"invalid value x for uid"_s;
    QTest::newRow("mount mode") << u"RUN --mount=type=cache,mode=9,target=/t y"_s << 1 << u"invalid value 9 for mode"_s;
    QTest::newRow("mount size") << u"RUN --mount=type=tmpfs,target=/t,size=lots y"_s << 1
                                << u"invalid value for size: lots"_s;
    QTest::newRow("mount size on cache") << u"RUN --mount=type=cache,target=/t,size=1m y"_s << 1
                                         << u"unexpected key 'size' for mount type 'cache'"_s;
}

void TestInstructions::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const auto instruction = lastInstruction(text);
    QVERIFY(!instruction.has_value());
    QCOMPARE(instruction.error().message, message);
    QCOMPARE(instruction.error().line, line);
    QCOMPARE(instruction.error().text(), u"dockerfile parse error line %1: %2"_s.arg(line).arg(message));
    QCOMPARE(instruction.error().toError().message, instruction.error().text());
}

void TestInstructions::from()
{
    auto from = command<From>(u"FROM alpine"_s);
    QCOMPARE(from.baseName, u"alpine"_s);
    QVERIFY(from.stageName.isEmpty());
    from = command<From>(u"from --platform=linux/amd64 golang:1.21 as Build-1.x_y"_s);
    QCOMPARE(from.baseName, u"golang:1.21"_s);
    QCOMPARE(from.stageName, u"build-1.x_y"_s);
    QCOMPARE(from.platform, u"linux/amd64"_s);
    from = command<From>(u"FROM scratch AS final"_s);
    QCOMPARE(from.baseName, u"scratch"_s);
    QCOMPARE(from.stageName, u"final"_s);
    from = command<From>(u"FROM ${IMAGE}:${TAG:-latest}"_s); // expanded by the stage list
    QCOMPARE(from.baseName, u"${IMAGE}:${TAG:-latest}"_s);
}

void TestInstructions::run()
{
    auto run = command<Run>(u"RUN apt-get update && apt-get install -y \\\n    curl"_s);
    QCOMPARE(run.command.args, QStringList{ u"apt-get update && apt-get install -y     curl"_s });
    QVERIFY(run.command.shellForm);
    QCOMPARE(run.network, u"default"_s);
    run = command<Run>(u"RUN [\"/bin/bash\", \"-c\", \"echo hello\"]"_s);
    QCOMPARE(run.command.args, (QStringList{ u"/bin/bash"_s, u"-c"_s, u"echo hello"_s }));
    QVERIFY(!run.command.shellForm);
    for (const QString &mode : { u"none"_s, u"host"_s, u"default"_s }) {
        run = command<Run>(u"RUN --network=%1 x"_s.arg(mode));
        QCOMPARE(run.network, mode);
    }
    run = command<Run>(u"RUN <<EOF\n\techo a\nEOF\n"_s);
    QCOMPARE(run.command.args, QStringList{ u"<<EOF"_s });
    QCOMPARE(run.command.files.size(), 1);
    QCOMPARE(run.command.files.first().content, u"\techo a\n"_s);
    run = command<Run>(u"RUN <<-EOF\n\techo a\n\t\tEOF\n"_s);
    QCOMPARE(run.command.files.first().content, u"echo a\n"_s);
}

void TestInstructions::runMounts()
{
    auto run = command<Run>(
        u"RUN --mount=type=cache,target=/root/.cache/go-build,id=gocache,sharing=locked,mode=0750,uid=1000,gid=1000 "
        u"--mount=type=bind,from=build,source=/out,target=/in,rw go build"_s);
    QCOMPARE(run.mounts.size(), 2);
    const RunMount &cache = run.mounts[0];
    QCOMPARE(cache.type, RunMount::Type::Cache);
    QCOMPARE(cache.target, u"/root/.cache/go-build"_s);
    QCOMPARE(cache.id, u"gocache"_s);
    QCOMPARE(cache.sharing, RunMount::Sharing::Locked);
    QCOMPARE(cache.mode, std::optional<uint>(0750));
    QCOMPARE(cache.uid, std::optional<uint>(1000));
    QCOMPARE(cache.gid, std::optional<uint>(1000));
    QVERIFY(!cache.readOnly); // caches are writable unless told
    const RunMount &bind = run.mounts[1];
    QCOMPARE(bind.type, RunMount::Type::Bind);
    QCOMPARE(bind.from, u"build"_s);
    QCOMPARE(bind.source, u"/out"_s);
    QCOMPARE(bind.target, u"/in"_s);
    QVERIFY(!bind.readOnly);
    QCOMPARE(run.command.args, QStringList{ u"go build"_s });

    run = command<Run>(u"RUN --mount=target=/src x"_s); // bind by default, read-only
    QCOMPARE(run.mounts.first().type, RunMount::Type::Bind);
    QVERIFY(run.mounts.first().readOnly);
    run = command<Run>(u"RUN --mount=type=tmpfs,dst=/t,size=64m x"_s);
    QCOMPARE(run.mounts.first().sizeLimit, std::optional<qint64>(64 * 1024 * 1024));
    run = command<Run>(u"RUN --mount=type=secret,id=aws,required x"_s);
    QVERIFY(run.mounts.first().required);
    QVERIFY(run.mounts.first().readOnly);
    run = command<Run>(u"RUN --mount=\"type=cache,target=/a b\" x"_s);
    QCOMPARE(run.mounts.first().target, u"/a b"_s);
    run = command<Run>(u"RUN --mount=type=cache,target=/c,ro=true x"_s);
    QVERIFY(run.mounts.first().readOnly);
}

void TestInstructions::cmdAndEntrypoint()
{
    auto cmd = command<Cmd>(u"CMD echo \"hello world\""_s);
    QCOMPARE(cmd.command.args, QStringList{ u"echo \"hello world\""_s });
    QVERIFY(cmd.command.shellForm);
    cmd = command<Cmd>(u"CMD [\"nginx\", \"-g\", \"daemon off;\"]"_s);
    QCOMPARE(cmd.command.args, (QStringList{ u"nginx"_s, u"-g"_s, u"daemon off;"_s }));
    QVERIFY(!cmd.command.shellForm);
    cmd = command<Cmd>(u"CMD [\"$HOME\"]"_s); // no substitution in the exec form
    QCOMPARE(cmd.command.args, QStringList{ u"$HOME"_s });
    auto entrypoint = command<Entrypoint>(u"ENTRYPOINT [\"top\", \"-b\"]"_s);
    QCOMPARE(entrypoint.command.args, (QStringList{ u"top"_s, u"-b"_s }));
    entrypoint = command<Entrypoint>(u"ENTRYPOINT []"_s);
    QVERIFY(entrypoint.command.args.isEmpty());
    QVERIFY(!entrypoint.command.shellForm);
}

void TestInstructions::shell()
{
    const auto shell = command<Shell>(u"SHELL [\"powershell\", \"-command\"]"_s);
    QCOMPARE(shell.shell, (QStringList{ u"powershell"_s, u"-command"_s }));
}

void TestInstructions::envAndLabel()
{
    auto env = command<Env>(u"ENV MY_NAME=\"John Doe\" MY_DOG=Rex\\ The\\ Dog \\\n    MY_CAT=fluffy"_s);
    QCOMPARE(env.variables,
        (QList<KeyValue>{ { u"MY_NAME"_s, u"\"John Doe\""_s }, { u"MY_DOG"_s, u"Rex\\ The\\ Dog"_s },
            { u"MY_CAT"_s, u"fluffy"_s } }));
    env = command<Env>(u"ENV MY_VAR my-value with spaces"_s);
    QCOMPARE(env.variables, (QList<KeyValue>{ { u"MY_VAR"_s, u"my-value with spaces"_s } }));
    const auto label = command<Label>(u"LABEL version=\"1.0\" description=\"This text illustrates \\\n"
                                      u"that label-values can span multiple lines.\""_s);
    QCOMPARE(label.labels,
        (QList<KeyValue>{ { u"version"_s, u"\"1.0\""_s },
            { u"description"_s, u"\"This text illustrates that label-values can span multiple lines.\""_s } }));
}

void TestInstructions::expose()
{
    const auto expose = command<Expose>(u"EXPOSE 80/udp 443 80/tcp 8000-8010"_s);
    QCOMPARE(expose.ports, (QStringList{ u"443"_s, u"80/tcp"_s, u"80/udp"_s, u"8000-8010"_s }));
}

void TestInstructions::copyAndAdd()
{
    auto copy = command<Copy>(u"COPY --from=build --chown=55:mygroup --chmod=644 --link files* /mydir/"_s);
    QVERIFY(!copy.add);
    QCOMPARE(copy.sources, QStringList{ u"files*"_s });
    QCOMPARE(copy.destination, u"/mydir/"_s);
    QCOMPARE(copy.from, u"build"_s);
    QCOMPARE(copy.chown, u"55:mygroup"_s);
    QCOMPARE(copy.chmod, u"644"_s);
    QVERIFY(copy.link);
    copy = command<Copy>(u"COPY [\"a b\", \"c\", \"/dest dir/\"]"_s);
    QCOMPARE(copy.sources, (QStringList{ u"a b"_s, u"c"_s }));
    QCOMPARE(copy.destination, u"/dest dir/"_s);
    QVERIFY(!copy.link);
    copy = command<Copy>(u"COPY --link=false a b"_s);
    QVERIFY(!copy.link);
    copy = command<Copy>(u"ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                         u"https://example.com/a.tar.gz /"_s);
    QVERIFY(copy.add);
    QCOMPARE(copy.checksum, u"sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"_s);
    QCOMPARE(copy.sources, QStringList{ u"https://example.com/a.tar.gz"_s });
}

void TestInstructions::heredocSources()
{
    auto copy = command<Copy>(u"COPY <<EOF /etc/motd\nhello $USER\nEOF"_s);
    QVERIFY(copy.sources.isEmpty());
    QCOMPARE(copy.inlineSources.size(), 1);
    QCOMPARE(copy.inlineSources.first().name, u"EOF"_s);
    QCOMPARE(copy.inlineSources.first().content, u"hello $USER\n"_s);
    QVERIFY(copy.inlineSources.first().expand);
    QCOMPARE(copy.destination, u"/etc/motd"_s);

    copy = command<Copy>(u"COPY <<-\"A\" ./b <<B /dest/\n\tone\n\tA\ntwo\nB\n"_s);
    QCOMPARE(copy.sources, QStringList{ u"./b"_s });
    QCOMPARE(copy.inlineSources.size(), 2);
    QCOMPARE(copy.inlineSources[0].content, u"one\n"_s);
    QVERIFY(!copy.inlineSources[0].expand);
    QCOMPARE(copy.inlineSources[1].content, u"two\n"_s);
}

void TestInstructions::volume()
{
    auto volume = command<Volume>(u"VOLUME [\"/data\", \"/var/log\"]"_s);
    QCOMPARE(volume.paths, (QStringList{ u"/data"_s, u"/var/log"_s }));
    volume = command<Volume>(u"VOLUME /var/log /var/db"_s);
    QCOMPARE(volume.paths, (QStringList{ u"/var/log"_s, u"/var/db"_s }));
}

void TestInstructions::arg()
{
    const auto arg = command<Arg>(u"ARG user1 buildno=1 empty= quoted=\"a b\""_s);
    QCOMPARE(arg.args,
        (QList<ArgDeclaration>{ { u"user1"_s, std::nullopt }, { u"buildno"_s, u"1"_s }, { u"empty"_s, QString() },
            { u"quoted"_s, u"\"a b\""_s } }));
}

void TestInstructions::onbuild()
{
    auto onbuild = command<Onbuild>(u"  onbuild ADD . /app/src"_s);
    QCOMPARE(onbuild.expression, u"ADD . /app/src"_s);
    QCOMPARE(onbuild.triggerKeyword, u"add"_s);
    onbuild = command<Onbuild>(u"ONBUILD RUN <<EOF\necho hi\nEOF"_s);
    QCOMPARE(onbuild.expression, u"RUN <<EOF\necho hi\nEOF"_s);
}

void TestInstructions::healthcheck()
{
    auto check = command<Healthcheck>(
        u"HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s --retries=3 \\\n  CMD curl -f http://localhost/ || exit 1"_s);
    QCOMPARE(check.test, (QStringList{ u"CMD-SHELL"_s, u"curl -f http://localhost/ || exit 1"_s }));
    QCOMPARE(check.interval, std::chrono::nanoseconds(5min));
    QCOMPARE(check.timeout, std::chrono::nanoseconds(3s));
    QCOMPARE(check.startPeriod, std::chrono::nanoseconds(90s));
    QCOMPARE(check.retries, 3);
    check = command<Healthcheck>(u"HEALTHCHECK CMD [\"/bin/check\", \"-q\"]"_s);
    QCOMPARE(check.test, (QStringList{ u"CMD"_s, u"/bin/check"_s, u"-q"_s }));
    QCOMPARE(check.interval, std::chrono::nanoseconds(0));
    QCOMPARE(check.retries, 0);
    check = command<Healthcheck>(u"healthcheck none"_s);
    QCOMPARE(check.test, QStringList{ u"NONE"_s });
    check = command<Healthcheck>(u"HEALTHCHECK --interval=1.5s --timeout=250ms cmd true"_s);
    QCOMPARE(check.interval, std::chrono::nanoseconds(1500ms));
    QCOMPARE(check.timeout, std::chrono::nanoseconds(250ms));
    QCOMPARE(check.test.first(), u"CMD-SHELL"_s);
}

void TestInstructions::singleWords()
{
    QCOMPARE(command<User>(u"USER patrick:staff"_s).user, u"patrick:staff"_s);
    QCOMPARE(command<Workdir>(u"WORKDIR /path/$DIRNAME"_s).path, u"/path/$DIRNAME"_s);
    QCOMPARE(command<StopSignal>(u"STOPSIGNAL SIGKILL"_s).signal, u"SIGKILL"_s);
    QCOMPARE(command<Maintainer>(u"MAINTAINER Jane Doe <jane@example.com>"_s).name, u"Jane Doe <jane@example.com>"_s);
}

void TestInstructions::lines()
{
    const auto instruction = lastInstruction(u"FROM a\n\nRUN a \\\n  b \\\n  c\n"_s);
    QVERIFY(instruction.has_value());
    QCOMPARE(instruction->startLine, 3);
    QCOMPARE(instruction->endLine, 5);
    QCOMPARE(instruction->keyword, u"run"_s);
    QCOMPARE(instruction->original, u"RUN a   b   c"_s);
}

QTEST_GUILESS_MAIN(TestInstructions)
#include "tst_instructions.moc"
