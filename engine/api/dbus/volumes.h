#pragma once
// org.muelle.Engine1.Volumes at /org/muelle/Engine1/Volumes: list (GET
// /volumes's body) and remove.

#include "engine/api/dbus/busobject.h"
#include "engine/api/rest/restapi.h"

namespace muelle::engine::dbus {

class VolumesObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.Volumes")
public:
    VolumesObject(CallerCheck &callers, rest::Engine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    Q_SCRIPTABLE QString List();
    Q_SCRIPTABLE void Remove(const QString &name, bool force);

private:
    rest::Engine &engine_;
};

} // namespace muelle::engine::dbus
