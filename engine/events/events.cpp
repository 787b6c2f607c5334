#include "engine/events/events.h"

namespace muelle::engine::events {

void EventBus::publish(Event event)
{
    QMutexLocker lock(&mutex_);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    // Strictly increasing, so since/until filters never split a tie.
    event.timeNano = recent_.isEmpty() ? now : std::max(now, recent_.last().timeNano + 1);
    recent_.append(event);
    if (recent_.size() > keep)
        recent_.removeFirst();
    for (const Subscriber &subscriber : std::as_const(subscribers_))
        subscriber(event);
}

QList<Event> EventBus::subscribe(qint64 sinceNano, qint64 untilNano, int *id, Subscriber subscriber)
{
    QMutexLocker lock(&mutex_);
    QList<Event> past;
    for (const Event &event : std::as_const(recent_)) {
        if (event.timeNano >= sinceNano && event.timeNano <= untilNano)
            past.append(event);
    }
    *id = nextId_++;
    subscribers_.insert(*id, std::move(subscriber));
    return past;
}

void EventBus::unsubscribe(int id)
{
    QMutexLocker lock(&mutex_);
    subscribers_.remove(id);
}

} // namespace muelle::engine::events
