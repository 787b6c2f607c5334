#pragma once
// What the desktop app asks of an engine, whichever way it reaches it: a
// local engine over D-Bus (DbusEngineClient), a remote one over the Docker
// API (later, and on Windows). Answers come later, on the client's thread,
// as the Docker API's JSON; errors keep the engine's code and words.

#include "base/error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace muelle::desktop {

enum class ContainerAction { Start, Stop, Restart, Kill, Pause, Unpause, Remove };

class EngineClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectedChanged)
public:
    using QObject::QObject;

    // Whether the engine answers now (it may come and go).
    virtual bool isConnected() const = 0;
    // GET /containers/json?all=1's entries.
    virtual void listContainers(std::function<void(Result<QJsonArray>)> done) = 0;
    // GET /containers/{name}/json.
    virtual void inspectContainer(const QString &name, std::function<void(Result<QJsonObject>)> done) = 0;
    // Stop and restart wait the container's own timeout; Kill sends SIGKILL;
    // Remove forces and keeps volumes.
    virtual void containerAction(ContainerAction action, const QString &name, std::function<void(Result<>)> done) = 0;

Q_SIGNALS:
    // An engine event, as GET /events streams it.
    void engineEvent(const QJsonObject &event);
    void connectedChanged(bool connected);
};

} // namespace muelle::desktop
