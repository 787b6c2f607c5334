// A container's status anchored and worded again (src/desktop/containerstatus.h,
// src/base/humanduration.h):
// every form Docker's list gives, read and written back the same, and a
// duration worded as go-units' HumanDuration does across its boundaries.

#include "base/humanduration.h"
#include "desktop/containerstatus.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

constexpr qint64 minute = 60, hour = 3600, day = 86400;

} // namespace

class TestContainerStatus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<qint64>("elapsed"); // -1: none
        QTest::addColumn<QString>("suffix");
        QTest::newRow("up now") << u"Up Less than a second"_s << u"Up "_s << 0LL << QString();
        QTest::newRow("up 1 second") << u"Up 1 second"_s << u"Up "_s << 1LL << QString();
        QTest::newRow("up seconds") << u"Up 42 seconds"_s << u"Up "_s << 42LL << QString();
        QTest::newRow("up a minute") << u"Up About a minute"_s << u"Up "_s << minute << QString();
        QTest::newRow("healthy") << u"Up 5 minutes (healthy)"_s << u"Up "_s << 5 * minute << u" (healthy)"_s;
        QTest::newRow("starting") << u"Up 3 seconds (health: starting)"_s << u"Up "_s << 3LL
                                  << u" (health: starting)"_s;
        QTest::newRow("paused") << u"Up About a minute (Paused)"_s << u"Up "_s << minute << u" (Paused)"_s;
        QTest::newRow("an hour") << u"Up About an hour"_s << u"Up "_s << hour << QString();
        QTest::newRow("hours") << u"Up 47 hours"_s << u"Up "_s << 47 * hour << QString();
        QTest::newRow("days") << u"Up 13 days (unhealthy)"_s << u"Up "_s << 13 * day << u" (unhealthy)"_s;
        QTest::newRow("weeks") << u"Up 8 weeks"_s << u"Up "_s << 56 * day << QString();
        QTest::newRow("months") << u"Up 23 months"_s << u"Up "_s << 23 * 30 * day << QString();
        QTest::newRow("years") << u"Up 3 years"_s << u"Up "_s << 3 * 365 * day << QString();
        QTest::newRow("exited") << u"Exited (0) 2 hours ago"_s << u"Exited (0) "_s << 2 * hour << u" ago"_s;
        QTest::newRow("exited now") << u"Exited (137) Less than a second ago"_s << u"Exited (137) "_s << 0LL
                                    << u" ago"_s;
        QTest::newRow("restarting") << u"Restarting (1) 3 seconds ago"_s << u"Restarting (1) "_s << 3LL << u" ago"_s;
        QTest::newRow("created") << u"Created"_s << u"Created"_s << -1LL << QString();
        QTest::newRow("dead") << u"Dead"_s << u"Dead"_s << -1LL << QString();
        QTest::newRow("removing") << u"Removal In Progress"_s << u"Removal In Progress"_s << -1LL << QString();
        QTest::newRow("empty") << QString() << QString() << -1LL << QString();
    }
    void parse()
    {
        QFETCH(QString, status);
        QFETCH(QString, prefix);
        QFETCH(qint64, elapsed);
        QFETCH(QString, suffix);
        const StatusAnchor anchor = parseStatus(status);
        QCOMPARE(anchor.prefix, prefix);
        QCOMPARE(anchor.elapsed.value_or(-1), elapsed);
        QCOMPARE(anchor.suffix, suffix);
        // Worded again at once, it is what the engine said.
        QCOMPARE(statusAfter(anchor, anchor.elapsed.value_or(0)), status);
    }

    // Every wording HumanDuration has, each count it can show: parsed,
    // then worded again, it is the same.
    void roundTrip()
    {
        QStringList words{ u"Less than a second"_s, u"1 second"_s, u"About a minute"_s, u"About an hour"_s };
        for (int n = 2; n < 60; ++n)
            words << u"%1 seconds"_s.arg(n) << u"%1 minutes"_s.arg(n);
        for (int n = 2; n < 48; ++n)
            words << u"%1 hours"_s.arg(n);
        for (int n = 2; n < 14; ++n)
            words << u"%1 days"_s.arg(n);
        for (int n = 2; n <= 8; ++n)
            words << u"%1 weeks"_s.arg(n);
        for (int n = 2; n < 24; ++n)
            words << u"%1 months"_s.arg(n);
        for (int n = 2; n < 30; ++n)
            words << u"%1 years"_s.arg(n);
        for (const QString &duration : std::as_const(words)) {
            const StatusAnchor anchor = parseStatus(u"Up "_s + duration + u" (healthy)"_s);
            QVERIFY2(anchor.elapsed, qPrintable(duration));
            QCOMPARE(muelle::humanDuration(*anchor.elapsed), duration);
        }
    }

    void humanDuration_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("words");
        QTest::newRow("negative") << -5LL << u"Less than a second"_s;
        QTest::newRow("0") << 0LL << u"Less than a second"_s;
        QTest::newRow("1") << 1LL << u"1 second"_s;
        QTest::newRow("59") << 59LL << u"59 seconds"_s;
        QTest::newRow("60") << 60LL << u"About a minute"_s;
        QTest::newRow("119") << 119LL << u"About a minute"_s;
        QTest::newRow("120") << 120LL << u"2 minutes"_s;
        QTest::newRow("59m59") << hour - 1 << u"59 minutes"_s;
        QTest::newRow("1h") << hour << u"About an hour"_s;
        QTest::newRow("1h29") << hour + 29 * minute << u"About an hour"_s;
        QTest::newRow("1h30 rounds up") << hour + 30 * minute << u"2 hours"_s;
        QTest::newRow("47h") << 47 * hour << u"47 hours"_s;
        QTest::newRow("47h30") << 47 * hour + 30 * minute << u"2 days"_s;
        QTest::newRow("13d") << 13 * day + 23 * hour << u"13 days"_s;
        QTest::newRow("14d") << 14 * day << u"2 weeks"_s;
        QTest::newRow("59d") << 59 * day << u"8 weeks"_s;
        QTest::newRow("60d") << 60 * day << u"2 months"_s;
        QTest::newRow("729d") << 729 * day << u"24 months"_s;
        QTest::newRow("730d") << 730 * day << u"2 years"_s;
        QTest::newRow("10y") << 3653 * day << u"10 years"_s;
    }
    void humanDuration()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, words);
        QCOMPARE(muelle::humanDuration(seconds), words);
    }

    // The app's ticking: the anchor's words, later.
    void ticks()
    {
        const StatusAnchor up = parseStatus(u"Up Less than a second"_s);
        QCOMPARE(statusAfter(up, 5), u"Up 5 seconds"_s);
        QCOMPARE(statusAfter(up, 3 * minute), u"Up 3 minutes"_s);
        const StatusAnchor exited = parseStatus(u"Exited (0) 2 hours ago"_s);
        QCOMPARE(statusAfter(exited, 3 * day), u"Exited (0) 3 days ago"_s);
        QCOMPARE(statusAfter(parseStatus(u"Created"_s), 500), u"Created"_s);
    }
};

QTEST_GUILESS_MAIN(TestContainerStatus)
#include "tst_containerstatus.moc"
