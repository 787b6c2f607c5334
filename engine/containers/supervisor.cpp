// Running containers: start (bundle, shim, attach streams, start), the
// shim's watch and what an exit leads to (waiters, --rm, restart policies),
// stop, kill, restart, pause, wait, attach, resize, update and removal.
#include "engine/containers/supervisor.h"

#include "engine/containers/bundle.h"
#include "engine/containers/logging.h"
#include "engine/containers/networking.h"
#include "engine/containers/store.h"
#include "engine/containers/volumemounts.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTimer>

#include <csignal>

namespace muelle::engine::containers {

// What the supervisor waits for, per container: waiters (docker wait),
// attach streams waiting for a start, completions waiting for an exit
// (stop, restart, forced removal), and restart back-off timers.
struct Supervisor::Pending {
    struct Waiter {
        WaitCondition condition;
        std::function<void(Result<WaitResult>)> done;
    };
    struct Attacher {
        bool in = false, out = false, err = false;
        std::function<void(Result<shim::Attachment>)> done;
    };
    QHash<QString, QList<Waiter>> waiters;
    QHash<QString, QList<Attacher>> attachers;
    QHash<QString, QList<std::function<void()>>> onExit;
    QHash<QString, QTimer *> stopTimers;
    QHash<QString, QTimer *> restartTimers;
    QSet<QString> starting;
    // The last exit of removed containers, for waiters on "removed".
    QHash<QString, WaitResult> lastExit;

    void forget(const QString &id)
    {
        waiters.remove(id);
        for (const Attacher &attacher : attachers.take(id))
            attacher.done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(id)));
        onExit.remove(id);
        delete stopTimers.take(id);
        delete restartTimers.take(id);
        starting.remove(id);
        lastExit.remove(id);
    }
};

namespace {

// What Docker prints when the runtime could not start the process; the CLI
// reads "executable file not found" / "permission denied" from it for its
// exit status (127 / 126).
Error startError(const Error &cause)
{
    return { cause.code == Code::FailedPrecondition ? Code::Internal : cause.code,
        QStringLiteral("failed to create task for container: failed to create shim task: OCI runtime create "
                       "failed: %1: unknown")
            .arg(cause.message) };
}

int exitCodeOfStartError(const QString &message)
{
    if (message.contains(QLatin1String("executable file not found"))
        || message.contains(QLatin1String("no such file or directory")))
        return 127;
    if (message.contains(QLatin1String("permission denied")))
        return 126;
    return 128;
}

} // namespace

Supervisor::Supervisor(ContainerStore &store, BundleWriter &bundles, ContainerNetworking &networking, QObject *parent)
    : QObject(parent), store_(store), bundles_(bundles), networking_(networking), pending_(std::make_unique<Pending>())
{
}

Supervisor::~Supervisor()
{
    // The shims' sockets (children) would report "disconnected" as they go,
    // and a container would be taken for exited while it runs on: the
    // daemon's shutdown must leave containers and their records alone.
    const QObjectList children = this->children();
    for (QObject *child : children)
        child->blockSignals(true);
    qDeleteAll(children);
}

shim::ShimClient Supervisor::shimOf(const Container &container)
{
    return shim::ShimClient(store_.paths().shimSocket(container.id), this);
}

bool Supervisor::starting(const QString &id) const
{
    return pending_->starting.contains(id);
}

void Supervisor::restore()
{
    const QStringList ids = store_.all().keys();
    for (const QString &id : ids) {
        Container &container = *store_.get(id);
        if (container.state.status == Status::Removing) {
            finishRemoval(id, false, [](Result<>) {});
        } else if (container.state.status == Status::Restarting) {
            store_.move(container, Status::Exited);
            restartLater(id);
        } else if (container.running()) {
            networking_.restore(container);
            watch(id); // live restore: a shim that is gone reports the container exited
        } else if (container.state.status != Status::Created) {
            const RestartPolicy policy = container.spec.restartPolicy;
            if (policy == RestartPolicy::Always
                || (policy == RestartPolicy::UnlessStopped && !container.state.stoppedByUser))
                launch(container, [](Result<>) {});
        }
    }
}

