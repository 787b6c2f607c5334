// docker exec: a process started in a running container by a shim of its
// own (muelle-shim in exec mode: runc exec), so it outlives muelled too.
#include "engine/containers/pending.h"
#include "engine/containers/service.h"
#include "engine/runtime/ocispec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

namespace muelle::engine::containers {
namespace {

// "KEY=value" entries of `extra` replace those of `base` with the same key.
QStringList mergedEnv(QStringList base, const QStringList &extra)
{
    for (const QString &entry : extra) {
        const QString key = entry.section(u'=', 0, 0) + u'=';
        base.erase(
            std::remove_if(base.begin(), base.end(), [&](const QString &e) { return e.startsWith(key); }), base.end());
        base.append(entry);
    }
    return base;
}

} // namespace

Result<QString> ContainerService::createExec(const QString &name, ExecSpec spec)
{
    auto found = lookup(name);
    if (!found)
        return fail(found.error());
    Container &container = **found;
    if (auto ok = allowed(container, Action::Exec); !ok)
        return fail(ok.error());
    if (spec.cmd.isEmpty() || spec.cmd.first().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("No exec command specified"));
    Exec exec;
    exec.id = randomId();
    exec.containerId = container.id;
    exec.spec = std::move(spec);
    execs_.insert(exec.id, exec);
    container.execIds.append(exec.id);
    publish(container, QStringLiteral("exec_create: ") + exec.spec.cmd.join(u' '),
        { { QStringLiteral("execID"), exec.id } });
    return exec.id;
}

Result<Exec> ContainerService::exec(const QString &execId) const
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId));
    Exec exec = *it;
    // The shim writes the exit before it closes the streams; a client that
    // asks right after its stream ended must see it even if the shim's
    // wait answer is still on its way.
    if (exec.running) {
        if (const auto exit = exitFromStateFile(paths_.exec(exec.containerId, exec.id))) {
            exec.running = false;
            exec.exitCode = exit->code;
        }
    }
    return exec;
}

Result<QString> ContainerService::writeExecProcess(const Container &container, const Exec &exec)
{
    // The container's own process settings (capabilities, rlimits, no new
    // privileges, ...) with the exec's command, user, env and directory.
    QFile bundleConfig(paths_.container(container.id) + QStringLiteral("/config.json"));
    if (!bundleConfig.open(QIODevice::ReadOnly))
        return fail(
            Code::Internal, QStringLiteral("read \"%1\": %2").arg(bundleConfig.fileName(), bundleConfig.errorString()));
    const QJsonObject config = QJsonDocument::fromJson(bundleConfig.readAll()).object();
    QJsonObject process = config.value(QStringLiteral("process")).toObject();
    const QString rootfs = config.value(QStringLiteral("root")).toObject().value(QStringLiteral("path")).toString();

    const QString userName = exec.spec.user.isEmpty() ? container.spec.user : exec.spec.user;
    auto user = runtime::resolveUser(rootfs, userName.isEmpty() ? QStringLiteral("0") : userName);
    if (!user)
        return fail(user.error());
    QJsonArray groups;
    for (uint gid : user->additionalGids)
        groups.append(double(gid));
    process.insert(QStringLiteral("user"),
        QJsonObject{ { QStringLiteral("uid"), double(user->uid) }, { QStringLiteral("gid"), double(user->gid) },
            { QStringLiteral("additionalGids"), groups } });
    QStringList env;
    for (const QJsonValue &value : process.value(QStringLiteral("env")).toArray())
        env.append(value.toString());
    env = mergedEnv(env, exec.spec.env);
    if (exec.spec.tty)
        env = mergedEnv(env, { QStringLiteral("TERM=xterm") });
    process.insert(QStringLiteral("env"), QJsonArray::fromStringList(env));
    process.insert(QStringLiteral("args"), QJsonArray::fromStringList(exec.spec.cmd));
    process.insert(QStringLiteral("terminal"), exec.spec.tty);
    if (!exec.spec.workingDir.isEmpty())
        process.insert(QStringLiteral("cwd"), exec.spec.workingDir);
    if (exec.spec.privileged) {
        // Every capability this engine holds, as for a privileged container.
        const QJsonObject all
            = config.value(QStringLiteral("process")).toObject().value(QStringLiteral("capabilities")).toObject();
        process.insert(QStringLiteral("capabilities"), all);
    }
    process.remove(QStringLiteral("consoleSize"));
    if (exec.spec.tty && exec.spec.consoleSize.height > 0 && exec.spec.consoleSize.width > 0)
        process.insert(QStringLiteral("consoleSize"), runtime::consoleSizeJson(exec.spec.consoleSize));

    const QString dir = paths_.exec(container.id, exec.id);
    if (!QDir().mkpath(dir))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\" failed").arg(dir));
    QSaveFile file(dir + QStringLiteral("/process.json"));
    const QByteArray bytes = QJsonDocument(process).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(file.fileName(), file.errorString()));
    return file.fileName();
}

