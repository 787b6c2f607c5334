#include "confine/inroot.h"
#include "engine/builder/createdby.h"
#include "engine/builder/layer.h"
#include "engine/builder/service.h"
#include "engine/builder/stage.h"
#include "engine/builder/upload.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/snapshots/mountedroot.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QtEndian>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// RUN: the step's command in a container of the engine; its changes become the layer.

namespace muelle::engine::builder {

namespace {

// Reads a container's attach stream (Docker's frames: [stream, 0, 0, 0,
// size (big endian)] + bytes) and hands on the bytes; `ended` once the
// shim closed it.
class AttachReader : public QObject {
public:
    AttachReader(shim::Attachment attachment, std::function<void(const QByteArray &)> output,
        std::function<void()> ended, QObject *parent)
        : QObject(parent),
          fd_(attachment.fd),
          buffer_(std::move(attachment.pending)),
          output_(std::move(output)),
          ended_(std::move(ended)),
          notifier_(fd_, QSocketNotifier::Read, this)
    {
        connect(&notifier_, &QSocketNotifier::activated, this, [this] { readSome(); });
        deliver();
    }
    ~AttachReader() override
    {
        if (fd_ >= 0)
            ::close(fd_);
    }

private:
    void readSome()
    {
        char chunk[65536];
        const ssize_t n = ::read(fd_, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n <= 0) {
            notifier_.setEnabled(false);
            ::close(fd_);
            fd_ = -1;
            if (ended_)
                std::exchange(ended_, {})();
            return;
        }
        buffer_.append(chunk, n);
        deliver();
    }

    void deliver()
    {
        while (buffer_.size() >= 8) {
            const quint32 size = qFromBigEndian<quint32>(buffer_.constData() + 4);
            if (quint32(buffer_.size() - 8) < size)
                return;
            output_(buffer_.mid(8, size));
            buffer_.remove(0, 8 + qsizetype(size));
        }
    }

