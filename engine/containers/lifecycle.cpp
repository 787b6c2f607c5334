// Running containers: start (bundle, shim, attach streams, start), the
// shim's watch and what an exit leads to (waiters, --rm, restart policies),
// stop, kill, restart, pause, wait, attach, resize.
#include "engine/containers/pending.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>

#include <csignal>

Q_DECLARE_LOGGING_CATEGORY(lcContainers)

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

void ContainerService::start(const QString &name, std::function<void(Result<bool>)> done)
{
    auto found = lookup(name);
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

void ContainerService::launch(Container &container, std::function<void(Result<>)> done)
{
    const QString id = container.id;
    pending_->starting.insert(id);
    // Set once a shim runs: its exit then ends the start (exited()).
    auto shimUp = std::make_shared<bool>(false);
    const auto failed = [this, id, done, shimUp](const Error &error) {
        pending_->starting.remove(id);
        auto it = containers_.find(id);
        if (it != containers_.end()) {
            leaveNetworks(*it);
            rootfsOf(*it).unmount();
            it->state.error = error.message;
            it->state.exitCode = exitCodeOfStartError(error.message);
            if (it->state.status == Status::Restarting)
                it->state.status = Status::Exited;
            save(*it);
        }
        for (const Pending::Attacher &attacher : pending_->attachers.take(id))
            attacher.done(fail(error));
        done(fail(error));
        if (!*shimUp) {
            // No shim will report an exit: waiters are told now, and a
            // --rm container goes, as with Docker.
            notify(id, WaitCondition::NextExit);
            if (auto again = containers_.find(id); again != containers_.end() && again->spec.autoRemove)
                finishRemoval(id, true, [](Result<>) {});
        }
    };
    auto rootfs = writeBundle(container);
    if (!rootfs)
        return failed(rootfs.error());

    const Spec &spec = container.spec;
    QStringList args = { QStringLiteral("--id"), id, QStringLiteral("--dir"), paths_.container(id),
        QStringLiteral("--socket"), shimSocket(container), QStringLiteral("--bundle"), paths_.container(id),
        QStringLiteral("--runtime"), settings_.runtime, QStringLiteral("--runtime-root"), paths_.runtimeRoot() };
    if (spec.tty)
        args << QStringLiteral("--tty");
    if (spec.openStdin)
        args << QStringLiteral("--stdin");
    if (spec.stdinOnce)
        args << QStringLiteral("--stdin-once");
    if (spec.logType != QLatin1String("none")) {
        args << QStringLiteral("--log") << paths_.containerLog(id) << QStringLiteral("--log-max-size")
             << QString::number(spec.logMaxSize) << QStringLiteral("--log-max-file")
             << QString::number(spec.logMaxFile);
    }
    const QString cgroup = QStringLiteral("/muelle/") + id;
    args << QStringLiteral("--oom-file")
         << (cgroups_.version == cgroups::Version::V2
                    ? cgroups_.root + cgroup + QStringLiteral("/memory.events")
                    : cgroups_.root + QStringLiteral("/memory") + cgroup + QStringLiteral("/memory.oom_control"));

    launchShim(settings_.shim, args, this, [this, id, failed, done, shimUp](Result<int> pid) {
        if (!pid)
            return failed(startError(pid.error()));
        *shimUp = true;
        auto it = containers_.find(id);
        if (it == containers_.end())
            return failed({ Code::NotFound, QStringLiteral("No such container: %1").arg(id) });
        it->state.pid = *pid;
        for (const Pending::Attacher &attacher : pending_->attachers.take(id))
            attacher.done(attachShim(shimSocket(*it), attacher.in, attacher.out, attacher.err));
        watch(id);
        if (auto joined = joinNetworks(*it, *pid); !joined) {
            callShim(shimSocket(*it), "kill 9", this, [](Result<QByteArray>) {});
            return failed(joined.error());
        }
        callShim(shimSocket(*it), "start", this, [this, id, failed, done](Result<QByteArray> started) {
            auto it = containers_.find(id);
            if (!started || it == containers_.end()) {
                if (it != containers_.end())
                    callShim(shimSocket(*it), "kill 9", this, [](Result<QByteArray>) {});
                return failed(startError(started ? Error{ Code::NotFound, id } : started.error()));
            }
            pending_->starting.remove(id);
            it->state.status = Status::Running;
            it->state.startedAt = nowRfc3339Nano();
            it->state.error.clear();
            it->state.exitCode = 0;
            it->state.oomKilled = false;
            save(*it);
            publish(*it, QStringLiteral("start"));
            done({});
        });
    });
}

void ContainerService::watch(const QString &id)
{
    auto it = containers_.find(id);
    if (it == containers_.end())
        return;
    watchShim(shimSocket(*it), this, [this, id](std::optional<Exit> exit) { exited(id, exit); });
}

void ContainerService::exited(const QString &id, std::optional<Exit> exit)
{
    auto it = containers_.find(id);
    if (it == containers_.end())
        return;
    if (!exit) {
        // The shim is gone without telling: it may have finished while we
        // were away (its state file says so), or it was killed, and then
        // the container is killed too rather than left unsupervised.
        exit = exitFromStateFile(paths_.container(id));
        if (!exit) {
            runRuntime({ QStringLiteral("delete"), QStringLiteral("--force"), id }, [](Result<>) {});
            exit = Exit{ 137, false, nowRfc3339Nano() };
            it->state.error = QStringLiteral("the container's shim exited unexpectedly");
        }
    }
    delete pending_->stopTimers.take(id);
    pending_->starting.remove(id);
    // A start that failed before the process ran leaves it created, as Docker.
    if (it->state.status != Status::Created)
        it->state.status = Status::Exited;
    it->state.pid = 0;
    // A start that failed keeps the exit code its error gave (126, 127...),
    // not the one of the kill that ended its process.
    if (it->state.status != Status::Created || it->state.error.isEmpty())
        it->state.exitCode = exit->code;
    it->state.oomKilled = exit->oomKilled;
    it->state.finishedAt = exit->finishedAt;
    leaveNetworks(*it);
    rootfsOf(*it).unmount();
    announceUnmounts(*it);
    save(*it);
    if (exit->oomKilled)
        publish(*it, QStringLiteral("oom"));
    publish(*it, QStringLiteral("die"), { { QStringLiteral("exitCode"), QString::number(exit->code) } });
    notify(id, WaitCondition::NotRunning);
    notify(id, WaitCondition::NextExit);
    const QList<std::function<void()>> listeners = pending_->onExit.take(id);
    for (const auto &listener : listeners)
        listener();
    if (listeners.isEmpty())
        afterExit(id);
}

void ContainerService::afterExit(const QString &id)
{
    auto it = containers_.find(id);
    if (it == containers_.end() || it->running())
        return;
    const Container &container = *it;
    if (container.spec.autoRemove)
        return finishRemoval(id, true, [](Result<>) {});
    if (container.state.stoppedByUser)
        return;
    switch (container.spec.restartPolicy) {
    case RestartPolicy::No:
        return;
    case RestartPolicy::OnFailure:
        if (container.state.exitCode == 0
            || (container.spec.restartMaxRetries > 0
                && container.state.restartCount >= container.spec.restartMaxRetries))
            return;
        break;
    case RestartPolicy::Always:
    case RestartPolicy::UnlessStopped:
        break;
    }
    restartLater(id);
}

void ContainerService::restartLater(const QString &id)
{
    auto it = containers_.find(id);
    if (it == containers_.end())
        return;
    // Docker's back-off: 100 ms, doubling per restart, at most a minute.
    const int delay = std::min(100 << std::min(it->state.restartCount, 10), 60'000);
    it->state.status = Status::Restarting;
    save(*it);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    delete pending_->restartTimers.take(id);
    pending_->restartTimers.insert(id, timer);
    connect(timer, &QTimer::timeout, this, [this, id] {
        if (QTimer *t = pending_->restartTimers.take(id))
            t->deleteLater();
        auto it = containers_.find(id);
        if (it == containers_.end() || it->state.status != Status::Restarting)
            return;
        ++it->state.restartCount;
        launch(*it, [this, id](Result<> started) {
            auto it = containers_.find(id);
            if (it == containers_.end())
                return;
            if (started)
                publish(*it, QStringLiteral("restart"));
            else
                afterExit(id);
        });
    });
    timer->start(delay);
}

void ContainerService::stop(const QString &name, std::optional<int> timeout, std::function<void(Result<bool>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    const QString id = container.id;
    if (container.state.status == Status::Restarting) {
        delete pending_->restartTimers.take(id);
        container.state.status = Status::Exited;
        container.state.stoppedByUser = true;
        save(container);
        return done(true);
    }
    if (!container.running())
        return done(false);
    container.state.stoppedByUser = true;
    save(container);
    QString signalName = container.spec.stopSignal;
    if (signalName.isEmpty()) {
        if (auto details = images_.inspect(container.image.toString()))
            signalName = details->config.stopSignal;
    }
    const int signal = signalNumber(signalName).value_or(SIGTERM);
    const int seconds = timeout.value_or(container.spec.stopTimeout.value_or(10));
    pending_->onExit[id].append([this, id, done] {
        if (auto it = containers_.find(id); it != containers_.end())
            publish(*it, QStringLiteral("stop"));
        done(true);
        afterExit(id);
    });
    publish(container, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(signal) } });
    if (container.state.status == Status::Paused)
        runRuntime({ QStringLiteral("resume"), id }, [](Result<>) {});
    callShim(shimSocket(container), QByteArray("kill ") + QByteArray::number(signal), this, [](Result<QByteArray>) {});
    if (seconds < 0)
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    delete pending_->stopTimers.take(id);
    pending_->stopTimers.insert(id, timer);
    connect(timer, &QTimer::timeout, this, [this, id] {
        if (QTimer *t = pending_->stopTimers.take(id))
            t->deleteLater();
        auto it = containers_.find(id);
        if (it == containers_.end() || !it->running())
            return;
        publish(*it, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(SIGKILL) } });
        callShim(shimSocket(*it), "kill 9", this, [](Result<QByteArray>) {});
    });
    timer->start(seconds * 1000);
}

