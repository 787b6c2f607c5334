#pragma once
// org.muelle.Engine1.Containers at /org/muelle/Engine1/Containers: the
// container service as the desktop app drives it. Lists and inspections are
// JSON in the Docker API's shape (what GET /containers/json and
// /containers/{id}/json answer), so an app reads a local engine over D-Bus
// and a remote one over HTTP the same way.

#include "engine/api/dbus/busobject.h"
#include "engine/api/rest/restapi.h"

namespace muelle::engine::dbus {

class ContainersObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.Containers")
public:
    ContainersObject(CallerCheck &callers, rest::Engine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    Q_SCRIPTABLE QString List(bool all);
    Q_SCRIPTABLE QString Inspect(const QString &name);
    Q_SCRIPTABLE void Start(const QString &name);
    // timeout: seconds before SIGKILL; -1 waits forever, -2 the container's own.
    Q_SCRIPTABLE void Stop(const QString &name, int timeout);
    Q_SCRIPTABLE void Restart(const QString &name, int timeout);
    Q_SCRIPTABLE void Kill(const QString &name, const QString &signal);
    Q_SCRIPTABLE void Pause(const QString &name);
    Q_SCRIPTABLE void Unpause(const QString &name);
    Q_SCRIPTABLE void Remove(const QString &name, bool force, bool volumes);

private:
    std::function<void(Result<>)> done();

    rest::Engine &engine_;
};

} // namespace muelle::engine::dbus