    int fd_;
    QByteArray buffer_;
    std::function<void(const QByteArray &)> output_;
    std::function<void()> ended_;
    QSocketNotifier notifier_;
};

QStringList runCommand(const dockerfile::Run &run, const QStringList &shell)
{
    const dockerfile::CommandLine &line = run.command;
    if (!line.shellForm)
        return line.args;
    QString script = line.args.join(u' ');
    if (!line.files.isEmpty()) {
        // RUN <<EOF alone runs the heredoc as the script; otherwise the
        // shell gets the heredocs after the command, as it would read them.
        const QString trimmed = script.trimmed();
        if (line.files.size() == 1 && trimmed.startsWith(QLatin1String("<<")) && !trimmed.contains(u' ')) {
            script = line.files.first().content;
        } else {
            for (const dockerfile::InlineFile &file : line.files)
                script += u'\n' + file.content + file.name;
        }
    }
    return shell + QStringList{ script };
}

} // namespace

void Build::runStep(const dockerfile::Instruction &instruction)
{
    const auto &run = std::get<dockerfile::Run>(instruction.command);
    // The host's network is the user's to give (docker build --network host), not the Dockerfile's.
    if (run.network == u"host" && options_.networkMode != u"host")
        return failed({ Code::PermissionDenied,
            QStringLiteral("dockerfile parse error line %1: RUN --network=host needs the build to allow it "
                           "(docker build --network host)")
                .arg(instruction.startLine) });
    const QStringList command = runCommand(run, stage_->shell);
    const QString createdBy = runCreatedBy(command, argsInForce());
    // The key: history's words, and the command, network and mounts unambiguously.
    QJsonArray mountsKey;
    bool binds = false;
    for (const dockerfile::RunMount &mount : run.mounts) {
        mountsKey.append(QJsonArray{
            dockerfile::mountTypeName(mount.type), mount.target, mount.source, mount.from, mount.id, mount.readOnly });
        binds = binds || mount.type == dockerfile::RunMount::Type::Bind;
    }
    const QString key = keyOf(createdBy,
        QString::fromUtf8(QJsonDocument(QJsonArray{ QJsonArray::fromStringList(command), run.network, mountsKey })
                              .toJson(QJsonDocument::Compact)));
    // A bind mount's files are not in the key: such a step always runs.
    if (!binds && fromCache(key, createdBy))
        return;
    if (!stage_->image.id.isValid() || stage_->image.layers.isEmpty())
        return failed({ Code::InvalidArgument,
            QStringLiteral("The command '%1' cannot run: the image has no files (FROM scratch)")
                .arg(command.join(u' ')) });
    // A bind mount of the context needs its files: unpacked first, off this thread.
    const bool bindsContext = std::any_of(run.mounts.cbegin(), run.mounts.cend(),
        [](const dockerfile::RunMount &m) { return m.type == dockerfile::RunMount::Type::Bind && m.from.isEmpty(); });
    if (bindsContext && !upload_->isUnpacked()) {
        std::shared_ptr<ContextUpload> upload = upload_;
        return inPool<QString>([upload] { return upload->unpackedDir(); },
            [this, instruction](Result<QString> unpacked) {
                if (!unpacked)
                    return failed(unpacked.error());
                runStep(instruction);
            });
    }
    auto mounts = runMounts(run.mounts);
    if (!mounts) {
        stepRoots_.clear();
        return failed({ mounts.error().code,
            QStringLiteral("dockerfile parse error line %1: %2")
                .arg(instruction.startLine)
                .arg(mounts.error().message) });
    }
    stepMounts_ = *mounts;
    runContainer(command, createdBy, key, run.network);
}

Result<QList<containers::Mount>> Build::runMounts(const QList<dockerfile::RunMount> &wanted)
{
    QList<containers::Mount> mounts;
    for (const dockerfile::RunMount &wantedMount : wanted) {
        containers::Mount mount;
        mount.target = wantedMount.target;
        mount.from = containers::MountFrom::Mounts;
        switch (wantedMount.type) {
        case dockerfile::RunMount::Type::Cache: {
            // Kept between builds, named by its id (its target when none).
            const QString id = wantedMount.id.isEmpty() ? wantedMount.target : wantedMount.id;
            const QString dir = services_.images.paths().buildCacheMountsDir() + u'/'
                + QString::fromLatin1(QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex());
            if (!QFileInfo::exists(dir)) {
                if (!QDir().mkpath(dir))
                    return fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(dir));
                const QByteArray path = QFile::encodeName(dir);
                ::chmod(path.constData(), wantedMount.mode.value_or(0755));
                if (::chown(path.constData(), wantedMount.uid.value_or(0), wantedMount.gid.value_or(0)) != 0)
                    return fail(systemError(QStringLiteral("chown"), dir, errno));
            }
            mount.type = containers::MountType::Bind;
            mount.source = dir;
            break;
        }
        case dockerfile::RunMount::Type::Tmpfs:
            mount.type = containers::MountType::Tmpfs;
            mount.tmpfsSize = wantedMount.sizeLimit.value_or(0);
            break;
        case dockerfile::RunMount::Type::Bind: {
            // Never the context writable: other steps read it (and stages run side by side).
            if (!wantedMount.readOnly)
                return fail(Code::Unimplemented,
                    QStringLiteral("RUN --mount=type=bind,rw is not supported by this builder yet"));
            auto source = bindSource(wantedMount);
            if (!source)
                return fail(source.error());
            mount.type = containers::MountType::Bind;
            mount.source = *source;
            mount.readOnly = wantedMount.readOnly;
            break;
        }
        default:
            return fail(Code::Unimplemented,
                QStringLiteral("RUN --mount=type=%1 is not supported by this builder yet")
                    .arg(dockerfile::mountTypeName(wantedMount.type)));
        }
        mounts.append(mount);
    }
    return mounts;
}

