#pragma once
// The image service: what the engine knows about images and what it can do
// with them — pull, push, list, inspect, history, tag, remove, prune, disk
// usage, login. The REST API calls it now, D-Bus later; neither holds any
// logic of its own. Lives on the daemon's main thread; heavy work runs on
// its thread pool.

#include "engine/content/store.h"
#include "engine/distribution/credentials.h"
#include "engine/distribution/progress.h"
#include "engine/distribution/registryclient.h"
#include "engine/events/events.h"
#include "engine/images/archives.h"
#include "engine/metadata/metadata.h"
#include "engine/snapshots/snapshotter.h"
#include "oci/imageconfig.h"
#include "oci/platform.h"
#include "oci/reference.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace muelle::engine::images {

struct Settings {
    QString dataRoot;
    QString storageDriver; // "overlay2", "vfs", or empty to probe
    distribution::RegistryOptions registry;
    int maxConcurrentDownloads = 3;
    int maxConcurrentUploads = 5;
};

// docker images' filters; an empty field filters nothing.
struct Filters {
    std::optional<bool> dangling;
    QStringList references; // "busybox", "busy*:1.*"
    QStringList labels; // "key" or "key=value"
    std::optional<oci::Digest> before; // images created before this one
    std::optional<oci::Digest> since;
    std::optional<QDateTime> until; // images created before this time
    // docker images -a: also the build's intermediate images (untagged,
    // with children), hidden otherwise as Docker hides them.
    bool all = false;
};

struct Details {
    metadata::Image image;
    oci::ImageConfig config;
};

// One line of `docker rmi` / prune output.
struct Removal {
    QString untagged; // a familiar reference
    QString deleted; // an image ID
};

struct DiskUsage {
    QList<metadata::Image> images;
    QHash<QString, qint64> sharedSize; // by image ID: bytes in layers other images use too
    qint64 layersSize = 0; // every snapshot once
};

// One repository a registry's search found (Docker's v1 search result).
struct SearchResult {
    QString name;
    QString description;
    int starCount = 0;
    bool isOfficial = false;
    bool isAutomated = false;
};

// A pull or push in flight; dropping it does not stop it, cancel() does.
class Job {
public:
    virtual ~Job() = default;
    virtual void cancel() = 0;
};

class ImageService : public QObject {
    Q_OBJECT
public:
    ImageService(Settings settings, events::EventBus &events, QObject *parent = nullptr);
    ~ImageService() override;

    // Opens the stores (clearing what a crash left unfinished).
    Result<> open();
    void setRegistryOptions(distribution::RegistryOptions options, int maxDownloads, int maxUploads);
    QString storageDriver() const { return snapshots_.driverName(); }

    // The image a name means, as docker resolves it: a reference (tag or
    // digest), a full ID, or a unique ID prefix. NotFound: "No such image".
    Result<oci::Digest> resolve(const QString &name) const;

    using Done = std::function<void(Result<>)>;
    // Streams progress (ending with "Digest: …" and "Status: …") and calls
    // `done`. Without credentials, those kept by login() are used; the
    // Docker API always passes its own (the client's), as Docker does, so
    // `docker logout` is obeyed.
    std::shared_ptr<Job> pull(const oci::Reference &reference,
        const std::optional<distribution::Credentials> &credentials, const oci::Platform &platform,
        distribution::ProgressSink progress, Done done);
    std::shared_ptr<Job> push(const oci::Reference &reference,
        const std::optional<distribution::Credentials> &credentials, distribution::ProgressSink progress, Done done);
    // docker search (search.cpp): `term` names its registry as a reference
    // does ("127.0.0.1:5000/web"; Docker Hub when it names none), which is
    // asked with GET /v1/search for at most `limit` (1..100) results.
    // Without credentials, those kept by login() are used. Errors in
    // dockerd's words.
    void search(const QString &term, int limit, const std::optional<distribution::Credentials> &credentials,
        std::function<void(Result<QList<SearchResult>>)> done);
    // The registries login() keeps credentials for, and forgetting them
    // (NotFound when there are none). The credentials themselves stay here.
    QStringList loggedIn() const { return credentials_.registries(); }
    distribution::Credentials credentialsFor(const QString &registry) const { return credentials_.find(registry); }
    Result<> logout(const QString &registry) { return credentials_.remove(registry); }
    // How the engine speaks to registries (the daemon's settings), and through what.
    const distribution::RegistryOptions &registryOptions() const { return settings_.registry; }
    QNetworkAccessManager &network() { return network_; }
    // Checks the credentials against the registry, then keeps them.
    void login(const QString &serverAddress, const distribution::Credentials &credentials,
        std::function<void(Result<QString>)> done);

