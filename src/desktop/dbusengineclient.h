#pragma once
// The engine on this machine, over D-Bus (org.muelle.Engine1 on the system
// bus, or on the bus at an address). Calls are asynchronous; the engine's
// coming and going is watched on the bus.

#include "desktop/engineclient.h"

#include <QDBusConnection>

#include <memory>

class OrgMuelleEngine1SystemInterface;
class OrgMuelleEngine1ContainersInterface;
class QDBusServiceWatcher;
class QDBusError;

namespace muelle::desktop {

// A D-Bus error as an engine error: org.muelle.Engine1.Error.NotFound is
// NotFound, AccessDenied PermissionDenied, an absent engine Unavailable.
Error errorOf(const QDBusError &error);

class DbusEngineClient : public EngineClient {
    Q_OBJECT
public:
    explicit DbusEngineClient(QDBusConnection bus, QObject *parent = nullptr);
    ~DbusEngineClient() override;

    bool isConnected() const override;
    void listContainers(std::function<void(Result<QJsonArray>)> done) override;
    void inspectContainer(const QString &name, std::function<void(Result<QJsonObject>)> done) override;
    void containerAction(ContainerAction action, const QString &name, std::function<void(Result<>)> done) override;

private:
    void onEvent(const QString &json);

    QDBusConnection bus_;
    std::unique_ptr<OrgMuelleEngine1SystemInterface> system_;
    std::unique_ptr<OrgMuelleEngine1ContainersInterface> containers_;
    QDBusServiceWatcher *watcher_;
    bool connected_ = false;
};

} // namespace muelle::desktop