void Supervisor::start(const QString &name, std::function<void(Result<bool>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    if (auto ok = allowed(container, Action::Start); !ok)
        return done(fail(ok.error()));
    if (container.running() || pending_->starting.contains(container.id))
        return done(false);
    container.state.stoppedByUser = false;
    container.state.restartCount = 0;
    launch(container, [done](Result<> started) {
        if (!started)
            return done(fail(started.error()));
        done(true);
    });
}

void Supervisor::launch(Container &container, std::function<void(Result<>)> done)
{
    const QString id = container.id;
    pending_->starting.insert(id);
    // Set once a shim runs: its exit then ends the start (exited()).
    auto shimUp = std::make_shared<bool>(false);
    const auto failed = [this, id, done, shimUp](const Error &error) {
        pending_->starting.remove(id);
        if (Container *c = store_.get(id)) {
            networking_.leave(*c);
            store_.layerOf(*c).unmount();
            c->state.error = error.message;
            c->state.exitCode = exitCodeOfStartError(error.message);
            store_.move(*c, c->state.status == Status::Restarting ? Status::Exited : c->state.status);
        }
        for (const Pending::Attacher &attacher : pending_->attachers.take(id))
            attacher.done(fail(error));
        done(fail(error));
        if (!*shimUp) {
            // No shim will report an exit: waiters are told now, and a
            // --rm container goes, as with Docker.
            notify(id, WaitCondition::NextExit);
            if (Container *c = store_.get(id); c && c->spec.autoRemove)
                finishRemoval(id, true, [](Result<>) {});
        }
    };
    auto rootfs = bundles_.write(container);
    if (!rootfs)
        return failed(rootfs.error());

    const Spec &spec = container.spec;
    const Paths &paths = store_.paths();
    shim::Options options;
    options.id = id.toStdString();
    options.dir = paths.container(id).toStdString();
    options.socket = paths.shimSocket(id).toStdString();
    options.bundle = paths.container(id).toStdString();
    options.runtime = store_.settings().runtime.toStdString();
    options.runtimeRoot = paths.runtimeRoot().toStdString();
    options.tty = spec.tty;
    options.stdinOpen = spec.openStdin;
    options.stdinOnce = spec.stdinOnce;
    if (spec.logType != QLatin1String("none")) {
        options.logPath = paths.containerLog(id).toStdString();
        options.logMaxSize = spec.logMaxSize;
        options.logMaxFiles = spec.logMaxFile;
    }
    options.oomFile = store_.cgroupOf(container).oomFile().toStdString();

    shim::launch(store_.settings().shim, options, this, [this, id, failed, done, shimUp](Result<int> pid) {
        if (!pid)
            return failed(startError(pid.error()));
        *shimUp = true;
        Container *c = store_.get(id);
        if (!c)
            return failed({ Code::NotFound, QStringLiteral("No such container: %1").arg(id) });
        c->state.pid = *pid;
        const shim::ShimClient shim = shimOf(*c);
        for (const Pending::Attacher &attacher : pending_->attachers.take(id))
            attacher.done(shim.attach(attacher.in, attacher.out, attacher.err));
        watch(id);
        if (auto joined = networking_.join(*c, *pid); !joined) {
            shim.kill(SIGKILL);
            return failed(joined.error());
        }
        shim.start([this, id, shim, failed, done](Result<int> started) {
            Container *c = store_.get(id);
            if (!started || !c) {
                if (c)
                    shim.kill(SIGKILL);
                return failed(startError(started ? Error{ Code::NotFound, id } : started.error()));
            }
            pending_->starting.remove(id);
            c->state.startedAt = nowRfc3339Nano();
            c->state.error.clear();
            c->state.exitCode = 0;
            c->state.oomKilled = false;
            store_.move(*c, Status::Running);
            store_.publish(*c, QStringLiteral("start"));
            done({});
        });
    });
}

void Supervisor::watch(const QString &id)
{
    Container *c = store_.get(id);
    if (!c)
        return;
    shimOf(*c).watch([this, id](std::optional<shim::Exit> exit) { exited(id, exit); });
}

void Supervisor::exited(const QString &id, std::optional<shim::Exit> exit)
{
    Container *c = store_.get(id);
    if (!c)
        return;
    if (!exit) {
        // The shim is gone without telling: it may have finished while we
        // were away (its state file says so), or it was killed, and then
        // the container is killed too rather than left unsupervised.
        exit = shim::exitFromStateFile(store_.paths().container(id));
        if (!exit) {
            runRuntime({ QStringLiteral("delete"), QStringLiteral("--force"), id }, [](Result<>) {});
            exit = shim::Exit{ 137, false, nowRfc3339Nano() };
            c->state.error = QStringLiteral("the container's shim exited unexpectedly");
        }
    }
    delete pending_->stopTimers.take(id);
    pending_->starting.remove(id);
    // A start that failed before the process ran leaves it created, as
    // Docker; it keeps the exit code its error gave (126, 127...), not the
    // one of the kill that ended its process.
    const bool neverRan = c->state.status == Status::Created;
    if (!neverRan || c->state.error.isEmpty())
        c->state.exitCode = exit->code;
    c->state.pid = 0;
    c->state.oomKilled = exit->oomKilled;
    c->state.finishedAt = exit->finishedAt;
    networking_.leave(*c);
    store_.layerOf(*c).unmount();
    store_.volumes().announceUnmounts(*c);
    store_.move(*c, neverRan ? Status::Created : Status::Exited);
    if (exit->oomKilled)
        store_.publish(*c, QStringLiteral("oom"));
    store_.publish(*c, QStringLiteral("die"), { { QStringLiteral("exitCode"), QString::number(exit->code) } });
    notify(id, WaitCondition::NotRunning);
    notify(id, WaitCondition::NextExit);
    const QList<std::function<void()>> listeners = pending_->onExit.take(id);
    for (const auto &listener : listeners)
        listener();
    if (listeners.isEmpty())
        afterExit(id);
}

void Supervisor::afterExit(const QString &id)
{
    const Container *c = store_.get(id);
    // A start that never ran its process is not restarted, as with Docker.
    if (!c || c->running() || c->state.status == Status::Created)
        return;
    if (c->spec.autoRemove)
        return finishRemoval(id, true, [](Result<>) {});
    if (c->state.stoppedByUser)
        return;
    switch (c->spec.restartPolicy) {
    case RestartPolicy::No:
        return;
    case RestartPolicy::OnFailure:
        if (c->state.exitCode == 0
            || (c->spec.restartMaxRetries > 0 && c->state.restartCount >= c->spec.restartMaxRetries))
            return;
        break;
    case RestartPolicy::Always:
    case RestartPolicy::UnlessStopped:
        break;
    }
    restartLater(id);
}

void Supervisor::restartLater(const QString &id)
{
    Container *c = store_.get(id);
    if (!c)
        return;
    // Docker's back-off: 100 ms, doubling per restart, at most a minute.
    const int delay = std::min(100 << std::min(c->state.restartCount, 10), 60'000);
    if (!store_.move(*c, Status::Restarting))
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    delete pending_->restartTimers.take(id);
    pending_->restartTimers.insert(id, timer);
    connect(timer, &QTimer::timeout, this, [this, id] {
        if (QTimer *t = pending_->restartTimers.take(id))
            t->deleteLater();
        Container *c = store_.get(id);
        if (!c || c->state.status != Status::Restarting)
            return;
        ++c->state.restartCount;
        launch(*c, [this, id](Result<> started) {
            Container *c = store_.get(id);
            if (!c)
                return;
            if (started)
                store_.publish(*c, QStringLiteral("restart"));
            else
                afterExit(id);
        });
    });
    timer->start(delay);
}

void Supervisor::stop(const QString &name, std::optional<int> timeout, std::function<void(Result<bool>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    const QString id = container.id;
    if (container.state.status == Status::Restarting) {
        delete pending_->restartTimers.take(id);
        container.state.stoppedByUser = true;
        store_.move(container, Status::Exited);
        return done(true);
    }
    if (!container.running())
        return done(false);
    container.state.stoppedByUser = true;
    store_.save(container);
    QString signalName = container.spec.stopSignal;
    if (signalName.isEmpty()) {
        if (auto details = store_.images().inspect(container.image.toString()))
            signalName = details->config.stopSignal;
    }
    const int signal = signalNumber(signalName).value_or(SIGTERM);
    const int seconds = timeout.value_or(container.spec.stopTimeout.value_or(10));
    pending_->onExit[id].append([this, id, done] {
        if (const Container *c = store_.get(id))
            store_.publish(*c, QStringLiteral("stop"));
        done(true);
        afterExit(id);
    });
    store_.publish(container, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(signal) } });
    if (container.state.status == Status::Paused)
        runRuntime({ QStringLiteral("resume"), id }, [](Result<>) {});
    shimOf(container).kill(signal);
    if (seconds < 0)
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    delete pending_->stopTimers.take(id);
    pending_->stopTimers.insert(id, timer);
    connect(timer, &QTimer::timeout, this, [this, id] {
        if (QTimer *t = pending_->stopTimers.take(id))
            t->deleteLater();
        const Container *c = store_.get(id);
        if (!c || !c->running())
            return;
        store_.publish(*c, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(SIGKILL) } });
        shimOf(*c).kill(SIGKILL);
    });
    timer->start(seconds * 1000);
}

