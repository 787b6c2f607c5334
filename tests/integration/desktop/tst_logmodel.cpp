// The container page's log (LogModel, LogSearch) over a real muelled on a
// private bus (run by with_engine.sh): 100,000 lines arrive through the
// descriptor the engine passes and land in a few batched inserts (one per
// read, never a row at a time), in order; new lines are followed; the
// search filters; the stream ends when the container stops.

#include "desktop/dbusengineclient.h"
#include "desktop/logmodel.h"
#include "docker.h"
#include "modeltester.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestLogModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
        if (address.isEmpty())
            QSKIP("MUELLE_TEST_BUS is not set: run me through with_engine.sh");
        QDBusConnection bus = QDBusConnection::connectToBus(address, u"logs"_s);
        QVERIFY(bus.isConnected());
        client_ = std::make_unique<DbusEngineClient>(bus);
        docker({ u"run"_s, u"-d"_s, u"--name"_s, u"many"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sh"_s, u"-c"_s,
            u"seq 1 100000; sleep 1; echo oops >&2; exec sleep 300"_s });
        // All of it written before the app looks.
        QTRY_VERIFY_WITH_TIMEOUT(docker({ u"logs"_s, u"--tail"_s, u"1"_s, u"many"_s }).isEmpty() == false, 30000);
        QTest::qWait(1000);
    }

    void cleanupTestCase() { docker({ u"rm"_s, u"-f"_s, u"many"_s }); }

    void hundredThousandLinesInBatches()
    {
        LogModel log(*client_);
        checkModel(log);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&log, &QAbstractItemModel::modelReset);
        QElapsedTimer took;
        took.start();
        log.open(u"many"_s);
        QTRY_VERIFY_WITH_TIMEOUT(log.rowCount() == 100001, 60000);
        qInfo("100,001 lines loaded in %lld ms, %lld inserts", took.elapsed(), qlonglong(inserted.count()));
        QVERIFY2(inserted.count() < 2000, qPrintable(QString::number(inserted.count())));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(log.index(0).data(LogModel::TextRole).toString(), u"1"_s);
        QCOMPARE(log.index(99999).data(LogModel::TextRole).toString(), u"100000"_s);
        QCOMPARE(log.index(99999).data(LogModel::StreamRole).toString(), u"stdout"_s);
        QCOMPARE(log.index(100000).data(LogModel::StreamRole).toString(), u"stderr"_s);
        QVERIFY(log.index(0).data(LogModel::TimeRole).toString().endsWith(u'Z'));
        QCOMPARE(log.text(0, 2, false), u"1\n2\n3"_s);

        LogSearch search(log);
        checkModel(search);
        search.setText(u"99999"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.index(0, 0).data(LogModel::TextRole).toString(), u"99999"_s);
        QCOMPARE(search.sourceRow(0), 99998);
        search.setText(u"OOPS"_s);
        QCOMPARE(search.count(), 1);

        // Followed: a new line arrives, and the search sees it too.
        QVERIFY(log.following());
        docker({ u"exec"_s, u"many"_s, u"sh"_s, u"-c"_s, u"echo oops again >/proc/1/fd/2"_s });
        QTRY_COMPARE(log.rowCount(), 100002);
        QTRY_COMPARE(search.count(), 2);
        // The stream ends when the container stops.
        docker({ u"stop"_s, u"-t"_s, u"0"_s, u"many"_s });
        QTRY_VERIFY_WITH_TIMEOUT(!log.following(), 20000);
        QCOMPARE(log.lastError(), QString());
    }

    void unknownContainer()
    {
        LogModel log(*client_);
        checkModel(log);
        log.open(u"nosuchcontainer"_s);
        QTRY_VERIFY(!log.lastError().isEmpty());
        QVERIFY(log.lastError().contains(u"No such container"_s));
        QCOMPARE(log.rowCount(), 0);
    }

private:
    std::unique_ptr<DbusEngineClient> client_;
};

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
