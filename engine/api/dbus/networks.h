#pragma once
// org.muelle.Engine1.Networks at /org/muelle/Engine1/Networks: list,
// create, inspect, remove and prune, answering with the REST API's JSON.

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

namespace muelle::engine::dbus {

class NetworksObject : public BusObject {
    Q_OBJECT
public:
    NetworksObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);

public: // the interface's methods, called by the adaptor generated from its XML
    QString List(const QVariantMap &options);
    QString Create(const QString &config, const QVariantMap &options);
    QString Inspect(const QString &name, const QVariantMap &options);
    void Remove(const QString &name, const QVariantMap &options);
    QString Prune(const QVariantMap &options);

private:
    docker::Engine &engine_;
};

} // namespace muelle::engine::dbus
