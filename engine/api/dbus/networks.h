#pragma once
// org.muelle.Engine1.Networks at /org/muelle/Engine1/Networks: list,
// create, inspect, remove and prune, answering with the REST API's JSON.

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

namespace muelle::engine::dbus {

class NetworksObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.Networks")
public:
    NetworksObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    Q_SCRIPTABLE QString List(const QVariantMap &options);
    Q_SCRIPTABLE QString Create(const QString &config, const QVariantMap &options);
    Q_SCRIPTABLE QString Inspect(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Remove(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE QString Prune(const QVariantMap &options);

private:
    docker::Engine &engine_;
};

} // namespace muelle::engine::dbus
