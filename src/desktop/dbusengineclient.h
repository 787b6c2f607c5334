#pragma once
// The engine on this machine, over D-Bus (org.muelle.Engine1 on the system
// bus, or on the bus at an address), through proxies generated from the
// engine's interface files. Calls are asynchronous; the engine's coming and
// going is watched on the bus; logs arrive through a passed descriptor.

#include "desktop/engineclient.h"

#include <QDBusConnection>
#include <QHash>

#include <memory>

class QDBusAbstractInterface;
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
    void call(const Request &request, std::function<void(Result<QJsonValue>)> done) override;
    void openLogs(
        const QString &container, const QVariantMap &options, std::function<void(Result<LogStream>)> done) override;

private:
    QDBusConnection bus_;
    QHash<QString, QDBusAbstractInterface *> nouns_; // owned (children)
    QDBusServiceWatcher *watcher_;
    bool connected_ = false;
};

} // namespace muelle::desktop
