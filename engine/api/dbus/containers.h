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
public:
    ContainersObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);

public: // the interface's methods, called by the adaptor generated from its XML
    QString List(const QVariantMap &options);
    QString Inspect(const QString &name, const QVariantMap &options);
    QString Create(const QString &config, const QVariantMap &options);
    void Start(const QString &name, const QVariantMap &options);
    void Stop(const QString &name, const QVariantMap &options);
    void Restart(const QString &name, const QVariantMap &options);
    void Kill(const QString &name, const QVariantMap &options);
    void Pause(const QString &name, const QVariantMap &options);
    void Unpause(const QString &name, const QVariantMap &options);
    void Remove(const QString &name, const QVariantMap &options);
    QString Top(const QString &name, const QVariantMap &options);
    QDBusUnixFileDescriptor Logs(const QString &name, const QVariantMap &options);
    QString StatsHistory(const QString &name, const QVariantMap &options);

Q_SIGNALS:
    void Stats(const QString &samples);

private:
    std::function<void(Result<>)> done();
    void publishStats(const QHash<QString, stats::Sample> &samples);

    docker::Engine &engine_;
};

} // namespace muelle::engine::dbus
