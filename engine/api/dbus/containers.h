#pragma once
// org.muelle.Engine1.Containers at /org/muelle/Engine1/Containers: the
// container service as the desktop app drives it. Lists and inspections are
// JSON in the Docker API's shape (what GET /containers/json and
// /containers/{id}/json answer), so an app reads a local engine over D-Bus
// and a remote one over HTTP the same way. Logs go through a descriptor,
// stats as one signal a second for all running containers.

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"
#include "engine/stats/sample.h"

#include <QDBusUnixFileDescriptor>

namespace muelle::engine::dbus {

class ContainersObject : public BusObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.muelle.Engine1.Containers")
public:
    ContainersObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);

public Q_SLOTS:
    Q_SCRIPTABLE QString List(const QVariantMap &options);
    Q_SCRIPTABLE QString Inspect(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE QString Create(const QString &config, const QVariantMap &options);
    Q_SCRIPTABLE void Start(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Stop(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Restart(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Kill(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Pause(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Unpause(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE void Remove(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE QString Top(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE QDBusUnixFileDescriptor Logs(const QString &name, const QVariantMap &options);
    Q_SCRIPTABLE QString StatsHistory(const QString &name, const QVariantMap &options);

Q_SIGNALS:
    Q_SCRIPTABLE void Stats(const QString &samples);

private:
    std::function<void(Result<>)> done();
    void publishStats(const QHash<QString, stats::Sample> &samples);

    docker::Engine &engine_;
};

} // namespace muelle::engine::dbus