Result<QString> Build::bindSource(const dockerfile::RunMount &mount)
{
    QString root = upload_->dir();
    if (!mount.from.isEmpty()) {
        std::optional<oci::Digest> image;
        if (const auto stage = dockerfile::stageReference(context_->dockerfile, mount.from, stage_->index);
            stage && built_.contains(*stage))
            image = built_.value(*stage);
        else if (auto id = services_.images.resolve(mount.from))
            image = *id;
        else
            return fail(Code::InvalidArgument,
                QStringLiteral("invalid from flag value %1: %2").arg(mount.from, id.error().message));
        auto details = services_.images.metadata().image(*image);
        if (!details)
            return fail(details.error());
        QList<oci::Digest> chainIds;
        for (const metadata::Layer &layer : std::as_const(details->layers))
            chainIds.append(layer.chainId);
        auto mounted = MountedRoot::mount(services_.images.paths(), chainIds);
        if (!mounted)
            return fail(mounted.error());
        root = (*mounted)->path();
        stepRoots_.push_back(std::move(*mounted));
    }
    // The source resolved inside its root: a symlink there never leads runc out of it.
    const auto clean = confine::cleanPath(mount.source.toUtf8());
    if (!clean)
        return fail(
            Code::InvalidArgument, QStringLiteral("forbidden path outside the build context: %1").arg(mount.source));
    confine::Fd rootFd(::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd.isValid())
        return fail(systemError(QStringLiteral("open"), root, errno));
    auto parent = confine::openDirInRoot(rootFd.get(), confine::parentPath(*clean));
    if (!parent)
        return fail(Code::NotFound, QStringLiteral("%1 not found in the mount's source").arg(mount.source));
    const QByteArray name = clean->isEmpty() ? QByteArray(".") : confine::baseName(*clean);
    struct stat st { };
    if (::fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISLNK(st.st_mode))
        return fail(Code::NotFound, QStringLiteral("%1 not found in the mount's source").arg(mount.source));
    const QString real = QFileInfo(QStringLiteral("/proc/self/fd/%1").arg(parent->get())).symLinkTarget();
    return clean->isEmpty() ? real : real + u'/' + QFile::decodeName(name);
}

void Build::runContainer(
    const QStringList &command, const QString &createdBy, const QString &key, const QString &network)
{
    containers::Spec spec;
    spec.image = stage_->image.id.toString();
    spec.cmd = command;
    spec.entrypoint = QStringList();
    spec.env = stage_->config.env;
    for (const QString &arg : argsInForce()) {
        const QString name = arg.section(u'=', 0, 0) + u'=';
        if (std::none_of(spec.env.cbegin(), spec.env.cend(), [&](const QString &v) { return v.startsWith(name); }))
            spec.env.append(arg);
    }
    spec.user = stage_->config.user;
    spec.workingDir = stage_->config.workingDir;
    spec.networkMode = network != QLatin1String("default") ? network
        : options_.networkMode.isEmpty()                   ? QStringLiteral("default")
                                                           : options_.networkMode;
    spec.extraHosts = options_.extraHosts;
    spec.shmSize = options_.shmSize;
    spec.resources.memory = options_.memory;
    spec.resources.memorySwap = options_.memorySwap;
    spec.resources.cpuShares = options_.cpuShares;
    spec.resources.cpuPeriod = options_.cpuPeriod;
    spec.resources.cpuQuota = options_.cpuQuota;
    spec.resources.cpusetCpus = options_.cpusetCpus;
    spec.attachStdout = true;
    spec.attachStderr = true;
    spec.labels.insert(stepLabel(), QStringLiteral("true"));
    spec.mounts = std::exchange(stepMounts_, {});
    QPointer<Build> self(this);
    containers::ContainerService &containers = services_.containers;
    containers.store().create({}, spec, [self, &containers, command, createdBy, key](auto created) {
        if (!self || self->ended_) {
            if (created)
                containers.supervisor().remove(created->id, true, true, [](Result<>) {});
            return;
        }
        if (!created)
            return self->failed(created.error());
        const QString id = created->id;
        self->runningContainer_ = id;
        self->progress_.running(id);
        struct Exit {
            bool streamEnded = false;
            std::optional<int> code;
            QString error;
        };
        auto exit = std::make_shared<Exit>();
        auto proceed = [self, exit, id, command, createdBy, key] {
            if (!self || self->ended_ || !exit->streamEnded || !exit->code)
                return;
            self->afterRun(id, *exit->code, exit->error, command, createdBy, key);
        };
        containers.supervisor().attach(id, false, true, true, [self, exit, proceed](auto attached) {
            if (!self || self->ended_)
                return;
            if (!attached)
                return self->failed(attached.error());
            new AttachReader(
                *attached,
                [self](const QByteArray &bytes) {
                    if (self && !self->ended_)
                        self->progress_.output(bytes);
                },
                [exit, proceed] {
                    exit->streamEnded = true;
                    proceed();
                },
                self);
        });
        // The attach answers once the container started (so no output is missed).
        containers.supervisor().wait(id, containers::WaitCondition::NextExit, [exit, proceed](auto waited) {
            exit->code = waited ? waited->statusCode : -1;
            exit->error = waited ? waited->error : waited.error().message;
            proceed();
        });
        containers.supervisor().start(id, [self](Result<bool> started) {
            if (!started && self && !self->ended_)
                self->failed(started.error());
        });
    });
}

