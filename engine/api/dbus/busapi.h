#pragma once
// The engine on D-Bus, for the desktop app: the service org.muelle.Engine1
// on the system bus (or on the bus at an address: tests, and the run
// command where no system bus runs), one object and interface per noun —
// /org/muelle/Engine1/System (org.muelle.Engine1.System), .../Containers,
// .../Images, .../Volumes, .../Networks — each calling the engine services
// the REST API calls. The interfaces are packaging/dbus/org.muelle.Engine1.*.xml,
// from which the adaptors are generated.

#include "base/error.h"
#include "engine/api/docker/engine.h"

#include <QDBusConnection>
#include <QObject>

#include <memory>

namespace muelle::engine::dbus {

class CallerCheck;

class BusApi : public QObject {
    Q_OBJECT
public:
    ~BusApi() override;

    // `address`: "system" or a D-Bus address ("unix:path=/run/x"). `group`:
    // whose members may call besides root (and polkit's choice).
    static Result<std::unique_ptr<BusApi>> open(
        const QString &address, const QString &group, const docker::DaemonFacts &facts, docker::Engine &engine);

private:
    explicit BusApi(QDBusConnection connection);

    QDBusConnection connection_;
    std::unique_ptr<CallerCheck> callers_;
};

} // namespace muelle::engine::dbus
