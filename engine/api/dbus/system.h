#pragma once
// org.muelle.Engine1.System at /org/muelle/Engine1/System: the engine's
// version and state, and its events as they happen (the Event signal, one
// JSON object each, as GET /events streams them).

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

namespace muelle::engine::dbus {

class SystemObject : public BusObject {
    Q_OBJECT
public:
    SystemObject(
        CallerCheck &callers, const docker::DaemonFacts &facts, docker::Engine &engine, QObject *parent = nullptr);
    ~SystemObject() override;

public: // the interface's methods, called by the adaptor generated from its XML
    QString Version(const QVariantMap &options); // GET /version's body
    QString Info(const QVariantMap &options); // GET /info's body
    QString DiskUsage(const QVariantMap &options); // GET /system/df's body

Q_SIGNALS:
    void Event(const QString &event);

private:
    const docker::DaemonFacts &facts_;
    docker::Engine &engine_;
    int subscription_ = 0;
};

} // namespace muelle::engine::dbus