void Build::afterRun(const QString &id, int code, const QString &error, const QStringList &command,
    const QString &createdBy, const QString &key)
{
    containers::ContainerService &containers = services_.containers;
    stepRoots_.clear();
    if (code != 0 || !error.isEmpty()) {
        if (options_.forceRemove)
            containers.supervisor().remove(id, true, true, [](Result<>) {});
        runningContainer_.clear();
        return failed({ Code::FailedPrecondition,
            error.isEmpty()
                ? QStringLiteral("The command '%1' returned a non-zero code: %2").arg(command.join(u' ')).arg(code)
                : error });
    }
    containers::Container *container = containers.store().get(id);
    if (!container)
        return failed({ Code::Internal, QStringLiteral("the step's container %1 is gone").arg(id.left(12)) });
    const snapshots::WritableLayer layer = containers.store().layerOf(*container);
    const std::optional<oci::Digest> parentChain
        = stage_->image.layers.isEmpty() ? std::nullopt : std::optional(stage_->image.layers.last().chainId);
    const content::Store &content = services_.images.content();
    const snapshots::Snapshotter &snapshots = services_.images.snapshots();
    const bool keep = !options_.remove; // the container stays: its upper dir too
    inPool<std::optional<metadata::Layer>>(
        [layer, parentChain, keep, &content, &snapshots]() -> Result<std::optional<metadata::Layer>> {
            layer.unmount();
            return keep ? copyLayer(layer.changesDir(), parentChain, content, snapshots)
                        : commitLayer(layer.changesDir(), parentChain, content, snapshots);
        },
        [this, id, createdBy, key](Result<std::optional<metadata::Layer>> committed) {
            if (!committed)
                return failed(committed.error());
            runningContainer_.clear();
            if (!options_.remove)
                return commit(key, createdBy, *committed);
            auto layer = std::make_shared<std::optional<metadata::Layer>>(std::move(*committed));
            QPointer<Build> self(this);
            services_.containers.supervisor().remove(
                id, true, true, [self, id, createdBy, key, layer](Result<> removed) {
                    if (!self || self->ended_)
                        return;
                    if (removed)
                        self->progress_.removed(id);
                    self->commit(key, createdBy, *layer);
                });
        });
}

} // namespace muelle::engine::builder
