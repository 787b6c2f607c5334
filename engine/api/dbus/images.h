#pragma once
// org.muelle.Engine1.Images at /org/muelle/Engine1/Images: list (GET
// /images/json's body) and remove (DELETE /images/{name}'s body).

#include "engine/api/dbus/busobject.h"
#include "engine/api/rest/restapi.h"

namespace muelle::engine::dbus {

class ImagesObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.Images")
public:
    ImagesObject(CallerCheck &callers, rest::Engine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    Q_SCRIPTABLE QString List();
    Q_SCRIPTABLE QString Remove(const QString &name, bool force);

private:
    rest::Engine &engine_;
};

} // namespace muelle::engine::dbus