void Supervisor::restart(const QString &name, std::optional<int> timeout, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    const QString id = (*found)->id;
    stop(id, timeout, [this, id, done](Result<bool> stopped) {
        if (!stopped)
            return done(fail(stopped.error()));
        start(id, [this, id, done](Result<bool> started) {
            if (!started)
                return done(fail(started.error()));
            if (const Container *c = store_.get(id))
                store_.publish(*c, QStringLiteral("restart"));
            done({});
        });
    });
}

void Supervisor::kill(const QString &name, int signal, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    if (auto ok = allowed(container, Action::Kill); !ok)
        return done(ok);
    if (signal == SIGKILL || signal == SIGTERM) {
        container.state.stoppedByUser = true;
        store_.save(container);
    }
    store_.publish(container, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(signal) } });
    shimOf(container).kill(signal, [done, id = container.id](Result<> sent) {
        if (!sent)
            return done(
                fail(Code::Conflict, QStringLiteral("Cannot kill container: %1: %2").arg(id, sent.error().message)));
        done({});
    });
}

void Supervisor::pause(const QString &name, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Pause); !ok)
        return done(ok);
    const QString id = (*found)->id;
    runRuntime({ QStringLiteral("pause"), id }, [this, id, done](Result<> paused) {
        Container *c = store_.get(id);
        if (paused && c && c->state.status == Status::Running) {
            store_.move(*c, Status::Paused);
            store_.publish(*c, QStringLiteral("pause"));
        }
        done(paused);
    });
}

