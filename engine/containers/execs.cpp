#include "engine/containers/execs.h"

#include "engine/containers/store.h"
#include "engine/runtime/ocispec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <csignal>
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

ExecService::~ExecService()
{
    // Execs keep running while muelled is away: their shims' sockets going
    // with it are no exit.
    const QObjectList children = this->children();
    for (QObject *child : children)
        child->blockSignals(true);
    qDeleteAll(children);
}

Result<QString> ExecService::create(const QString &name, ExecSpec spec)
{
    auto found = store_.lookup(name);
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
    store_.publish(container, QStringLiteral("exec_create: ") + exec.spec.cmd.join(u' '),
        { { QStringLiteral("execID"), exec.id } });
    return exec.id;
}

Result<Exec> ExecService::find(const QString &execId) const
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId));
    Exec exec = *it;
    // The shim writes the exit before it closes the streams; a client that
    // asks right after its stream ended must see it even if the shim's
    // wait answer is still on its way.
    if (exec.running) {
        if (const auto exit = shim::exitFromStateFile(store_.paths().exec(exec.containerId, exec.id))) {
            exec.running = false;
            exec.exitCode = exit->code;
        }
    }
    return exec;
}

Result<QString> ExecService::writeProcess(const Container &container, const Exec &exec)
{
    // The container's own process settings (capabilities, rlimits, no new
    // privileges, ...) with the exec's command, user, env and directory.
    QFile bundleConfig(store_.paths().containerConfig(container.id));
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

    const QString dir = store_.paths().exec(container.id, exec.id);
    if (!QDir().mkpath(dir))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\" failed").arg(dir));
    QSaveFile file(store_.paths().execProcess(container.id, exec.id));
    const QByteArray bytes = QJsonDocument(process).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(file.fileName(), file.errorString()));
    return file.fileName();
}

void ExecService::start(
    const QString &execId, bool attach, std::function<void(Result<std::optional<shim::Attachment>>)> done)
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return done(fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId)));
    if (it->started)
        return done(fail(Code::Conflict, QStringLiteral("Error: Exec command %1 has already run").arg(execId)));
    const Container *container = store_.get(it->containerId);
    if (!container)
        return done(fail(Code::NotFound, QStringLiteral("No such container: %1").arg(it->containerId)));
    if (auto ok = allowed(*container, Action::Exec); !ok)
        return done(fail(ok.error()));
    it->started = true;
    it->running = true;
    auto processFile = writeProcess(*container, *it);
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
    const Paths &paths = store_.paths();
    shim::Options options;
    options.id = exec.containerId.toStdString();
    options.dir = paths.exec(exec.containerId, execId).toStdString();
    options.socket = paths.shimSocket(execId).toStdString();
    options.execProcess = processFile->toStdString();
    options.runtime = store_.settings().runtime.toStdString();
    options.runtimeRoot = paths.runtimeRoot().toStdString();
    options.tty = exec.spec.tty;
    options.stdinOpen = options.stdinOnce = exec.spec.attachStdin && attach;
    const ExecSpec spec = exec.spec;
    shim::launch(
        store_.settings().shim, options, this, [this, execId, attach, spec, failed, done](Result<int> launched) {
            if (!launched)
                return failed(launched.error());
            std::optional<shim::Attachment> attachment;
            const shim::ShimClient shim(store_.paths().shimSocket(execId), this);
            if (attach) {
                auto attached = shim.attach(spec.attachStdin, spec.attachStdout, spec.attachStderr);
                if (!attached)
                    return failed(attached.error());
                attachment = *attached;
            }
            shim.watch([this, execId](std::optional<shim::Exit> exit) { exited(execId, exit); });
            shim.start([this, execId, attachment, shim, failed, done](Result<int> started) {
                if (!started) {
                    if (attachment)
                        ::close(attachment->fd);
                    shim.kill(SIGKILL);
                    return failed({ Code::Internal,
                        QStringLiteral("OCI runtime exec failed: exec failed: %1: unknown")
                            .arg(started.error().message) });
                }
                if (auto e = execs_.find(execId); e != execs_.end()) {
                    e->pid = *started;
                    if (const Container *c = store_.get(e->containerId))
                        store_.publish(*c, QStringLiteral("exec_start: ") + e->spec.cmd.join(u' '),
                            { { QStringLiteral("execID"), execId } });
                }
                done(attachment);
            });
        });
}

void ExecService::exited(const QString &execId, std::optional<shim::Exit> exit)
{
    auto it = execs_.find(execId);
    if (it == execs_.end())
        return;
    it->running = false;
    if (!it->exitCode)
        it->exitCode = exit ? exit->code : 126;
    it->pid = 0;
    if (const Container *c = store_.get(it->containerId))
        store_.publish(*c, QStringLiteral("exec_die"),
            { { QStringLiteral("execID"), execId }, { QStringLiteral("exitCode"), QString::number(*it->exitCode) } });
}

void ExecService::resize(const QString &execId, int rows, int columns, std::function<void(Result<>)> done)
{
    if (!execs_.contains(execId))
        return done(fail(Code::NotFound, QStringLiteral("No such exec instance: %1").arg(execId)));
    shim::ShimClient(store_.paths().shimSocket(execId), this).resize(rows, columns, std::move(done));
}

} // namespace muelle::engine::containers
