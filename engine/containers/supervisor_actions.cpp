// What users ask of containers: stop, restart, kill, pause, unpause, wait,
// attach, resize, remove, prune and update; the supervision they lead to is
// in supervisor.cpp.
#include "engine/containers/supervisor.h"

#include "engine/containers/store.h"
#include "engine/containers/supervisor_p.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>

namespace muelle::engine::containers {

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
    // A start that just failed: its shim's exit first, then the removal, judged again.
    if (pending_->exiting.contains(container.id)) {
        const QString id = container.id;
        pending_->onExit[id].append([this, id, force, volumes, done] { remove(id, force, volumes, done); });
        return;
    }
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
