#include "confine/inroot.h"
#include "engine/builder/copy.h"
#include "engine/builder/createdby.h"
#include "engine/builder/download.h"
#include "engine/builder/layer.h"
#include "engine/builder/stage.h"
#include "engine/builder/upload.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"
#include "engine/snapshots/mountedroot.h"

#include <QFile>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <fcntl.h>

// COPY and ADD: written into an overlay of the image, without a container.

using namespace Qt::StringLiterals;

namespace muelle::engine::builder {

namespace {

// Where a COPY reads: the context, a heredoc's files, or another image's root.
struct SourceRoot {
    confine::Fd fd; // invalid while the context is only indexed
    std::shared_ptr<ContextUpload> context; // then unpacked when copying
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

Result<Planned> plan(const std::shared_ptr<SourceRoot> &root, const SourceTree &tree, const QStringList &patterns)
{
    auto sources = findSources(tree, patterns);
    if (!sources)
        return fail(sources.error());
    auto digest = sourcesDigest(tree, *sources);
    if (!digest)
        return fail(digest.error());
    return Planned{ root, *sources, *digest };
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
    const auto isUrl = [](const QString &source) {
        return source.startsWith(QLatin1String("http://")) || source.startsWith(QLatin1String("https://"));
    };
    const qsizetype urls = std::count_if(copy.sources.cbegin(), copy.sources.cend(), isUrl);
    if (urls == 0)
        return planCopy(instruction, {}, {});
    if (!copy.add)
        return failed({ Code::InvalidArgument, QStringLiteral("COPY failed: source can't be a URL for COPY") });
    if (urls != copy.sources.size())
        return failed({ Code::Unimplemented,
            QStringLiteral("ADD failed: URLs and local sources in one ADD are not supported by this builder yet") });
    // ADD's URLs: fetched one after the other into a scratch directory, then
    // copied from there as files (an archive among them is not unpacked).
    const QString dir
        = services_.images.paths().tmpDir() + QStringLiteral("/add-") + QUuid::createUuid().toString(QUuid::Id128);
    if (!QDir().mkpath(dir))
        return failed({ Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(dir) });
    fetchNext(instruction, dir, {});
}

void Build::fetchNext(const dockerfile::Instruction &instruction, const QString &dir, QStringList names)
{
    const auto &copy = std::get<dockerfile::Copy>(instruction.command);
    if (names.size() == copy.sources.size())
        return planCopy(instruction, dir, names);
    QPointer<Build> self(this);
    download(services_.network, QUrl(copy.sources.at(names.size())), dir, copy.checksum,
        [self, instruction, dir, names](Result<Downloaded> fetched) mutable {
            if (!self || self->ended_) {
                QDir(dir).removeRecursively();
                return;
            }
            if (!fetched) {
                QDir(dir).removeRecursively();
                return self->failed({ fetched.error().code, QStringLiteral("ADD failed: ") + fetched.error().message });
            }
            names.append(fetched->name);
            self->fetchNext(instruction, dir, names);
        });
}

void Build::planCopy(
    const dockerfile::Instruction &instruction, const QString &downloads, const QStringList &downloaded)
{
    const auto &copy = std::get<dockerfile::Copy>(instruction.command);
    const QString name = copy.add ? QStringLiteral("ADD") : QStringLiteral("COPY");
    // The downloads go with the sources (SourceRoot) once planned; before, here.
    auto dropDownloads = qScopeGuard([&downloads] {
        if (!downloads.isEmpty())
            QDir(downloads).removeRecursively();
    });
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
            const auto reference = oci::Reference::parse(copy.from);
            if (!id && id.error().code == Code::NotFound && reference && !pulledFrom_.contains(copy.from)) {
                // An image not here is pulled, as for FROM; then planned again.
                dropDownloads.dismiss();
                pulledFrom_.insert(copy.from);
                return pullImage(*reference, [this, instruction, downloads, downloaded, from = copy.from](auto id) {
                    if (!id) {
                        if (!downloads.isEmpty())
                            QDir(downloads).removeRecursively();
                        return failed({ Code::InvalidArgument,
                            QStringLiteral("invalid from flag value %1: %2").arg(from, id.error().message) });
                    }
                    planCopy(instruction, downloads, downloaded);
                });
            }
            auto image = id ? services_.images.metadata().image(*id) : Result<metadata::Image>(fail(id.error()));
            if (!image)
                return failed({ Code::InvalidArgument,
                    QStringLiteral("invalid from flag value %1: %2").arg(copy.from, image.error().message) });
            fromImage = *image;
        }
    }
    const std::shared_ptr<ContextUpload> upload = upload_;
    const Paths paths = services_.images.paths();
    const QStringList patterns = downloads.isEmpty() ? copy.sources : downloaded;
    const QList<dockerfile::InlineFile> inlineFiles = copy.inlineSources;
    dropDownloads.dismiss();
    inPool<Planned>(
        [upload, paths, fromImage, patterns, inlineFiles, downloads]() -> Result<Planned> {
            auto root = std::make_shared<SourceRoot>();
            QString dir;
            QStringList wanted = patterns;
            if (!downloads.isEmpty()) {
                root->scratch = downloads;
                dir = downloads;
            } else if (!inlineFiles.isEmpty()) {
                root->scratch
                    = paths.tmpDir() + QStringLiteral("/heredoc-") + QUuid::createUuid().toString(QUuid::Id128);
                QDir().mkpath(root->scratch);
                for (const dockerfile::InlineFile &file : inlineFiles) {
                    // The delimiter names the file: one name, never a path.
                    if (file.name.isEmpty() || file.name.contains(u'/') || file.name == u"." || file.name == u"..")
                        return fail(Code::InvalidArgument, QStringLiteral("invalid heredoc name %1").arg(file.name));
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
            } else if (const ContextIndex *index = upload->index()) {
                // The context's files are not written unless the step is not cached.
                root->context = upload;
                return plan(root, *index, wanted);
            } else {
                auto unpacked = upload->unpackedDir();
                if (!unpacked)
                    return fail(unpacked.error());
                dir = *unpacked;
            }
            root->fd = confine::Fd(::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!root->fd.isValid())
                return fail(systemError(QStringLiteral("open"), dir, errno));
            return plan(root, DirTree(root->fd.get()), wanted);
        },
        [this, copy, name, downloads, mode = *mode](Result<Planned> planned) {
            if (!planned)
                return failed(
                    { planned.error().code, QStringLiteral("%1 failed: %2").arg(name, planned.error().message) });
            // dockerd's words, the missing space after --chown included.
            const QString chown = copy.chown.isEmpty() ? QString() : QStringLiteral("--chown=") + copy.chown;
            const QString createdBy = nopCreatedBy(stage_->shell,
                QStringLiteral("%1 %2%3 in %4 ").arg(name, chown, planned->digest, copy.destination), false);
            // A URL's file is copied as it is, a local archive unpacked: not the same step.
            const QString key = keyOf(
                createdBy, copy.chown + u'\n' + copy.chmod + u'\n' + (downloads.isEmpty() ? u"local"_s : u"remote"_s));
            if (fromCache(key, createdBy))
                return;
            // A remote archive is copied as it is, not unpacked (as Docker).
            CopyRequest request{ planned->sources, copy.destination, stage_->config.workingDir, std::nullopt, mode,
                copy.add && downloads.isEmpty() };
            std::shared_ptr<SourceRoot> root = planned->root;
            overlayStep(key, createdBy, name + QStringLiteral(" failed: "),
                [request, chown = copy.chown, root](const MountedRoot &mounted) mutable -> Result<> {
                    auto owner = ownerOf(mounted.path(), chown);
                    if (!owner)
                        return fail(owner.error());
                    request.owner = *owner;
                    if (!root->fd.isValid()) {
                        auto unpacked = root->context->unpackedDir();
                        if (!unpacked)
                            return fail(unpacked.error());
                        root->fd = confine::Fd(
                            ::open(QFile::encodeName(*unpacked).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
                        if (!root->fd.isValid())
                            return fail(systemError(QStringLiteral("open"), *unpacked, errno));
                    }
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

} // namespace muelle::engine::builder
