#pragma once
// Pulls an image: resolves the reference to a manifest (through an index
// or manifest list, to the wanted platform), fetches the config, then the
// layers that are not here yet — max-concurrent-downloads at a time,
// verified against their digests as they stream, unpacked on the way — and
// reports what it pulled. It records nothing in the metadata: the image
// service does that in one transaction when the pull succeeds. A pull that
// fails or is cancelled leaves only verified blobs and snapshots, which the
// next pull reuses.

#include "engine/content/store.h"
#include "engine/distribution/progress.h"
#include "engine/distribution/registryclient.h"
#include "engine/metadata/metadata.h"
#include "engine/snapshots/snapshotter.h"
#include "oci/manifest.h"
#include "oci/platform.h"
#include "oci/reference.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QThreadPool;

namespace muelle::engine::distribution {

struct Services {
    content::Store &content;
    snapshots::Snapshotter &snapshots;
    QNetworkAccessManager &network;
    QThreadPool &pool;
    RegistryOptions registry;
    int maxConcurrentDownloads = 3;
    int maxConcurrentUploads = 5;
};

struct Pulled {
    metadata::Image image; // without tags and repo digests; a layer unpacked earlier has size -1, and the image none
    metadata::RepoDigest repoDigest;
};

class Puller : public QObject {
    Q_OBJECT
public:
    Puller(Services services, oci::Reference reference, Credentials credentials, oci::Platform platform,
        ProgressSink progress, QObject *parent = nullptr);
    ~Puller() override;

    // Calls `done` once, on this object's thread.
    void start(std::function<void(Result<Pulled>)> done);
    // Stops downloads and unpacking; `done` gets Cancelled.
    void cancel();

private:
    struct Layer;
    void fetchManifest(const QString &reference, bool platformResolved);
    void onManifest(const QByteArray &bytes, const QString &contentType, const oci::Digest &digest);
    void fetchConfig();
    void onConfig(const QByteArray &bytes);
    void startLayers();
    void startNextDownload();
    void download(Layer &layer, int attempt);
    void readChunks(Layer &layer);
    void downloadFailed(Layer &layer, const Error &error);
    void reportWhenIdle();
    void layerStored(Layer &layer, Result<qint64> stored);
    void unpackInOrder(int index);
    void finish();
    void failWith(const Error &error);

    Services services_;
    oci::Reference reference_;
    oci::Platform platform_;
    ProgressSink progress_;
    RegistryClient client_;
    std::function<void(Result<Pulled>)> done_;
    oci::Digest pulledBy_; // the digest the reference resolved to (index or manifest)
    QByteArray indexBytes_;
    QByteArray manifestBytes_;
    oci::Digest manifestDigest_;
    oci::Manifest manifest_;
    QList<std::shared_ptr<Layer>> layers_;
    QDateTime created_;
    QString os_;
    QString architecture_;
    int running_ = 0;
    int workers_ = 0; // pool tasks not yet reported back
    std::optional<Error> failure_;
    int remaining_ = 0;
    bool finished_ = false;
};

} // namespace muelle::engine::distribution