void ContainerService::restart(const QString &name, std::optional<int> timeout, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    const QString id = (*found)->id;
    stop(id, timeout, [this, id, done](Result<bool> stopped) {
        if (!stopped)
            return done(fail(stopped.error()));
        start(id, [this, id, done](Result<bool> started) {
            if (!started)
                return done(fail(started.error()));
            if (auto it = containers_.find(id); it != containers_.end())
                publish(*it, QStringLiteral("restart"));
            done({});
        });
    });
}

void ContainerService::kill(const QString &name, int signal, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    if (auto ok = allowed(container, Action::Kill); !ok)
        return done(ok);
    if (signal == SIGKILL || signal == SIGTERM) {
        container.state.stoppedByUser = true;
        save(container);
    }
    publish(container, QStringLiteral("kill"), { { QStringLiteral("signal"), QString::number(signal) } });
    callShim(shimSocket(container), QByteArray("kill ") + QByteArray::number(signal), this,
        [done, id = container.id](Result<QByteArray> sent) {
            if (!sent)
                return done(fail(
                    Code::Conflict, QStringLiteral("Cannot kill container: %1: %2").arg(id, sent.error().message)));
            done({});
        });
}

void ContainerService::pause(const QString &name, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Pause); !ok)
        return done(ok);
    const QString id = (*found)->id;
    runRuntime({ QStringLiteral("pause"), id }, [this, id, done](Result<> paused) {
        auto it = containers_.find(id);
        if (paused && it != containers_.end() && it->state.status == Status::Running) {
            it->state.status = Status::Paused;
            save(*it);
            publish(*it, QStringLiteral("pause"));
        }
        done(paused);
    });
}