void Supervisor::unpause(const QString &name, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Unpause); !ok)
        return done(ok);
    const QString id = (*found)->id;
    runRuntime({ QStringLiteral("resume"), id }, [this, id, done](Result<> resumed) {
        Container *c = store_.get(id);
        if (resumed && c && c->state.status == Status::Paused) {
            store_.move(*c, Status::Running);
            store_.publish(*c, QStringLiteral("unpause"));
        }
        done(resumed);
    });
}

void Supervisor::wait(const QString &name, WaitCondition condition, std::function<void(Result<WaitResult>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    const Container &container = **found;
    if (condition == WaitCondition::NotRunning && !container.running() && !pending_->starting.contains(container.id))
        return done(WaitResult{ container.state.exitCode, container.state.error });
    pending_->waiters[container.id].append({ condition, std::move(done) });
}

void Supervisor::notify(const QString &id, WaitCondition condition)
{
    const Container *c = store_.get(id);
    WaitResult result;
    if (c)
        result = { c->state.exitCode, c->state.error };
    else if (auto last = pending_->lastExit.find(id); last != pending_->lastExit.end())
        result = *last;
    if (condition == WaitCondition::NotRunning && c)
        pending_->lastExit.insert(id, result);
    QList<Pending::Waiter> &waiters = pending_->waiters[id];
    QList<Pending::Waiter> ready;
    for (auto w = waiters.begin(); w != waiters.end();) {
        if (w->condition == condition) {
            ready.append(*w);
            w = waiters.erase(w);
        } else
            ++w;
    }
    for (const Pending::Waiter &waiter : ready)
        waiter.done(result);
}

void Supervisor::attach(
    const QString &name, bool in, bool out, bool err, std::function<void(Result<shim::Attachment>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    const Container &container = **found;
    if (auto ok = allowed(container, Action::Attach); !ok)
        return done(fail(ok.error()));
    if (container.state.status == Status::Created || pending_->starting.contains(container.id)) {
        pending_->attachers[container.id].append({ in, out, err, std::move(done) });
        return;
    }
    store_.publish(container, QStringLiteral("attach"));
    done(shimOf(container).attach(in, out, err));
}

void Supervisor::resize(const QString &name, int rows, int columns, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Resize); !ok)
        return done(ok);
    shimOf(**found).resize(rows, columns, std::move(done));
}

