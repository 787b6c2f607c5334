#pragma once
// docker exec: a process started in a running container by a shim of its
// own (muelle-shim in exec mode: runc exec), so it outlives muelled too.
// Lives on the daemon's main thread.

#include "engine/containers/container.h"
#include "engine/shim/client.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace muelle::engine::containers {

class ContainerStore;

// What to run in a running container.
struct ExecSpec {
    QStringList cmd;
    QStringList env; // added to the container's
    QString user; // "" = the container's
    QString workingDir; // "" = the container's
    bool tty = false;
    bool attachStdin = false;
    bool attachStdout = false;
    bool attachStderr = false;
    bool privileged = false;
    ConsoleSize consoleSize;
};

struct Exec {
    QString id;
    QString containerId;
    ExecSpec spec;
    bool started = false;
    bool running = false;
    std::optional<int> exitCode;
    int pid = 0;
};

class ExecService : public QObject {
    Q_OBJECT
public:
    explicit ExecService(ContainerStore &store, QObject *parent = nullptr) : QObject(parent), store_(store) { }
    ~ExecService() override;

    // Conflict when the container is not running.
    Result<QString> create(const QString &container, ExecSpec spec);
    // Runs the exec; with `attach`, `done` gets the stream to its process
    // (connected before the process starts). An exec that cannot start has
    // an exit code (126, or 127 for a missing command) and `done` an error.
    void start(const QString &execId, bool attach, std::function<void(Result<std::optional<shim::Attachment>>)> done);
    // NotFound: "No such exec instance: <id>".
    Result<Exec> find(const QString &execId) const;
    void resize(const QString &execId, int rows, int columns, std::function<void(Result<>)> done);

private:
    Result<QString> writeProcess(const Container &container, const Exec &exec);
    void exited(const QString &execId, std::optional<shim::Exit> exit);

    ContainerStore &store_;
    QHash<QString, Exec> execs_;
};

} // namespace muelle::engine::containers
