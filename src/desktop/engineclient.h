#pragma once
// What the desktop app asks of an engine, whichever way it reaches it: a
// local engine over D-Bus (DbusEngineClient), a remote one over the Docker
// API (later, and on Windows). A request names the engine's noun and method
// as org.muelle.Engine1 does (Containers.List, Images.Pull, ...), with its
// arguments and options; answers come later, on the client's thread, as the
// Docker API's JSON; errors keep the engine's code and words.

#include "base/error.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace muelle::desktop {

enum class ContainerAction { Start, Stop, Restart, Kill, Pause, Unpause, Remove };

// A container's log as it streams: Docker's multiplexed frames (8-byte
// headers, stdout and stderr apart), or raw lines (a container with a TTY,
// over HTTP).
struct LogStream {
    std::unique_ptr<QIODevice> device;
    bool framed = true;
};

struct Request {
    QString noun; // "Containers", "Images", "Volumes", "Networks", "System"
    QString method; // "List", "Inspect", "Create", ...
    QStringList arguments; // the method's string arguments, in order
    QVariantMap options = {};
};

class EngineClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectedChanged)
public:
    using QObject::QObject;

    // Whether the engine answers now (it may come and go).
    virtual bool isConnected() const = 0;
    // The method's answer: its JSON, or null for methods that answer nothing.
    virtual void call(const Request &request, std::function<void(Result<QJsonValue>)> done) = 0;
    // A container's log, read as it comes (options as Containers.Logs:
    // follow, timestamps, tail, since).
    virtual void openLogs(
        const QString &container, const QVariantMap &options, std::function<void(Result<LogStream>)> done)
        = 0;

    // Conveniences over call().
    void listContainers(std::function<void(Result<QJsonArray>)> done);
    void inspectContainer(const QString &name, std::function<void(Result<QJsonObject>)> done);
    // Stop and restart wait the container's own timeout; Kill sends SIGKILL;
    // Remove forces and keeps volumes.
    void containerAction(ContainerAction action, const QString &name, std::function<void(Result<>)> done);

Q_SIGNALS:
    // An engine event, as GET /events streams it.
    void engineEvent(const QJsonObject &event);
    void connectedChanged(bool connected);
    // Once a second: each running container's sample (Containers.Stats).
    void statsSampled(const QJsonArray &samples);
    // A pull's or push's progress (Docker's messages) and its end.
    void jobProgress(const QString &job, const QJsonArray &messages);
    void jobFinished(const QString &job, const QString &error);
};

} // namespace muelle::desktop
