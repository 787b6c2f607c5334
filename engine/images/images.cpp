#include "engine/images/images.h"

#include "engine/distribution/puller.h"
#include "engine/distribution/pusher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>

#include <algorithm>
#include <malloc.h>
#include <sys/mount.h>

Q_LOGGING_CATEGORY(lcImages, "muelle.engine.images")

namespace muelle::engine::images {

namespace {

bool isHexId(QStringView text)
{
    static const QRegularExpression hex(QStringLiteral("^[a-f0-9]{1,64}$"));
    return hex.match(text.toString()).hasMatch();
}

QString repositoryOf(const QString &fullTag)
{
    return fullTag.left(fullTag.lastIndexOf(u':'));
}

// docker's reference filter: a path.Match pattern against the familiar
// repository, or repository:tag.
bool referenceMatches(const QString &pattern, const QString &fullTag)
{
    const QRegularExpression wildcard(QRegularExpression::wildcardToRegularExpression(pattern));
    const QString shown = familiar(fullTag);
    return wildcard.match(shown).hasMatch() || wildcard.match(shown.left(shown.lastIndexOf(u':'))).hasMatch();
}

bool labelsMatch(const QStringList &wanted, const QMap<QString, QString> &labels)
{
    for (const QString &label : wanted) {
        const qsizetype equals = label.indexOf(u'=');
        const QString key = equals < 0 ? label : label.left(equals);
        if (!labels.contains(key) || (equals >= 0 && labels.value(key) != label.mid(equals + 1)))
            return false;
    }
    return true;
}

// A pull or push, with the state the service needs when it ends.
template <typename Worker> class Running final : public Job {
public:
    explicit Running(Worker *worker) : worker_(worker) { }
    void cancel() override
    {
        if (worker_)
            worker_->cancel();
    }

private:
    QPointer<Worker> worker_;
};

} // namespace

QString familiar(const QString &fullName)
{
    if (fullName.startsWith(u"docker.io/library/"))
        return fullName.mid(18);
    if (fullName.startsWith(u"docker.io/"))
        return fullName.mid(10);
    return fullName;
}

ImageService::ImageService(Settings settings, events::EventBus &events, QObject *parent)
    : QObject(parent),
      settings_(std::move(settings)),
      events_(events),
      paths_(settings_.dataRoot),
      content_(paths_),
      snapshots_(paths_),
      credentials_(paths_.credentials())
{
    // One thread per layer being downloaded, at least one per core.
    pool_.setMaxThreadCount(std::max(QThread::idealThreadCount(), settings_.maxConcurrentDownloads + 1));
    network_.setAutoDeleteReplies(false);
}

ImageService::~ImageService()
{
    pool_.waitForDone();
}

namespace {

// Detaches every mount whose mount point is below `dir` (deepest first).
void unmountBelow(const QString &dir)
{
    QFile mounts(QStringLiteral("/proc/self/mountinfo"));
    if (!mounts.open(QIODevice::ReadOnly))
        return;
    const QByteArray prefix = QFile::encodeName(QDir::cleanPath(dir)) + '/';
    QByteArrayList below;
    for (const QByteArray &line : mounts.readAll().split('\n')) {
        // The fifth field is the mount point, with spaces as \040.
        const QByteArray point = line.split(' ').value(4).replace("\\040", " ");
        if (point.startsWith(prefix))
            below.append(point);
    }
    std::sort(below.begin(), below.end(), [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    for (const QByteArray &point : std::as_const(below))
        ::umount2(point.constData(), MNT_DETACH);
}

} // namespace

Result<> ImageService::open()
{
    if (auto opened = content_.open(); !opened)
        return opened;
    // Tarballs a crash left half loaded, build contexts, and the image roots
    // a build had mounted there: unmounted first, so that nothing is deleted
    // through them. (A symlink there is unlinked, not followed.)
    if (QFileInfo(paths_.tmpDir()).isSymLink())
        QFile::remove(paths_.tmpDir());
    unmountBelow(paths_.tmpDir());
    QDir(paths_.tmpDir()).removeRecursively();
    if (!QDir().mkpath(paths_.tmpDir()))
        return fail(Code::Internal, QStringLiteral("create \"%1\"").arg(paths_.tmpDir()));
    if (auto opened = snapshots_.open(settings_.storageDriver); !opened)
        return opened;
    if (auto loaded = credentials_.load(); !loaded)
        return loaded;
    auto metadata = metadata::Metadata::open(paths_.database());
    if (!metadata)
        return fail(metadata.error());
    metadata_ = std::move(*metadata);
    return {};
}

void ImageService::setRegistryOptions(distribution::RegistryOptions options, int maxDownloads, int maxUploads)
{
    settings_.registry = std::move(options);
    settings_.maxConcurrentDownloads = maxDownloads;
    settings_.maxConcurrentUploads = maxUploads;
    pool_.setMaxThreadCount(std::max(QThread::idealThreadCount(), maxDownloads + 1));
}

Result<oci::Digest> ImageService::resolve(const QString &name) const
{
    const QString bare = name.startsWith(u"sha256:") ? name.mid(7) : name;
    if (bare.size() == 64 && isHexId(bare)) {
        const oci::Digest id = *oci::Digest::parse(QStringLiteral("sha256:") + bare);
        if (metadata_->image(id))
            return id;
    }
    if (auto reference = oci::Reference::parse(name)) {
        if (reference->digest)
            return metadata_->byRepoDigest(reference->repository(), *reference->digest);
        auto tagged = metadata_->tagged(reference->toString());
        if (tagged || tagged.error().code != Code::NotFound)
            return tagged;
    }
    if (isHexId(bare)) {
        auto matches = metadata_->imagesWithPrefix(bare);
        if (!matches)
            return fail(matches.error());
        if (matches->size() == 1)
            return matches->first();
        if (matches->size() > 1)
            return fail(Code::InvalidArgument, QStringLiteral("ambiguous image ID prefix: %1").arg(name));
    }
    auto reference = oci::Reference::parse(name);
    if (!reference && !isHexId(bare))
        return fail(
            Code::InvalidArgument, QStringLiteral("invalid reference format: %1").arg(reference.error().message));
    return fail(Code::NotFound, QStringLiteral("No such image: %1").arg(name));
}

distribution::Credentials ImageService::credentialsFor(
    const QString &registry, const std::optional<distribution::Credentials> &given) const
{
    return given ? *given : credentials_.find(registry);
}

void ImageService::publish(const QString &action, const QString &actor, const QString &name)
{
    events_.publish({ QStringLiteral("image"), action, actor, { { QStringLiteral("name"), name } }, 0 });
}

std::shared_ptr<Job> ImageService::pull(const oci::Reference &reference,
    const std::optional<distribution::Credentials> &credentials, const oci::Platform &platform,
    distribution::ProgressSink progress, Done done)
{
    distribution::Services services{ content_, snapshots_, network_, pool_, settings_.registry,
        settings_.maxConcurrentDownloads, settings_.maxConcurrentUploads };
    auto *puller = new distribution::Puller(
        services, reference, credentialsFor(reference.domain, credentials), platform, progress, this);
    ++activeJobs_;
    puller->start([this, puller, reference, progress, done = std::move(done)](Result<distribution::Pulled> pulled) {
        puller->deleteLater();
        jobEnded();
        // A failed pull leaves its verified blobs and snapshots for the next one.
        if (!pulled) {
            qCWarning(lcImages).noquote() << "pull of" << reference.toString() << "failed:" << pulled.error().message;
            return done(fail(pulled.error()));
        }
        fillLayerSizes(pulled->image);
        std::optional<QString> tag;
        if (!reference.digest)
            tag = reference.toString();
        const bool known = metadata_->image(pulled->image.id).has_value();
        const auto taggedBefore = tag ? metadata_->tagged(*tag) : Result<oci::Digest>(fail(Code::NotFound, {}));
        auto added = metadata_->addImage(pulled->image, pulled->repoDigest, tag);
        if (!added)
            return done(fail(added.error()));
        // Where the blobs live, so a push to a sibling repository mounts them.
        for (const metadata::Layer &layer : std::as_const(pulled->image.layers))
            metadata_->addBlobSource(layer.blob, reference.domain, reference.path);
        metadata_->addBlobSource(pulled->image.id, reference.domain, reference.path);
        const bool upToDate = known && (!tag || (taggedBefore && *taggedBefore == pulled->image.id));
        const QString shown = familiar(reference.toString());
        progress({ {}, QStringLiteral("Digest: %1").arg(pulled->repoDigest.digest.toString()) });
        progress({ {},
            upToDate ? QStringLiteral("Status: Image is up to date for %1").arg(shown)
                     : QStringLiteral("Status: Downloaded newer image for %1").arg(shown) });
        publish(QStringLiteral("pull"), shown, familiar(reference.repository()));
        done({});
    });
    return std::make_shared<Running<distribution::Puller>>(puller);
}

std::shared_ptr<Job> ImageService::push(const oci::Reference &reference,
    const std::optional<distribution::Credentials> &credentials, distribution::ProgressSink progress, Done done)
{
    auto image = resolveImage(reference.toString());
    if (!image) {
        done(image.error().code == Code::NotFound ? fail(Code::NotFound,
                 QStringLiteral("An image does not exist locally with the tag: %1")
                     .arg(familiar(reference.repository())))
                                                  : fail(image.error()));
        return nullptr;
    }
    distribution::Services services{ content_, snapshots_, network_, pool_, settings_.registry,
        settings_.maxConcurrentDownloads, settings_.maxConcurrentUploads };
    auto *pusher = new distribution::Pusher(
        services, *metadata_, reference, *image, credentialsFor(reference.domain, credentials), progress, this);
    ++activeJobs_;
    pusher->start([this, pusher, reference, done = std::move(done)](Result<metadata::RepoDigest> pushed) {
        pusher->deleteLater();
        jobEnded();
        if (!pushed) {
            qCWarning(lcImages).noquote() << "push of" << reference.toString() << "failed:" << pushed.error().message;
            return done(fail(pushed.error()));
        }
        auto image = resolve(reference.toString());
        if (image) {
            if (auto added = metadata_->addImage(*metadata_->image(*image), *pushed, std::nullopt); !added)
                return done(fail(added.error()));
        }
        publish(QStringLiteral("push"), familiar(reference.toString()), familiar(reference.repository()));
        done({});
    });
    return std::make_shared<Running<distribution::Pusher>>(pusher);
}

void ImageService::login(const QString &serverAddress, const distribution::Credentials &credentials,
    std::function<void(Result<QString>)> done)
{
    const QString registry = distribution::registryHost(serverAddress);
    auto *client = new distribution::RegistryClient(network_, registry, {}, credentials, {}, settings_.registry, this);
    client->connect([this, client, registry, credentials, done = std::move(done)](Result<> connected) {
        client->deleteLater();
        if (!connected)
            return done(fail(connected.error()));
        if (auto saved = credentials_.save(registry, credentials); !saved)
            return done(fail(saved.error()));
        done(QStringLiteral("Login Succeeded"));
    });
}

Result<oci::ImageConfig> ImageService::config(const oci::Digest &id) const
{
    auto bytes = content_.read(id, 16 << 20);
    if (!bytes)
        return fail(bytes.error());
    return oci::ImageConfig::parse(*bytes);
}

Result<QList<metadata::Image>> ImageService::list(const Filters &filters) const
{
    auto images = metadata_->images();
    if (!images)
        return images;
    std::optional<QDateTime> before;
    std::optional<QDateTime> since;
    for (const auto &[bound, id] : { std::pair{ &before, filters.before }, std::pair{ &since, filters.since } }) {
        if (!id)
            continue;
        auto image = metadata_->image(*id);
        if (!image)
            return fail(image.error());
        *bound = image->created;
    }
    auto parents = metadata_->parents();
    if (!parents)
        return fail(parents.error());
    QList<metadata::Image> kept;
    for (metadata::Image &image : *images) {
        if (!filters.all && image.tags.isEmpty() && parents->contains(image.id))
            continue;
        if (filters.dangling && *filters.dangling != image.tags.isEmpty())
            continue;
        if (!filters.references.isEmpty()) {
            // Only the tags that match are shown, as docker does.
            QStringList matching;
            for (const QString &tag : std::as_const(image.tags)) {
                if (std::any_of(filters.references.cbegin(), filters.references.cend(),
                        [&](const QString &pattern) { return referenceMatches(pattern, tag); }))
                    matching.append(tag);
            }
            if (matching.isEmpty())
                continue;
            image.tags = matching;
            image.repoDigests.removeIf([&](const metadata::RepoDigest &digest) {
                return std::none_of(matching.cbegin(), matching.cend(),
                    [&](const QString &tag) { return repositoryOf(tag) == digest.repository; });
            });
        }
        if ((before && image.created >= *before) || (since && image.created <= *since))
            continue;
        if (filters.until && image.created >= *filters.until)
            continue;
        if (!filters.labels.isEmpty()) {
            auto config = this->config(image.id);
            if (!config || !labelsMatch(filters.labels, config->labels))
                continue;
        }
        kept.append(std::move(image));
    }
    return kept;
}

Result<metadata::Image> ImageService::resolveImage(const QString &name) const
{
    auto id = resolve(name);
    if (!id)
        return fail(id.error());
    return metadata_->image(*id);
}

void ImageService::fillLayerSizes(metadata::Image &image) const
{
    image.size = 0;
    for (metadata::Layer &layer : image.layers) {
        if (layer.size < 0)
            layer.size = metadata_->layerSize(layer.chainId).value_or(-1);
        if (layer.size < 0) // a snapshot an interrupted pull left: measured once
            layer.size = snapshots_.usage(layer.chainId);
        image.size += layer.size;
    }
}

Result<Details> ImageService::inspect(const QString &name) const
{
    auto image = resolveImage(name);
    if (!image)
        return fail(image.error());
    auto config = this->config(image->id);
    if (!config)
        return fail(
            Code::DataLoss, QStringLiteral("image %1: config: %2").arg(image->id.toString(), config.error().message));
    return Details{ std::move(*image), std::move(*config) };
}

Result<> ImageService::tag(const QString &source, const oci::Reference &target)
{
    auto id = resolve(source);
    if (!id)
        return fail(id.error());
    if (target.digest)
        return fail(Code::InvalidArgument, QStringLiteral("refusing to create a tag with a digest reference"));
    auto tagged = metadata_->tag(target.toString(), *id);
    if (!tagged)
        return fail(tagged.error());
    publish(QStringLiteral("tag"), id->toString(), familiar(target.toString()));
    return {};
}

Result<QList<Removal>> ImageService::remove(const QString &name, bool force, bool noPrune)
{
    auto image = resolveImage(name);
    if (!image)
        return fail(image.error());
    const oci::Digest id = image->id;
    QList<Removal> removed;
    const auto untag = [&](const QString &fullTag) -> Result<> {
        if (auto done = metadata_->untag(fullTag); !done)
            return done;
        removed.append({ familiar(fullTag), {} });
        publish(QStringLiteral("untag"), id.toString(), id.toString());
        const QString repository = repositoryOf(fullTag);
        image->tags.removeAll(fullTag);
        const bool lastInRepository = std::none_of(image->tags.cbegin(), image->tags.cend(),
            [&](const QString &tag) { return repositoryOf(tag) == repository; });
        if (!lastInRepository)
            return {};
        for (const metadata::RepoDigest &digest : std::as_const(image->repoDigests)) {
            if (digest.repository == repository)
                removed.append({ familiar(repository) + u'@' + digest.digest.toString(), {} });
        }
        return metadata_->removeRepoDigests(id, repository);
    };
    auto reference = oci::Reference::parse(name);
    const bool byTag = reference && !reference->digest && image->tags.contains(reference->toString());
    if (byTag && image->tags.size() > 1) {
        if (auto done = untag(reference->toString()); !done)
            return fail(done.error());
        return removed;
    }
    if (!byTag && image->tags.size() > 1 && !force)
        return fail(Code::Conflict,
            QStringLiteral(
                "conflict: unable to delete %1 (must be forced) - image is referenced in multiple repositories")
                .arg(id.hex().left(12)));
    const QStringList users = imageUsers_ ? imageUsers_(id) : QStringList();
    if (!users.isEmpty() && !force) {
        if (byTag)
            return fail(Code::Conflict,
                QStringLiteral("conflict: unable to remove repository reference \"%1\" (must force) - container %2 is "
                               "using its referenced image %3")
                    .arg(name, users.first().left(12), id.hex().left(12)));
        return fail(Code::Conflict,
            QStringLiteral("conflict: unable to delete %1 (must be forced) - image is being used by container %2")
                .arg(id.hex().left(12), users.first().left(12)));
    }
    auto children = metadata_->children(id);
    if (!children)
        return fail(children.error());
    if (!children->isEmpty() && image->tags.isEmpty())
        return fail(Code::Conflict,
            QStringLiteral("conflict: unable to delete %1 (cannot be forced) - image has dependent child images")
                .arg(id.hex().left(12)));
    for (const QString &tag : QStringList(image->tags)) {
        if (auto done = untag(tag); !done)
            return fail(done.error());
    }
    // Forced while containers use it, or built on by other images:
    // untagged, kept for them (as Docker).
    if (!users.isEmpty() || !children->isEmpty())
        return removed;
    if (auto done = metadata_->removeImage(id); !done)
        return fail(done.error());
    removed.append({ {}, id.toString() });
    publish(QStringLiteral("delete"), id.toString(), id.toString());
    if (!noPrune && image->parent.isValid()) {
        if (auto done = removeUnusedParents(image->parent, removed); !done)
            return fail(done.error());
    }
    if (!noPrune)
        collectGarbageWhenIdle();
    return removed;
}

Result<std::pair<QList<Removal>, qint64>> ImageService::prune(bool all, const Filters &filters)
{
    Filters wanted = filters;
    if (!all)
        wanted.dangling = true;
    auto images = list(wanted);
    if (!images)
        return fail(images.error());
    QList<Removal> removed;
    const qint64 before = diskBytes();
    for (const metadata::Image &image : std::as_const(*images)) {
        if (imageUsers_ && !imageUsers_(image.id).isEmpty())
            continue;
        auto gone = remove(image.id.toString(), true, false);
        if (!gone)
            return fail(gone.error());
        removed.append(*gone);
    }
    collectGarbageWhenIdle();
    return std::pair{ removed, std::max<qint64>(0, before - diskBytes()) };
}

Result<DiskUsage> ImageService::diskUsage() const
{
    // The images docker images lists: a build's intermediate images are the build cache's.
    auto images = list({});
    if (!images)
        return fail(images.error());
    DiskUsage usage;
    QHash<QString, int> users;
    QHash<QString, qint64> sizes;
    for (const metadata::Image &image : std::as_const(*images)) {
        for (const metadata::Layer &layer : image.layers) {
            users[layer.chainId.toString()] += 1;
            sizes.insert(layer.chainId.toString(), layer.size);
        }
    }
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it)
        usage.layersSize += it.value();
    for (const metadata::Image &image : std::as_const(*images)) {
        qint64 shared = 0;
        for (const metadata::Layer &layer : image.layers) {
            if (users.value(layer.chainId.toString()) > 1)
                shared += layer.size;
        }
        usage.sharedSize.insert(image.id.toString(), shared);
    }
    usage.images = std::move(*images);
    return usage;
}

qint64 ImageService::diskBytes() const
{
    qint64 total = 0;
    for (const oci::Digest &blob : content_.list())
        total += content_.size(blob).value_or(0);
    for (const oci::Digest &snapshot : snapshots_.list())
        total += snapshots_.usage(snapshot);
    return total;
}

Result<> ImageService::removeUnusedParents(oci::Digest parent, QList<Removal> &removed)
{
    while (parent.isValid()) {
        auto image = metadata_->image(parent);
        if (!image)
            return image.error().code == Code::NotFound ? Result<>() : Result<>(fail(image.error()));
        auto children = metadata_->children(parent);
        if (!children)
            return fail(children.error());
        if (!image->tags.isEmpty() || !children->isEmpty() || (imageUsers_ && !imageUsers_(parent).isEmpty()))
            return {};
        if (auto done = metadata_->removeImage(parent); !done)
            return done;
        removed.append({ {}, parent.toString() });
        publish(QStringLiteral("delete"), parent.toString(), parent.toString());
        parent = image->parent;
    }
    return {};
}

Result<> ImageService::recordBuilt(const metadata::Image &image, const QByteArray &config)
{
    if (auto stored = content_.put(config, image.id); !stored)
        return stored;
    if (auto added = metadata_->addImage(image, std::nullopt, std::nullopt); !added)
        return fail(added.error());
    return {};
}

qint64 ImageService::stepSize(const metadata::Image &image) const
{
    if (image.layers.isEmpty() || !image.parent.isValid())
        return image.layers.isEmpty() ? 0 : image.layers.last().size;
    auto parent = metadata_->image(image.parent);
    if (parent && parent->layers.size() == image.layers.size())
        return 0;
    return image.layers.last().size;
}

Result<std::pair<QStringList, qint64>> ImageService::pruneBuildCache(
    const std::optional<QDateTime> &until, qint64 keepBytes, bool all)
{
    auto entries = metadata_->cacheEntries();
    if (!entries)
        return fail(entries.error());
    std::sort(entries->begin(), entries->end(),
        [](const metadata::CacheEntry &a, const metadata::CacheEntry &b) { return a.lastUsed < b.lastUsed; });
    qint64 kept = 0;
    QHash<QString, qint64> sizes;
    for (const metadata::CacheEntry &entry : std::as_const(*entries)) {
        auto image = metadata_->image(entry.image);
        sizes.insert(entry.key, image ? stepSize(*image) : 0);
        kept += sizes.value(entry.key);
    }
    const qint64 before = diskBytes();
    QStringList dropped;
    QList<oci::Digest> images;
    for (const metadata::CacheEntry &entry : std::as_const(*entries)) {
        if (until && entry.lastUsed >= *until)
            continue;
        if (!all) {
            auto image = metadata_->image(entry.image);
            if (image && !image->tags.isEmpty())
                continue;
        }
        if (keepBytes > 0 && kept <= keepBytes)
            break;
        if (auto done = metadata_->removeCacheEntry(entry.key); !done)
            return fail(done.error());
        dropped.append(entry.key);
        images.append(entry.image);
        kept -= sizes.value(entry.key);
    }
    // The intermediate images no cache entry, tag, child or container keeps, newest first.
    auto remaining = metadata_->cacheEntries();
    if (!remaining)
        return fail(remaining.error());
    QSet<oci::Digest> cached;
    for (const metadata::CacheEntry &entry : std::as_const(*remaining))
        cached.insert(entry.image);
    // A pass removes the images at the top of a chain; the next, what they built on.
    for (bool progress = true; progress;) {
        progress = false;
        for (const oci::Digest &id : std::as_const(images)) {
            auto image = metadata_->image(id);
            auto children = metadata_->children(id);
            if (!image || !children || !image->tags.isEmpty() || !children->isEmpty() || cached.contains(id)
                || (imageUsers_ && !imageUsers_(id).isEmpty()))
                continue;
            if (auto done = metadata_->removeImage(id); !done)
                return fail(done.error());
            publish(QStringLiteral("delete"), id.toString(), id.toString());
            progress = true;
        }
    }
    // RUN --mount=type=cache's directories go with everything.
    if (all && !until && keepBytes <= 0)
        QDir(paths_.buildCacheMountsDir()).removeRecursively();
    collectGarbageWhenIdle();
    return std::pair{ dropped, std::max<qint64>(0, before - diskBytes()) };
}

std::shared_ptr<void> ImageService::holdGarbage()
{
    ++activeJobs_;
    QPointer<ImageService> self(this);
    // The last holder may let go on any thread: the count moves on the service's.
    return std::shared_ptr<void>(nullptr, [self](void *) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self] {
            if (!self)
                return;
            self->jobEnded();
            self->collectGarbageWhenIdle();
        });
    });
}

void ImageService::jobEnded()
{
    // The layer workers' buffers went back to malloc's per-thread arenas;
    // once idle, hand them back to the system, so idle memory stays small.
    if (--activeJobs_ == 0)
        ::malloc_trim(0);
}

void ImageService::collectGarbageWhenIdle()
{
    // A pull's blobs and snapshots are committed before its image is
    // recorded: while one runs, nothing unrecorded may be taken for garbage.
    if (activeJobs_ > 0)
        return;
    auto blobs = metadata_->blobsInUse();
    auto snapshots = metadata_->snapshotsInUse();
    if (!blobs || !snapshots) {
        qCWarning(lcImages).noquote() << "garbage collection skipped:"
                                      << (blobs ? snapshots.error() : blobs.error()).message;
        return;
    }
    for (const oci::Digest &blob : content_.list()) {
        if (!blobs->contains(blob))
            content_.remove(blob);
    }
    for (const oci::Digest &snapshot : snapshots_.list()) {
        if (!snapshots->contains(snapshot))
            snapshots_.remove(snapshot);
    }
}

} // namespace muelle::engine::images
