// The event bus: times that never tie, `since`/`until` over the kept
// events, subscribers that miss nothing and get nothing twice, and a bound
// on what is kept.
#include "engine/events/events.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <limits>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace muelle::engine::events;

namespace {

Event imageEvent(const QString &action, int n)
{
    return { u"image"_s, action, QString::number(n), { { u"name"_s, u"busybox:%1"_s.arg(n) } }, 0 };
}

constexpr qint64 always = std::numeric_limits<qint64>::max();

// What a subscriber was given, from whichever thread published it.
struct Received {
    QMutex mutex;
    QList<Event> events;
    EventBus::Subscriber subscriber()
    {
        return [this](const Event &event) {
            QMutexLocker lock(&mutex);
            events.append(event);
        };
    }
    QList<Event> take()
    {
        QMutexLocker lock(&mutex);
        return std::exchange(events, {});
    }
};

QStringList actorsOf(const QList<Event> &events)
{
    QStringList actors;
    for (const Event &event : events)
        actors.append(event.actorId);
    return actors;
}

} // namespace

class TestEvents : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timesIncreaseStrictly()
    {
        EventBus bus;
        const qint64 before = QDateTime::currentMSecsSinceEpoch() * 1000000;
        for (int i = 0; i < 500; ++i)
            bus.publish(imageEvent(u"pull"_s, i)); // many within one millisecond
        int id = 0;
        const QList<Event> kept = bus.subscribe(0, always, &id, [](const Event &) {});
        QCOMPARE(kept.size(), 500);
        QVERIFY(kept.first().timeNano >= before);
        for (int i = 1; i < kept.size(); ++i)
            QVERIFY2(kept[i].timeNano > kept[i - 1].timeNano, qPrintable(QString::number(i)));
        // Close to the wall clock: at most one nanosecond per event ahead of it.
        QVERIFY(kept.last().timeNano <= QDateTime::currentMSecsSinceEpoch() * 1000000 + 500);
        QCOMPARE(kept[7].actorId, u"7"_s);
        QCOMPARE(kept[7].attributes.value(u"name"_s), u"busybox:7"_s);
        QCOMPARE(kept[7].type, u"image"_s);
        QCOMPARE(kept[7].action, u"pull"_s);
    }

    void publishSetsTheTimeWhateverTheEventSays()
    {
        EventBus bus;
        Event event = imageEvent(u"tag"_s, 1);
        event.timeNano = 42;
        bus.publish(event);
        int id = 0;
        const QList<Event> kept = bus.subscribe(0, always, &id, [](const Event &) {});
        QCOMPARE(kept.size(), 1);
        QVERIFY(kept.first().timeNano > 42);
    }

    void subscribeGivesTheKeptEventsInRangeThenNewOnes()
    {
        EventBus bus;
        for (int i = 0; i < 5; ++i)
            bus.publish(imageEvent(u"pull"_s, i));
        int probe = 0;
        const QList<Event> all = bus.subscribe(0, always, &probe, [](const Event &) {});
        bus.unsubscribe(probe);
        QCOMPARE(all.size(), 5);

        Received received;
        int id = 0;
        const QList<Event> past = bus.subscribe(all[1].timeNano, all[3].timeNano, &id, received.subscriber());
        QCOMPARE(actorsOf(past), (QStringList{ u"1"_s, u"2"_s, u"3"_s })); // both ends included
        QVERIFY(received.take().isEmpty()); // the past is returned, not given to the subscriber

        bus.publish(imageEvent(u"delete"_s, 5));
        const QList<Event> live = received.take();
        QCOMPARE(actorsOf(live), QStringList{ u"5"_s });
        QCOMPARE(live.first().action, u"delete"_s);
        QVERIFY(live.first().timeNano > all[4].timeNano);

        // Ranges that hold nothing.
        int other = 0;
        QVERIFY(bus.subscribe(all[4].timeNano + 1'000'000'000'000, always, &other, [](const Event &) {}).isEmpty());
        QVERIFY(other != id);
        QVERIFY(bus.subscribe(0, all[0].timeNano - 1, &other, [](const Event &) {}).isEmpty());
        QVERIFY(bus.subscribe(all[3].timeNano, all[1].timeNano, &other, [](const Event &) {}).isEmpty());
    }

    void everySubscriberGetsEachEventOnce()
    {
        EventBus bus;
        Received first;
        Received second;
        int a = 0;
        int b = 0;
        bus.subscribe(0, always, &a, first.subscriber());
        bus.subscribe(0, always, &b, second.subscriber());
        QVERIFY(a != b);
        bus.publish(imageEvent(u"tag"_s, 1));
        bus.publish(imageEvent(u"untag"_s, 2));
        QCOMPARE(actorsOf(first.take()), (QStringList{ u"1"_s, u"2"_s }));
        QCOMPARE(actorsOf(second.take()), (QStringList{ u"1"_s, u"2"_s }));
    }

    void unsubscribeStopsDelivery()
    {
        EventBus bus;
        Received stays;
        Received leaves;
        int kept = 0;
        int gone = 0;
        bus.subscribe(0, always, &kept, stays.subscriber());
        bus.subscribe(0, always, &gone, leaves.subscriber());
        bus.publish(imageEvent(u"pull"_s, 1));
        bus.unsubscribe(gone);
        bus.publish(imageEvent(u"pull"_s, 2));
        bus.unsubscribe(gone); // twice: fine
        bus.unsubscribe(12345); // never was: fine
        QCOMPARE(actorsOf(leaves.take()), QStringList{ u"1"_s });
        QCOMPARE(actorsOf(stays.take()), (QStringList{ u"1"_s, u"2"_s }));
    }

    void keepsTheLast1024()
    {
        EventBus bus;
        for (int i = 0; i < 1100; ++i)
            bus.publish(imageEvent(u"pull"_s, i));
        int id = 0;
        const QList<Event> kept = bus.subscribe(0, always, &id, [](const Event &) {});
        QCOMPARE(kept.size(), 1024);
        QCOMPARE(kept.first().actorId, u"76"_s);
        QCOMPARE(kept.last().actorId, u"1099"_s);
    }

    void subscribingWhilePublishingMissesNothing()
    {
        // Four threads publish while a subscriber joins: what subscribe()
        // returns and what the subscriber gets afterwards are every event
        // exactly once, in time order, with no gap at the join.
        constexpr int threads = 4;
        constexpr int each = 200; // 800 in all: fewer than the bus keeps
        EventBus bus;
        Received received;
        std::vector<std::unique_ptr<QThread>> publishers;
        for (int t = 0; t < threads; ++t) {
            publishers.emplace_back(QThread::create([&bus, t] {
                for (int i = 0; i < each; ++i) {
                    bus.publish(imageEvent(u"pull"_s, t * each + i));
                    if (i % 16 == 0)
                        QThread::yieldCurrentThread();
                }
            }));
            publishers.back()->start();
        }
        QThread::usleep(200);
        int id = 0;
        const QList<Event> past = bus.subscribe(0, always, &id, received.subscriber());
        for (const auto &publisher : publishers)
            QVERIFY(publisher->wait(30000));
        const QList<Event> all = past + received.take();
        QCOMPARE(all.size(), threads * each);
        QSet<QString> actors;
        for (int i = 0; i < all.size(); ++i) {
            actors.insert(all[i].actorId);
            if (i > 0)
                QVERIFY2(all[i].timeNano > all[i - 1].timeNano, qPrintable(QString::number(i)));
        }
        QCOMPARE(actors.size(), threads * each);
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
