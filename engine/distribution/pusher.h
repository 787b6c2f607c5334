#pragma once
// Pushes an image to a repository: every blob the registry lacks (a HEAD
// tells), mounted from another repository of the same registry when the
// blob is known to live there, else uploaded — configs monolithic, layers
// streamed from the content store in a PATCH then closed with a PUT — at
// most max-concurrent-uploads at once; then the manifest, byte for byte as
// stored, so its digest does not change.

#include "engine/distribution/puller.h"

namespace muelle::engine::distribution {

class Pusher : public QObject {
    Q_OBJECT
public:
    Pusher(Services services, metadata::Metadata &metadata, oci::Reference target, metadata::Image image,
        Credentials credentials, ProgressSink progress, QObject *parent = nullptr);

    // Calls `done` once with the pushed manifest's digest.
    void start(std::function<void(Result<metadata::RepoDigest>)> done);
    void cancel();

private:
    struct Blob;
    Result<> chooseManifest();
    void startNextUpload();
    void pushBlob(Blob &blob);
    void upload(Blob &blob, const QString &location);
    void blobDone(Blob &blob, const QString &status);
    void pushManifest();
    void failWith(const Error &error);

    Services services_;
    metadata::Metadata &metadata_;
    oci::Reference target_;
    metadata::Image image_;
    ProgressSink progress_;
    RegistryClient client_;
    std::function<void(Result<metadata::RepoDigest>)> done_;
    QByteArray manifestBytes_;
    QString manifestMediaType_;
    QList<std::shared_ptr<Blob>> blobs_;
    int running_ = 0;
    int remaining_ = 0;
    bool finished_ = false;
};

} // namespace muelle::engine::distribution
