// bench_desktop_build: the app's side of a build (BuildSession, what the
// wizard shows) against a real muelled (desktop_build.sh): the time from
// starting a build to its first step shown, ROUNDS times; then a build
// whose RUN prints LINES lines (1,000 every 0.2 s), with the app's CPU over the build (user +
// system, from /proc/self/stat) and its RSS after and at its peak. Prints
// one JSON object. Env: MUELLE_TEST_BUS, ROUNDS (5), LINES (100000).

#include "desktop/builds/buildsession.h"
#include "desktop/dbusengineclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

qint64 memory(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// This process's CPU time so far, seconds.
double cpuSeconds()
{
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = stat.readAll().split(')').last().trimmed().split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_desktop_build: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    const int rounds = qEnvironmentVariableIntValue("ROUNDS") > 0 ? qEnvironmentVariableIntValue("ROUNDS") : 5;
    const int lines = qEnvironmentVariableIntValue("LINES") > 0 ? qEnvironmentVariableIntValue("LINES") : 100000;
    if (address.isEmpty())
        die(u"MUELLE_TEST_BUS is needed"_s);
    DbusEngineClient client(QDBusConnection::connectToBus(address, u"bench"_s));
    if (!QTest::qWaitFor([&] { return client.isConnected(); }, 10000))
        die(u"no engine"_s);
    BuildSession session(client);
    QTemporaryDir dir;
    const auto build = [&](const QByteArray &dockerfile, bool noCache) {
        QFile file(dir.filePath(u"Dockerfile"_s));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(dockerfile);
        file.close();
        BuildOptions options;
        options.noCache = noCache;
        session.start(dir.path(), options);
    };

    // Build to the first step shown: a small context, FROM a local image.
    QJsonArray firstStep;
    for (int round = 0; round < rounds; ++round) {
        QSignalSpy finished(&session, &BuildSession::finished);
        QElapsedTimer clock;
        clock.start();
        build("FROM busybox\nRUN true\n", true);
        if (!QTest::qWaitFor([&] { return session.rowCount() > 0; }, 30000))
            die(u"no first step: "_s + session.error());
        firstStep.append(double(clock.nsecsElapsed()) / 1e6);
        if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 60000) || session.state() != u"succeeded")
            die(u"the build failed: "_s + session.error());
    }

    // LINES lines of output, as the wizard receives them.
    QSignalSpy finished(&session, &BuildSession::finished);
    const double cpuBefore = cpuSeconds();
    const qint64 rssBefore = memory("VmRSS:");
    QElapsedTimer clock;
    clock.start();
    // In batches of 1,000 a fifth of a second apart, as a long build prints.
    build(u"FROM busybox\nRUN b=0; while [ $b -lt %1 ]; do i=0; while [ $i -lt 1000 ]; do "
          "echo \"output line $b.$i of the benchmark build\"; i=$((i+1)); done; b=$((b+1)); sleep 0.2; done\n"_s
              .arg(lines / 1000)
              .toUtf8(),
        true);
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 600000) || session.state() != u"succeeded")
        die(u"the output build failed: "_s + session.error());
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    QList<double> sorted;
    for (const QJsonValue &v : std::as_const(firstStep))
        sorted.append(v.toDouble());
    std::sort(sorted.begin(), sorted.end());
    const QJsonObject result{ { u"first_step_ms"_s, firstStep },
        { u"first_step_median_ms"_s, sorted.at(sorted.size() / 2) }, { u"lines"_s, session.outputLines() },
        { u"build_s"_s, seconds }, { u"cpu_s"_s, cpu }, { u"cpu_percent"_s, cpu / seconds * 100 },
        { u"rss_before_kib"_s, rssBefore }, { u"rss_after_kib"_s, memory("VmRSS:") },
        { u"rss_peak_kib"_s, memory("VmHWM:") } };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
