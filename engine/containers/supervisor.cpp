// Supervision: start (bundle, shim, attach streams, start), the shim's
// watch and what an exit leads to (waiters, --rm, restart policies), live
// restore, removal's last step. What users ask of a running container is in
// supervisor_actions.cpp.
#include "engine/containers/supervisor.h"

#include "engine/containers/bundle.h"
#include "engine/containers/networking.h"
#include "engine/containers/store.h"
#include "engine/containers/supervisor_p.h"
#include "engine/containers/volumemounts.h"

#include <QProcess>

#include <csignal>

namespace muelle::engine::containers {
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
        } else if (container.state.status == Status::Exited) {
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
        if (*shimUp)
            pending_->exiting.insert(id);
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
            // Its state may not allow it to run any more (a removal under way).
            if (auto running = transition(c->state, Status::Running); !running) {
                shim.kill(SIGKILL);
                return failed(running.error());
            }
            pending_->starting.remove(id);
            c->state.startedAt = nowRfc3339Nano();
            c->state.error.clear();
            c->state.exitCode = 0;
            c->state.oomKilled = false;
            store_.save(*c);
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
    pending_->exiting.remove(id);
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
    if (!c || c->running())
        return;
    if (c->spec.autoRemove)
        return finishRemoval(id, true, [](Result<>) {});
    // A start that never ran its process is not restarted, as with Docker.
    if (c->state.status == Status::Created)
        return;
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

} // namespace muelle::engine::containers
