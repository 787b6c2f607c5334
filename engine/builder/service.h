#pragma once
// The build service: starts builds (builder.h) with their own worker pool,
// keeps them until they end, and cancels them all when the engine stops.
// Step containers a crash left are removed when it starts.
// Lives on the daemon's main thread.

#include "engine/builder/builder.h"
#include "engine/builder/commit.h"
#include "engine/builder/upload.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QThreadPool>

namespace muelle::engine::images {
struct Details;
}

namespace muelle::engine::builder {

// The label a RUN step's container carries, so that one a crash left is
// removed when the engine starts again.
QString stepLabel();

class BuildService : public QObject {
    Q_OBJECT
public:
    BuildService(images::ImageService &images, containers::ContainerService &containers, QObject *parent = nullptr);
    ~BuildService() override;

    // A context to upload for a build; it unpacks as its bytes come.
    std::shared_ptr<ContextUpload> newUpload(const QString &dockerfile) const;
    // Starts a build; `done` is called once, on this thread. The build is
    // deleted after `done`; cancel it through the pointer until then.
    QPointer<Build> start(Options options, std::shared_ptr<ContextUpload> upload, Progress &progress, Build::Done done);
    // The builds that use `image` (one they build on), named for an error.
    QStringList usingImage(const oci::Digest &image) const;
    // docker commit (commit.h); `done` gets the new image's ID.
    void commit(const CommitOptions &options, std::function<void(Result<oci::Digest>)> done);

private:
    Result<oci::Digest> recordCommit(const QString &containerId, const CommitOptions &options,
        const images::Details &base, oci::ImageConfig config, const std::optional<metadata::Layer> &layer);

    images::ImageService &images_;
    containers::ContainerService &containers_;
    QThreadPool pool_;
    QNetworkAccessManager network_;
};

} // namespace muelle::engine::builder