void Supervisor::remove(const QString &name, bool force, bool volumes, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    if (container.running() && force) {
        const QString id = container.id;
        container.state.stoppedByUser = true;
        delete pending_->restartTimers.take(id);
        if (container.state.status == Status::Restarting) {
            store_.move(container, Status::Exited);
            return finishRemoval(id, volumes, std::move(done));
        }
        pending_->onExit[id].append([this, id, volumes, done] { finishRemoval(id, volumes, done); });
        shimOf(container).kill(SIGKILL);
        return;
    }
    if (auto ok = allowed(container, Action::Remove); !ok)
        return done(ok);
    finishRemoval(container.id, volumes, std::move(done));
}

void Supervisor::finishRemoval(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done)
{
    store_.destroy(id, anonymousVolumes, [this, id, done](Result<> destroyed) {
        if (destroyed && !store_.get(id)) {
            notify(id, WaitCondition::Removed);
            pending_->forget(id);
        }
        done(destroyed);
    });
}

void Supervisor::prune(std::function<void(Result<QStringList>)> done)
{
    QStringList stopped;
    for (const Container &c : store_.all()) {
        if (!c.running() && c.state.status != Status::Removing)
            stopped.append(c.id);
    }
    if (stopped.isEmpty())
        return done(QStringList());
    auto left = std::make_shared<int>(int(stopped.size()));
    auto removed = std::make_shared<QStringList>();
    for (const QString &id : stopped) {
        finishRemoval(id, false, [left, removed, id, done](Result<> result) {
            if (result)
                removed->append(id);
            if (--*left == 0)
                done(*removed);
        });
    }
}

void Supervisor::runRuntime(const QStringList &args, std::function<void(Result<>)> done)
{
    auto *process = new QProcess(this);
    connect(process, &QProcess::finished, this, [process, done](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        if (status == QProcess::NormalExit && code == 0)
            return done({});
        done(fail(Code::Internal, QString::fromUtf8(process->readAllStandardError().trimmed())));
    });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        done(fail(Code::Internal, process->errorString()));
    });
    process->start(
        store_.settings().runtime, QStringList{ QStringLiteral("--root"), store_.paths().runtimeRoot() } + args);
}

void Supervisor::update(const QString &name, const QJsonObject &body, std::function<void(Result<>)> done)
{
    auto found = store_.lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    const QString id = container.id;
    Spec updated = container.spec;
    auto resources = updatedResources(body, container.spec.resources);
    if (!resources)
        return done(fail(resources.error()));
    updated.resources = *resources;
    const QJsonObject restart = body.value(QStringLiteral("RestartPolicy")).toObject();
    const QString policyName = restart.value(QStringLiteral("Name")).toString();
    if (!policyName.isEmpty()) {
        auto policy = parseRestartPolicy(policyName, restart.value(QStringLiteral("MaximumRetryCount")).toInt());
        if (!policy)
            return done(fail(policy.error()));
        if (container.spec.autoRemove && policy->first != RestartPolicy::No)
            return done(fail(Code::InvalidArgument,
                QStringLiteral("Restart policy cannot be updated because AutoRemove is enabled for the container")));
        updated.restartPolicy = policy->first;
        updated.restartMaxRetries = policy->second;
    }
    const auto keep = [this, id, updated, done](Result<> applied) {
        Container *c = store_.get(id);
        if (!c)
            return done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(id)));
        if (!applied)
            return done(fail(applied.error().code,
                QStringLiteral("Cannot update container %1: %2").arg(id, applied.error().message)));
        c->spec = updated;
        if (auto saved = store_.save(*c); !saved)
            return done(saved);
        store_.publish(*c, QStringLiteral("update"));
        done({});
    };
    if (!container.running())
        return keep({});
    const QString file = store_.paths().containerUpdate(id);
    QFile out(file);
    const QByteArray json = QJsonDocument(runtime::updatedResourcesJson(updated)).toJson(QJsonDocument::Compact);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(json) != json.size())
        return done(fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(file, out.errorString())));
    out.close();
    runRuntime({ QStringLiteral("update"), QStringLiteral("--resources"), file, id }, keep);
}

} // namespace muelle::engine::containers
