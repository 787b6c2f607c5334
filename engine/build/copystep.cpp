#include "confine/inroot.h"
#include "engine/build/copy.h"
#include "engine/build/createdby.h"
#include "engine/build/layer.h"
#include "engine/build/stage.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"
#include "engine/snapshots/mountedroot.h"

#include <QFile>
#include <QUuid>

#include <fcntl.h>

// COPY and ADD: written into an overlay of the image, without a container.

namespace muelle::engine::build {

namespace {

// Where a COPY reads: the context, a heredoc's files, or another image's root.
struct SourceRoot {
    confine::Fd fd;
    std::unique_ptr<MountedRoot> mounted;
    QString scratch; // heredoc files, removed with it
    ~SourceRoot()
    {
        mounted.reset();
        if (!scratch.isEmpty())
            QDir(scratch).removeRecursively();
    }
};

struct Planned {
    std::shared_ptr<SourceRoot> root;
    QList<Source> sources;
    QString digest;
};

QList<oci::Digest> chainIdsOf(const metadata::Image &image)
{
    QList<oci::Digest> ids;
    for (const metadata::Layer &layer : image.layers)
        ids.append(layer.chainId);
    return ids;
}

Result<std::optional<std::pair<unsigned, unsigned>>> ownerOf(const QString &rootfs, const QString &chown)
{
    if (chown.isEmpty())
        return std::optional<std::pair<unsigned, unsigned>>();
    auto user = runtime::resolveUser(rootfs, chown);
    if (!user)
        return fail(user.error());
    // A user without a group: its UID is the GID too, as Docker does it.
    const unsigned gid = chown.contains(u':') ? user->gid : user->uid;
    return std::optional(std::pair{ unsigned(user->uid), gid });
}

} // namespace

void Build::copyStep(const dockerfile::Instruction &instruction)
{
    const auto &copy = std::get<dockerfile::Copy>(instruction.command);
    const QString name = copy.add ? QStringLiteral("ADD") : QStringLiteral("COPY");
    for (const QString &source : copy.sources) {
        if (source.startsWith(QLatin1String("http://")) || source.startsWith(QLatin1String("https://")))
            return failed({ Code::Unimplemented,
                QStringLiteral("ADD from a URL (%1) is not supported by this builder yet").arg(source) });
    }
    auto mode = parseChmod(copy.chmod);
    if (!mode)
        return failed(mode.error());
    std::optional<metadata::Image> fromImage;
    if (!copy.from.isEmpty()) {
        if (const auto stage = dockerfile::stageReference(context_->dockerfile, copy.from, stage_->index);
            stage && built_.contains(*stage)) {
            auto image = services_.images.metadata().image(built_.value(*stage));
            if (!image)
                return failed(image.error());
            fromImage = *image;
        } else {
            auto id = services_.images.resolve(copy.from);
            auto image = id ? services_.images.metadata().image(*id) : Result<metadata::Image>(fail(id.error()));
            if (!image)
                return failed({ Code::InvalidArgument,
                    QStringLiteral("invalid from flag value %1: %2").arg(copy.from, image.error().message) });
            fromImage = *image;
        }
    }
    const QString contextDir = context_->dir;
    const Paths paths = services_.images.paths();
    const QStringList patterns = copy.sources;
    const QList<dockerfile::InlineFile> inlineFiles = copy.inlineSources;
    inPool<Planned>(
        [contextDir, paths, fromImage, patterns, inlineFiles]() -> Result<Planned> {
            auto root = std::make_shared<SourceRoot>();
            QString dir = contextDir;
            QStringList wanted = patterns;
            if (!inlineFiles.isEmpty()) {
                root->scratch
                    = paths.tmpDir() + QStringLiteral("/heredoc-") + QUuid::createUuid().toString(QUuid::Id128);
                QDir().mkpath(root->scratch);
                for (const dockerfile::InlineFile &file : inlineFiles) {
                    QFile out(root->scratch + u'/' + file.name);
                    if (!out.open(QIODevice::WriteOnly) || out.write(file.content.toUtf8()) < 0)
                        return fail(Code::Internal, QStringLiteral("write heredoc %1").arg(file.name));
                    wanted.append(file.name);
                }
                dir = root->scratch;
            } else if (fromImage) {
                auto mounted = MountedRoot::mount(paths, chainIdsOf(*fromImage));
                if (!mounted)
                    return fail(mounted.error());
                root->mounted = std::move(*mounted);
                dir = root->mounted->path();
            }
            root->fd = confine::Fd(::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!root->fd.isValid())
                return fail(systemError(QStringLiteral("open"), dir, errno));
            auto sources = findSources(root->fd.get(), wanted);
            if (!sources)
                return fail(sources.error());
            auto digest = sourcesDigest(root->fd.get(), *sources);
            if (!digest)
                return fail(digest.error());
            return Planned{ root, *sources, *digest };
        },
        [this, copy, name, mode = *mode](Result<Planned> planned) {
            if (!planned)
                return failed(
                    { planned.error().code, QStringLiteral("%1 failed: %2").arg(name, planned.error().message) });
            // dockerd's words, the missing space after --chown included.
            const QString chown = copy.chown.isEmpty() ? QString() : QStringLiteral("--chown=") + copy.chown;
            const QString createdBy = nopCreatedBy(stage_->shell,
                QStringLiteral("%1 %2%3 in %4 ").arg(name, chown, planned->digest, copy.destination), false);
            const QString key = keyOf(createdBy, copy.chown + u'\n' + copy.chmod);
            if (fromCache(key, createdBy))
                return;
            CopyRequest request{ planned->sources, copy.destination, stage_->config.workingDir, std::nullopt, mode,
                copy.add };
            std::shared_ptr<SourceRoot> root = planned->root;
            overlayStep(key, createdBy, name + QStringLiteral(" failed: "),
                [request, chown = copy.chown, root](const MountedRoot &mounted) mutable -> Result<> {
                    auto owner = ownerOf(mounted.path(), chown);
                    if (!owner)
                        return fail(owner.error());
                    request.owner = *owner;
                    return copyInto(root->fd.get(), mounted.fd(), request);
                });
        });
}

void Build::overlayStep(const QString &key, const QString &createdBy, const QString &failurePrefix,
    std::function<Result<>(const MountedRoot &root)> write)
{
    const Paths paths = services_.images.paths();
    const QList<oci::Digest> chainIds = chainIdsOf(stage_->image);
    const std::optional<oci::Digest> parentChain = chainIds.isEmpty() ? std::nullopt : std::optional(chainIds.last());
    const content::Store &content = services_.images.content();
    const snapshots::Snapshotter &snapshots = services_.images.snapshots();
    inPool<std::optional<metadata::Layer>>(
        [=, &content, &snapshots]() -> Result<std::optional<metadata::Layer>> {
            auto upper = snapshots.prepare(std::nullopt);
            auto work = snapshots.prepare(std::nullopt);
            if (!upper || !work)
                return fail(upper ? work.error() : upper.error());
            const auto dropWork = qScopeGuard([&] { snapshots.discard(*work); });
            auto mounted = MountedRoot::mount(paths, chainIds, *upper, *work);
            if (!mounted) {
                snapshots.discard(*upper);
                return fail(mounted.error());
            }
            Result<> written = write(**mounted);
            mounted->reset();
            if (!written) {
                snapshots.discard(*upper);
                return fail(written.error());
            }
            return commitLayer(*upper, parentChain, content, snapshots);
        },
        [this, key, createdBy, failurePrefix](Result<std::optional<metadata::Layer>> layer) {
            if (!layer)
                return failed({ layer.error().code, failurePrefix + layer.error().message });
            commit(key, createdBy, *layer);
        });
}

void Build::workdirStep(const QString &path)
{
    const QString createdBy = nopCreatedBy(stage_->shell, QStringLiteral("WORKDIR ") + path, false);
    const QString key = keyOf(createdBy);
    if (fromCache(key, createdBy))
        return;
    stage_->config.workingDir = path;
    // As Docker: the directory is made now, a layer when it was not there.
    overlayStep(key, createdBy, QStringLiteral("WORKDIR failed: "), [path](const MountedRoot &root) -> Result<> {
        const auto clean = confine::cleanPath(path.toUtf8());
        if (!clean)
            return fail(Code::InvalidArgument, QStringLiteral("invalid working directory %1").arg(path));
        auto made = confine::makeDirInRoot(root.fd(), *clean);
        return made ? Result<>() : Result<>(fail(made.error()));
    });
}

} // namespace muelle::engine::build
