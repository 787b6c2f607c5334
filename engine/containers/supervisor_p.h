#pragma once
// Internal to the supervisor (supervisor.cpp, supervisor_actions.cpp).

#include "engine/containers/supervisor.h"

#include <QHash>
#include <QSet>
#include <QTimer>

namespace muelle::engine::containers {

// What the supervisor waits for, per container: waiters (docker wait),
// attach streams waiting for a start, completions waiting for an exit
// (stop, restart, forced removal), and restart back-off timers.
struct Supervisor::Pending {
    struct Waiter {
        WaitCondition condition;
        std::function<void(Result<WaitResult>)> done;
    };
    struct Attacher {
        bool in = false, out = false, err = false;
        std::function<void(Result<shim::Attachment>)> done;
    };
    QHash<QString, QList<Waiter>> waiters;
    QHash<QString, QList<Attacher>> attachers;
    QHash<QString, QList<std::function<void()>>> onExit;
    QHash<QString, QTimer *> stopTimers;
    QHash<QString, QTimer *> restartTimers;
    QSet<QString> starting;
    // Starts that failed with their shim up: its exit is still to come (and
    // writes in the container's directory), so a removal waits for it.
    QSet<QString> exiting;
    // The last exit of removed containers, for waiters on "removed".
    QHash<QString, WaitResult> lastExit;

    void forget(const QString &id)
    {
        waiters.remove(id);
        for (const Attacher &attacher : attachers.take(id))
            attacher.done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(id)));
        onExit.remove(id);
        delete stopTimers.take(id);
        delete restartTimers.take(id);
        starting.remove(id);
        exiting.remove(id);
        lastExit.remove(id);
    }
};

} // namespace muelle::engine::containers