void ContainerService::unpause(const QString &name, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Unpause); !ok)
        return done(ok);
    const QString id = (*found)->id;
    runRuntime({ QStringLiteral("resume"), id }, [this, id, done](Result<> resumed) {
        auto it = containers_.find(id);
        if (resumed && it != containers_.end() && it->state.status == Status::Paused) {
            it->state.status = Status::Running;
            save(*it);
            publish(*it, QStringLiteral("unpause"));
        }
        done(resumed);
    });
}

void ContainerService::wait(const QString &name, WaitCondition condition, std::function<void(Result<WaitResult>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    const Container &container = **found;
    if (condition == WaitCondition::NotRunning && !container.running() && !pending_->starting.contains(container.id))
        return done(WaitResult{ container.state.exitCode, container.state.error });
    pending_->waiters[container.id].append({ condition, std::move(done) });
}

void ContainerService::notify(const QString &id, WaitCondition condition)
{
    auto it = containers_.find(id);
    WaitResult result;
    if (it != containers_.end())
        result = { it->state.exitCode, it->state.error };
    else if (auto last = pending_->lastExit.find(id); last != pending_->lastExit.end())
        result = *last;
    if (condition == WaitCondition::NotRunning && it != containers_.end())
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

void ContainerService::attach(
    const QString &name, bool in, bool out, bool err, std::function<void(Result<Attachment>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    const Container &container = **found;
    if (auto ok = allowed(container, Action::Attach); !ok)
        return done(fail(ok.error()));
    if (container.state.status == Status::Created || pending_->starting.contains(container.id)) {
        pending_->attachers[container.id].append({ in, out, err, std::move(done) });
        return;
    }
    publish(container, QStringLiteral("attach"));
    done(attachShim(shimSocket(container), in, out, err));
}

void ContainerService::resize(const QString &name, int rows, int columns, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    if (auto ok = allowed(**found, Action::Resize); !ok)
        return done(ok);
    callShim(shimSocket(**found), QStringLiteral("resize %1 %2").arg(rows).arg(columns).toLatin1(), this,
        [done](Result<QByteArray> resized) { done(resized ? Result<>() : fail(resized.error())); });
}

void ContainerService::runRuntime(const QStringList &args, std::function<void(Result<>)> done)
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
    process->start(settings_.runtime, QStringList{ QStringLiteral("--root"), paths_.runtimeRoot() } + args);
}

void ContainerService::update(const QString &name, const QJsonObject &body, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
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
        auto it = containers_.find(id);
        if (it == containers_.end())
            return done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(id)));
        if (!applied)
            return done(fail(applied.error().code,
                QStringLiteral("Cannot update container %1: %2").arg(id, applied.error().message)));
        it->spec = updated;
        if (auto saved = save(*it); !saved)
            return done(saved);
        publish(*it, QStringLiteral("update"));
        done({});
    };
    if (!container.running())
        return keep({});
    const QString file = paths_.container(id) + QStringLiteral("/update.json");
    QFile out(file);
    const QByteArray json = QJsonDocument(runtime::updatedResourcesJson(updated)).toJson(QJsonDocument::Compact);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(json) != json.size())
        return done(fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(file, out.errorString())));
    out.close();
    runRuntime({ QStringLiteral("update"), QStringLiteral("--resources"), file, id }, keep);
}

} // namespace muelle::engine::containers
