#pragma once
// What happened in the engine, as `docker events` shows it: a type
// ("image"), an action ("pull", "tag", "delete"...), the actor's ID and
// attributes. The bus keeps the last events for `since` queries and hands
// new ones to subscribers. Thread-safe; subscribers are called on the
// publishing thread, so they only queue.

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>

namespace muelle::engine::events {

struct Event {
    QString type; // "image"
    QString action; // "pull", "push", "tag", "untag", "delete", "load", "save", "import"
    QString actorId; // an image ID or reference
    QHash<QString, QString> attributes; // "name": the reference involved
    qint64 timeNano = 0; // set by publish()
};

class EventBus {
public:
    using Subscriber = std::function<void(const Event &)>;

    void publish(Event event);
    // The kept events with time in [sinceNano, untilNano], oldest first,
    // then `subscriber` for each new one until unsubscribe(). Atomic: no
    // event is missed or given twice.
    QList<Event> subscribe(qint64 sinceNano, qint64 untilNano, int *id, Subscriber subscriber);
    void unsubscribe(int id);

private:
    static constexpr int keep = 1024;
    mutable QMutex mutex_;
    QList<Event> recent_;
    QHash<int, Subscriber> subscribers_;
    int nextId_ = 1;
};

} // namespace muelle::engine::events
