#pragma once
// One `docker build`: the classic builder's model, faster. The context
// (a tar, or a Dockerfile alone) is unpacked into a scratch directory; the
// Dockerfile is parsed (src/dockerfile), the stages the target needs are
// built in order, each instruction a step:
//   - RUN runs in a real container of the engine (same runtime, security
//     defaults, networks and limits as `docker run`); its upper dir is the
//     step's layer.
//   - COPY and ADD write into an overlay of the image (rootfs.h) without a
//     container; its upper dir is the layer.
//   - the others change the image config only (no layer).
// Stages that depend on no other stage are built side by side when there
// are several. Every step's result is an image whose parent is the step
// before (docker images -a shows them, as Docker does) and an entry of the
// build cache:
// the key is the parent image, the step as `docker history` shows it (its
// expanded arguments, the build args in force, a COPY's sources digest).
// Lives on the daemon's main thread; blocking work runs on the pool.

#include "engine/builder/options.h"
#include "engine/builder/progress.h"
#include "engine/containerspec/spec.h"
#include "engine/metadata/metadata.h"
#include "oci/imageconfig.h"
#include "oci/reference.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QThreadPool;

namespace muelle::dockerfile {
struct Dockerfile;
struct Instruction;
struct RunMount;
} // namespace muelle::dockerfile
namespace muelle::engine::images {
class ImageService;
class Job;
} // namespace muelle::engine::images
namespace muelle::engine::containers {
class ContainerService;
}

namespace muelle::engine::snapshots {
class MountedRoot;
}
namespace muelle::engine::builder {
class ContextUpload;
}

namespace muelle::engine::builder {

using snapshots::MountedRoot;

struct Outcome {
    oci::Digest image;
    QStringList tags; // familiar names, as "Successfully tagged" prints them
};

class Build : public QObject {
    Q_OBJECT
public:
    struct Services {
        images::ImageService &images;
        containers::ContainerService &containers;
        QThreadPool &pool;
        QNetworkAccessManager &network; // ADD's URLs
    };
    using Done = std::function<void(Result<Outcome>)>;

    // `upload` brings the context (the request body: a tar, plain or
    // compressed, or a Dockerfile alone); the build waits until it is
    // read, and removes everything it made that is not an image.
    Build(Services services, Options options, std::shared_ptr<ContextUpload> upload, Progress &progress, Done done,
        QObject *parent = nullptr);
    ~Build() override;

    void setDone(Done done) { done_ = std::move(done); }
    void start();
    // Stops the build: the running step's container is killed and removed,
    // and `done` gets Cancelled.
    void cancel();
    // The images it builds on (its current step's, its stages'): not to be
    // removed while it runs.
    QList<oci::Digest> imagesInUse() const;

private:
    struct Stage;
    struct Context;
    class StageProgress;
    template <typename T> void inPool(std::function<Result<T>()> work, std::function<void(Result<T>)> then);

    void planned(Result<std::shared_ptr<Context>> context);
    // Starts the stages that depend on no other stage, when there are
    // several, each in a Build of its own; false when there is nothing to
    // run side by side.
    bool startIndependentStages();
    void nextStage();
    void from(const QString &base);
    void adoptBase(const oci::Digest &id);
    // Pulls `reference` (with the build's registry credentials), showing
    // its progress; `then` gets the image's ID, on this thread.
    void pullImage(const oci::Reference &reference, std::function<void(Result<oci::Digest>)> then);
    // The base image's ONBUILD triggers, put before the stage's instructions.
    Result<> takeTriggers();
    void nextInstruction();
    void dispatch(const dockerfile::Instruction &instruction);
    // A step that changes the config only.
    void metadataStep(const QString &comment, bool spaced, const std::function<void(oci::ImageConfig &)> &change);
    void runStep(const dockerfile::Instruction &instruction);
    void copyStep(const dockerfile::Instruction &instruction);
    // ADD's URLs, one after the other, into `dir`; then planCopy.
    void fetchNext(const dockerfile::Instruction &instruction, const QString &dir, QStringList names);
    // COPY/ADD's sources found and hashed (from the context, a stage, an
    // image, heredocs, or `downloaded` files in `downloads`), the cache
    // asked, then the copy.
    void planCopy(const dockerfile::Instruction &instruction, const QString &downloads, const QStringList &downloaded);
    void workdirStep(const QString &path);
    // A step that writes into an overlay of the image (no container): its
    // upper dir becomes the layer.
    void overlayStep(const QString &key, const QString &createdBy, const QString &failurePrefix,
        std::function<Result<>(const MountedRoot &root)> write);
    void runContainer(const QStringList &command, const QString &createdBy, const QString &key, const QString &network);
    void afterRun(const QString &id, int code, const QString &error, const QStringList &command,
        const QString &createdBy, const QString &key);
    // RUN --mount's mounts for the step's container (cache, tmpfs, bind).
    Result<QList<containerspec::Mount>> runMounts(const QList<dockerfile::RunMount> &wanted);
    // A bind mount's source: in the context, or in a stage's or image's root mounted for the step.
    Result<QString> bindSource(const dockerfile::RunMount &mount);
    // The cache entry for `key` — or a --cache-from image's step built on the
    // same parent by the same step (`createdBy`) — when there is a usable
    // one: adopted, true.
    bool fromCache(const QString &key, const QString &createdBy);
    // --cache-from's images and their parents, by (parent ID, step).
    void collectCacheFrom();
    QString keyOf(const QString &createdBy, const QString &extra = {}) const;
    // Records the step's image (a new layer when given) and moves on.
    void commit(const QString &key, const QString &createdBy, const std::optional<metadata::Layer> &layer);
    void finish();
    void failed(const Error &error);
    // The environment instructions are expanded with: ENV, then the build args in force.
    QHash<QString, QString> expansionEnvironment() const;
    // The build args in force, "KEY=value", sorted (for RUN's environment and history).
    QStringList argsInForce() const;

    Services services_;
    Options options_;
    std::shared_ptr<ContextUpload> upload_;
    Progress &progress_;
    Done done_;
    std::shared_ptr<Context> context_;
    std::unique_ptr<Stage> stage_;
    QHash<int, oci::Digest> built_; // stage index -> its image
    QList<int> stages_; // the stages to build, in order
    int stageCursor_ = -1;
    int instructionCursor_ = 0;
    int stepNumber_ = 0;
    int totalSteps_ = 0;
    QSet<QString> usedArgs_;
    QHash<QString, oci::Digest> cacheFrom_; // "<parent ID> <created by>" -> image
    QSet<QString> pulledFrom_; // COPY --from images pulled (each once)
    std::shared_ptr<void> garbageHold_;
    std::shared_ptr<images::Job> pull_;
    QString runningContainer_;
    QList<containerspec::Mount> stepMounts_; // the next RUN container's
    std::vector<std::unique_ptr<MountedRoot>> stepRoots_; // what its bind mounts read
    bool cancelled_ = false;
    bool ended_ = false;
    int currentLine_ = 0; // the Dockerfile line of the step running
    std::optional<int> stageTarget_; // a stage built for a parent Build (startIndependentStages)
    std::unique_ptr<StageProgress> stageProgress_; // the stage Builds' progress, forwarded
    int pendingStages_ = 0;
};

} // namespace muelle::engine::builder
