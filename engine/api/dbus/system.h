#pragma once
// org.muelle.Engine1.System at /org/muelle/Engine1/System: the engine's
// version and state, and its events as they happen (the Event signal, one
// JSON object each, as GET /events streams them).

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

namespace muelle::engine::dbus {

class SystemObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.System")
public:
    SystemObject(
        CallerCheck &callers, const docker::DaemonFacts &facts, docker::Engine &engine, QObject *parent = nullptr);
    ~SystemObject() override;

public Q_SLOTS:
    Q_SCRIPTABLE QString Version(const QVariantMap &options); // GET /version's body
    Q_SCRIPTABLE QString Info(const QVariantMap &options); // GET /info's body
    Q_SCRIPTABLE QString DiskUsage(const QVariantMap &options); // GET /system/df's body

Q_SIGNALS:
    Q_SCRIPTABLE void Event(const QString &event);

private:
    const docker::DaemonFacts &facts_;
    docker::Engine &engine_;
    int subscription_ = 0;
};

} // namespace muelle::engine::dbus
