// muelled and muelle-shim speak through engine/shim/protocol.h: what one
// side writes the other reads back the same, and what neither would write
// (unknown verbs, missing or non-numeric arguments, bad flags) is refused
// with a reason.
#include "engine/shim/protocol.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace muelle::engine::shim;

namespace {

std::optional<Options> parsed(const std::vector<std::string> &arguments, std::string &error)
{
    std::vector<std::string> argv = { "muelle-shim" };
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char *> pointers;
    for (std::string &arg : argv)
        pointers.push_back(arg.data());
    return parseArguments(int(pointers.size()), pointers.data(), error);
}

} // namespace

class TestProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void argumentsRoundTrip()
    {
        Options container;
        container.id = "c0ffee";
        container.dir = "/var/lib/muelle/containers/c0ffee";
        container.socket = "/run/muelle/s/c0ffee.sock";
        container.bundle = container.dir;
        container.runtimeRoot = "/run/muelle/runc";
        container.tty = true;
        container.stdinOpen = true;
        container.stdinOnce = true;
        container.logPath = container.dir + "/c0ffee-json.log";
        container.logMaxSize = 1 << 20;
        container.logMaxFiles = 3;
        container.oomFile = "/sys/fs/cgroup/memory/muelle/c0ffee/memory.oom_control";
        std::string error;
        auto back = parsed(toArguments(container), error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->id, container.id);
        QCOMPARE(back->bundle, container.bundle);
        QVERIFY(back->tty && back->stdinOpen && back->stdinOnce);
        QCOMPARE(back->logMaxSize, container.logMaxSize);
        QCOMPARE(back->logMaxFiles, 3);
        QCOMPARE(back->oomFile, container.oomFile);
        QVERIFY(!back->execMode());

        Options exec = container;
        exec.bundle.clear();
        exec.execProcess = "/var/lib/muelle/containers/c0ffee/exec/e1/process.json";
        exec.logPath.clear();
        back = parsed(toArguments(exec), error);
        QVERIFY2(back, error.c_str());
        QVERIFY(back->execMode());
        QVERIFY(back->logPath.empty());
    }

    void badArgumentsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QStringList base
            = { u"--id"_s, u"x"_s, u"--dir"_s, u"/d"_s, u"--socket"_s, u"/s"_s, u"--runtime-root"_s, u"/r"_s };
        QTest::addRow("unknown flag") << base + QStringList{ u"--bundle"_s, u"/b"_s, u"--frobnicate"_s }
                                      << u"unknown option"_s;
        QTest::addRow("no bundle nor exec") << base << u"either --bundle or --exec-process"_s;
        QTest::addRow("both bundle and exec")
            << base + QStringList{ u"--bundle"_s, u"/b"_s, u"--exec-process"_s, u"/p"_s }
            << u"either --bundle or --exec-process"_s;
        QTest::addRow("missing value") << QStringList{ u"--id"_s } << u"--id needs a value"_s;
        QTest::addRow("not a number") << base + QStringList{ u"--bundle"_s, u"/b"_s, u"--log-max-size"_s, u"1m"_s }
                                      << u"--log-max-size wants a number"_s;
        QTest::addRow("no id") << QStringList{ u"--dir"_s, u"/d"_s, u"--bundle"_s, u"/b"_s } << u"are required"_s;
    }

    void badArgumentsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        std::vector<std::string> args;
        for (const QString &arg : arguments)
            args.push_back(arg.toStdString());
        std::string error;
        QVERIFY(!parsed(args, error));
        QVERIFY2(QString::fromStdString(error).contains(says), error.c_str());
    }

    void commandsRoundTrip()
    {
        for (const Command &command : { Command::start(), Command::attach(true, false, true), Command::resize(40, 120),
                 Command::kill(9), Command::wait(), Command::state() }) {
            const std::string line = formatCommand(command);
            QVERIFY(line.ends_with('\n'));
            std::string error;
            auto back = parseCommand(line, error);
            QVERIFY2(back, error.c_str());
            QVERIFY(*back == command);
        }
        QCOMPARE(formatCommand(Command::kill(15)), std::string("kill 15\n"));
        QCOMPARE(formatCommand(Command::attach(false, true, true)), std::string("attach 0 1 1\n"));
    }

    void badCommandsAreRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("says");
        QTest::addRow("unknown verb") << u"explode"_s << u"unknown command explode"_s;
        QTest::addRow("empty") << u""_s << u"empty command"_s;
        QTest::addRow("kill without a signal") << u"kill"_s << u"kill takes 1 arguments"_s;
        QTest::addRow("kill with a word") << u"kill TERM"_s << u"\"TERM\" is not a number"_s;
        QTest::addRow("kill of no signal") << u"kill 99"_s << u"no signal 99"_s;
        QTest::addRow("resize too big") << u"resize 70000 80"_s << u"rows and columns"_s;
        QTest::addRow("attach short") << u"attach 1 1"_s << u"attach takes 3 arguments"_s;
        QTest::addRow("start with arguments") << u"start now"_s << u"is not a number"_s;
    }

    void badCommandsAreRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, says);
        std::string error;
        QVERIFY(!parseCommand(line.toStdString(), error));
        QVERIFY2(QString::fromStdString(error).contains(says), error.c_str());
    }

    void repliesAndExits()
    {
        QCOMPARE(okReply(), std::string("ok\n"));
        auto ok = parseReply(okReply("1234"));
        QVERIFY(ok && ok->ok && ok->text == "1234");
        auto error = parseReply(errorReply("the process is not running"));
        QVERIFY(error && !error->ok && error->text == "the process is not running");
        QVERIFY(!parseReply("maybe\n"));

        const ExitLine exit{ 137, true, "2026-12-07T10:00:00.123456789Z" };
        QCOMPARE(parseExit(formatExit(exit)), std::optional<ExitLine>(exit));
        QVERIFY(!parseExit("exit 1 0\n"));
        QVERIFY(!parseExit("exit x 0 now\n"));
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