    Result<QList<metadata::Image>> list(const Filters &filters) const;
    Result<Details> inspect(const QString &name) const;
    // An image's config, from the content store.
    Result<oci::ImageConfig> config(const oci::Digest &id) const;
    Result<> tag(const QString &source, const oci::Reference &target);
    Result<QList<Removal>> remove(const QString &name, bool force, bool noPrune);
    // Removes dangling images (all unused ones when `all`); returns what went
    // and the bytes freed.
    Result<std::pair<QList<Removal>, qint64>> prune(bool all, const Filters &filters);
    Result<DiskUsage> diskUsage() const;

    // A build's step: its config stored, the image recorded (layers are
    // the caller's, committed before). Tags and events are tag()'s.
    Result<> recordBuilt(const metadata::Image &image, const QByteArray &config);
    // The image event of a build's end ("build", the image's ID).
    void publishBuilt(const oci::Digest &id) { publish(QStringLiteral("build"), id.toString(), id.toString()); }
    // docker builder prune: drops cache entries (those last used before
    // `until`, all when nullopt; with `keepBytes` > 0 the oldest first until
    // what is left is that small; without `all` only those of untagged
    // images), then the intermediate images nothing else keeps; returns the
    // entries dropped and the bytes freed.
    Result<std::pair<QStringList, qint64>> pruneBuildCache(
        const std::optional<QDateTime> &until, qint64 keepBytes, bool all);
    // What a build step's own layer weighs (its last layer, when the parent has one less).
    qint64 stepSize(const metadata::Image &image) const;
    // While the returned handle lives, nothing is taken for garbage (a
    // build's blobs and snapshots exist before its images are recorded).
    std::shared_ptr<void> holdGarbage();

    // docker save: the tarball's entries for these names (references or IDs).
    Result<QList<ArchiveEntry>> save(const QStringList &names);
    // A fresh path for an uploaded tarball; thread-safe.
    QString scratchFile() const;
    // docker load from a tarball at `path` (removed afterwards): each loaded
    // image is reported as docker prints it ("Loaded image: busybox:latest").
    void load(const QString &path, std::function<void(const QString &)> report, Done done);
    // docker import: a root filesystem tarball at `path` (removed afterwards)
    // becomes a one-layer image, tagged `tag` when given; `done` gets its ID.
    void importRootfs(const QString &path, const std::optional<oci::Reference> &tag, const QString &message,
        std::function<void(Result<oci::Digest>)> done);
    // Who else uses an image (the containers created from it): such an
    // image is not removed without force, and then only untagged.
    void setImageUsers(std::function<QStringList(const oci::Digest &)> users) { imageUsers_ = std::move(users); }
    const content::Store &content() const { return content_; }
    const snapshots::Snapshotter &snapshots() const { return snapshots_; }
    const Paths &paths() const { return paths_; }
    metadata::Metadata &metadata() { return *metadata_; }
    events::EventBus &events() { return events_; }

private:
    Result<metadata::Image> resolveImage(const QString &name) const;
    // Sizes of layers unpacked before this pull, from the records (or measured).
    void fillLayerSizes(metadata::Image &image) const;
    void publish(const QString &action, const QString &actor, const QString &name);
    // After `id` went: its untagged parents nothing else uses, one by one.
    Result<> removeUnusedParents(oci::Digest parent, QList<Removal> &removed);
    // Deletes blobs and snapshots no image uses any more, unless a pull or
    // push is running (then the next one to end does it).
    void collectGarbageWhenIdle();
    void jobEnded();
    // Runs `work` on the pool as a job, then `then` with its result here.
    template <typename T> void inBackground(std::function<Result<T>()> work, std::function<void(Result<T>)> then);
    qint64 diskBytes() const;
    distribution::Credentials credentialsFor(
        const QString &registry, const std::optional<distribution::Credentials> &given) const;

    Settings settings_;
    events::EventBus &events_;
    Paths paths_;
    content::Store content_;
    snapshots::Snapshotter snapshots_;
    std::unique_ptr<metadata::Metadata> metadata_;
    distribution::CredentialStore credentials_;
    QNetworkAccessManager network_;
    QThreadPool pool_;
    int activeJobs_ = 0;
    std::function<QStringList(const oci::Digest &)> imageUsers_;
};

// "busybox:latest" as docker shows a reference: docker.io/library/ dropped.
QString familiar(const QString &fullName);

} // namespace muelle::engine::images