void ContainerService::startExec(
    const QString &execId, bool attach, std::function<void(Result<std::optional<Attachment>>)> done)
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return done(fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId)));
    if (it->started)
        return done(fail(Code::Conflict, QStringLiteral("Error: Exec command %1 has already run").arg(execId)));
    auto container = containers_.find(it->containerId);
    if (container == containers_.end())
        return done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(it->containerId)));
    if (auto ok = allowed(*container, Action::Exec); !ok)
        return done(fail(ok.error()));
    it->started = true;
    it->running = true;
    auto processFile = writeExecProcess(*container, *it);
    const auto failed = [this, execId, done](const Error &error) {
        if (auto e = execs_.find(execId); e != execs_.end()) {
            e->running = false;
            e->exitCode = error.message.contains(QLatin1String("not found")) ? 127 : 126;
        }
        done(fail(error));
    };
    if (!processFile)
        return failed(processFile.error());
    const Exec &exec = *it;
    QStringList args
        = { QStringLiteral("--id"), exec.containerId, QStringLiteral("--dir"), paths_.exec(exec.containerId, execId),
              QStringLiteral("--socket"), paths_.shimSocket(execId), QStringLiteral("--exec-process"), *processFile,
              QStringLiteral("--runtime"), settings_.runtime, QStringLiteral("--runtime-root"), paths_.runtimeRoot() };
    if (exec.spec.tty)
        args << QStringLiteral("--tty");
    if (exec.spec.attachStdin && attach)
        args << QStringLiteral("--stdin") << QStringLiteral("--stdin-once");
    const ExecSpec spec = exec.spec;
    launchShim(settings_.shim, args, this, [this, execId, attach, spec, failed, done](Result<int> launched) {
        if (!launched)
            return failed(launched.error());
        std::optional<Attachment> attachment;
        const QString socket = paths_.shimSocket(execId);
        if (attach) {
            auto attached = attachShim(socket, spec.attachStdin, spec.attachStdout, spec.attachStderr);
            if (!attached)
                return failed(attached.error());
            attachment = *attached;
        }
        watchShim(socket, this, [this, execId](std::optional<Exit> exit) { execExited(execId, exit); });
        callShim(socket, "start", this, [this, execId, attachment, socket, failed, done](Result<QByteArray> started) {
            if (!started) {
                if (attachment)
                    ::close(attachment->fd);
                callShim(socket, "kill 9", this, [](Result<QByteArray>) {});
                return failed({ Code::Internal,
                    QStringLiteral("OCI runtime exec failed: exec failed: %1: unknown").arg(started.error().message) });
            }
            if (auto e = execs_.find(execId); e != execs_.end()) {
                e->pid = started->toInt();
                if (auto c = containers_.find(e->containerId); c != containers_.end())
                    publish(*c, QStringLiteral("exec_start: ") + e->spec.cmd.join(u' '),
                        { { QStringLiteral("execID"), execId } });
            }
            done(attachment);
        });
    });
}

void ContainerService::execExited(const QString &execId, std::optional<Exit> exit)
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return;
    it->running = false;
    if (!it->exitCode)
        it->exitCode = exit ? exit->code : 126;
    it->pid = 0;
    if (auto c = containers_.find(it->containerId); c != containers_.end())
        publish(*c, QStringLiteral("exec_die"),
            { { QStringLiteral("execID"), execId }, { QStringLiteral("exitCode"), QString::number(*it->exitCode) } });
}

void ContainerService::resizeExec(const QString &execId, int rows, int columns, std::function<void(Result<>)> done)
{
    if (!execs_.contains(execId))
        return done(fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId)));
    callShim(paths_.shimSocket(execId), QStringLiteral("resize %1 %2").arg(rows).arg(columns).toLatin1(), this,
        [done](Result<QByteArray> resized) { done(resized ? Result<>() : fail(resized.error())); });
}

} // namespace muelle::engine::containers
