// The stats history (engine/stats/history.h): seconds and minutes kept in
// files that outlive the process, a record cut short by a crash dropped,
// files rewritten to their window, minutes averaged; and a sample computed
// from cgroup readings as docker stats does.

#include "engine/stats/history.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muelle::engine::stats;

namespace {

constexpr qint64 start = 1'700'000'040'000; // a whole minute

Sample at(qint64 ms, double cpu = 10, quint64 memory = 1000)
{
    Sample sample;
    sample.timeMs = ms;
    sample.cpuPercent = cpu;
    sample.memoryBytes = memory;
    sample.networkRx = quint64(ms - start); // a counter that only grows
    return sample;
}

} // namespace

class TestStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsSamplesAcrossInstances()
    {
        QTemporaryDir dir;
        {
            History history(dir.path() + QStringLiteral("/stats"));
            QVERIFY(history.load());
            for (int i = 0; i < 5; ++i)
                QVERIFY(history.add(at(start + i * 1000)));
        }
        History again(dir.path() + QStringLiteral("/stats"));
        QVERIFY(again.load());
        const QList<Sample> seconds = again.samples(Resolution::Second, start + 5000);
        QCOMPARE(seconds.size(), 5);
        QCOMPARE(seconds.first().timeMs, start);
        QCOMPARE(seconds.last().networkRx, quint64(4000));
    }

    void missingFilesAreAnEmptyHistory()
    {
        QTemporaryDir dir;
        History history(dir.path() + QStringLiteral("/nothing"));
        QVERIFY(history.load());
        QVERIFY(history.samples(Resolution::Second, start).isEmpty());
        QVERIFY(history.samples(Resolution::Minute, start).isEmpty());
    }

    void dropsARecordCutShortAndStaysAligned()
    {
        QTemporaryDir dir;
        const QString stats = dir.path() + QStringLiteral("/stats");
        {
            History history(stats);
            QVERIFY(history.add(at(start)));
            QVERIFY(history.add(at(start + 1000)));
        }
        QFile seconds(stats + QStringLiteral("/seconds"));
        QVERIFY(seconds.open(QIODevice::Append));
        seconds.write(QByteArray(20, 'x')); // a crash in the middle of an append
        seconds.close();
        {
            History history(stats);
            QVERIFY(history.load());
            QCOMPARE(history.samples(Resolution::Second, start + 2000).size(), 2);
            QVERIFY(history.add(at(start + 2000, 55)));
        }
        History reread(stats);
        QVERIFY(reread.load());
        const QList<Sample> kept = reread.samples(Resolution::Second, start + 3000);
        QCOMPARE(kept.size(), 3);
        QCOMPARE(kept.last().cpuPercent, 55.0);
        QCOMPARE(QFileInfo(seconds).size(), 3 * qint64(sizeof(Sample)));
    }

    void averagesEachMinute()
    {
        QTemporaryDir dir;
        History history(dir.path());
        // Minute one: 10 and 30 % CPU; minute two starts, closing it.
        QVERIFY(history.add(at(start, 10, 1000)));
        QVERIFY(history.add(at(start + 30'000, 30, 3000)));
        QVERIFY(history.add(at(start + 60'000, 50, 5000)));
        const QList<Sample> minutes = history.samples(Resolution::Minute, start + 61'000);
        QCOMPARE(minutes.size(), 1);
        QCOMPARE(minutes.first().timeMs, start);
        QCOMPARE(minutes.first().cpuPercent, 20.0);
        QCOMPARE(minutes.first().memoryBytes, quint64(2000));
        QCOMPARE(minutes.first().networkRx, quint64(30'000)); // counters: the minute's last
    }

    void keepsOnlyItsWindow()
    {
        QTemporaryDir dir;
        const QString stats = dir.path() + QStringLiteral("/stats");
        History history(stats);
        const int samples = 3600 * 2 + 10; // past twice the window: the file is rewritten
        for (int i = 0; i < samples; ++i)
            QVERIFY(history.add(at(start + qint64(i) * 1000)));
        const qint64 now = start + qint64(samples) * 1000;
        const QList<Sample> hour = history.samples(Resolution::Second, now);
        QVERIFY(hour.size() <= 3600);
        QVERIFY(hour.size() >= 3599);
        QVERIFY(hour.first().timeMs > now - 3600 * 1000);
        QVERIFY(QFileInfo(stats + QStringLiteral("/seconds")).size() <= 2 * 3600 * qint64(sizeof(Sample)));
        QCOMPARE(history.samples(Resolution::Minute, now).size(), samples / 60);
        // What the files hold is what was kept.
        History reread(stats);
        QVERIFY(reread.load());
        QCOMPARE(reread.samples(Resolution::Second, now).size(), hour.size());
    }

    void sampleIsDockersArithmetic()
    {
        muelle::engine::cgroups::Stats stats;
        stats.cpuTotalNs = 3'000'000'000;
        stats.systemCpuNs = 20'000'000'000;
        stats.onlineCpus = 2;
        stats.memoryUsage = 10'000;
        stats.memoryStat = { { QStringLiteral("total_inactive_file"), 4'000 } };
        stats.blkio = { { 8, 0, QStringLiteral("read"), 100 }, { 8, 16, QStringLiteral("read"), 50 },
            { 8, 0, QStringLiteral("write"), 7 } };
        // 1 s of the container's CPU in 10 s of all CPUs' time, 2 CPUs: 20 %.
        const Sample sample = sampleOf(stats, { 5, 6 }, { 2'000'000'000, 10'000'000'000 }, start);
        QCOMPARE(sample.cpuPercent, 20.0);
        QCOMPARE(sample.memoryBytes, quint64(6'000));
        QCOMPARE(sample.blockRead, quint64(150));
        QCOMPARE(sample.blockWrite, quint64(7));
        QCOMPARE(sample.networkTx, quint64(6));
        // No previous reading: no share yet.
        QCOMPARE(sampleOf(stats, {}, {}, start).cpuPercent, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
