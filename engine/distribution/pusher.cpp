#include "engine/distribution/pusher.h"

#include "engine/distribution/manifests.h"

#include "oci/mediatype.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>

namespace muelle::engine::distribution {

struct Pusher::Blob {
    oci::Descriptor descriptor;
    bool isLayer = true;
    bool started = false;
};

namespace {

QString shortId(const oci::Digest &digest)
{
    return digest.hex().left(12);
}

} // namespace

Pusher::Pusher(Services services, metadata::Metadata &metadata, oci::Reference target, metadata::Image image,
    Credentials credentials, ProgressSink progress, QObject *parent)
    : QObject(parent),
      services_(services),
      metadata_(metadata),
      target_(std::move(target)),
      image_(std::move(image)),
      progress_(std::move(progress)),
      client_(services.network, target_.domain, target_.path, std::move(credentials), QStringLiteral("pull,push"),
          services.registry, this)
{
}

void Pusher::start(std::function<void(Result<metadata::RepoDigest>)> done)
{
    done_ = std::move(done);
    const QString repository
        = target_.domain == u"docker.io" ? QStringLiteral("docker.io/") + target_.path : target_.repository();
    progress_({ {}, QStringLiteral("The push refers to repository [%1]").arg(repository) });
    if (auto chosen = chooseManifest(); !chosen)
        return failWith(chosen.error());
    for (const auto &blob : std::as_const(blobs_)) {
        if (blob->isLayer)
            progress_({ shortId(blob->descriptor.digest), QStringLiteral("Preparing") });
    }
    client_.connect([this](Result<> connected) {
        if (!connected)
            return failWith(connected.error());
        for (const auto &blob : std::as_const(blobs_)) {
            if (blob->isLayer)
                progress_({ shortId(blob->descriptor.digest), QStringLiteral("Waiting") });
        }
        remaining_ = int(blobs_.size());
        startNextUpload();
    });
}

void Pusher::cancel()
{
    failWith({ Code::Cancelled, QStringLiteral("push cancelled") });
}

void Pusher::failWith(const Error &error)
{
    if (finished_)
        return;
    finished_ = true;
    auto done = std::move(done_);
    if (done)
        done(fail(error));
}

Result<> Pusher::chooseManifest()
{
    auto stored = manifestOf(image_, services_.content, target_.repository());
    if (!stored)
        return fail(stored.error());
    manifestBytes_ = stored->bytes;
    manifestMediaType_ = stored->mediaType;
    auto manifest = oci::Manifest::parse(manifestBytes_, manifestMediaType_);
    if (!manifest || !manifest->config)
        return fail(
            Code::DataLoss, QStringLiteral("image %1: its stored manifest does not parse").arg(image_.id.toString()));
    for (const oci::Descriptor &layer : std::as_const(manifest->layers)) {
        if (!services_.content.has(layer.digest))
            return fail(
                Code::NotFound, QStringLiteral("layer %1 is not in the content store").arg(layer.digest.toString()));
        blobs_.append(std::make_shared<Blob>(Blob{ layer, true, false }));
    }
    blobs_.append(std::make_shared<Blob>(Blob{ *manifest->config, false, false }));
    return {};
}

void Pusher::startNextUpload()
{
    for (const auto &blob : std::as_const(blobs_)) {
        if (running_ >= std::max(1, services_.maxConcurrentUploads))
            return;
        if (!blob->started) {
            blob->started = true;
            ++running_;
            pushBlob(*blob);
        }
    }
}

void Pusher::pushBlob(Blob &blob)
{
    const std::shared_ptr<Blob> shared = *std::find_if(
        blobs_.cbegin(), blobs_.cend(), [&](const auto &candidate) { return candidate.get() == &blob; });
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(target_.path, blob.descriptor.digest.toString());
    client_.send("HEAD", client_.request(path), {}, [this, shared](Result<RegistryReply> head) {
        if (finished_)
            return;
        if (head)
            return blobDone(*shared, QStringLiteral("Layer already exists"));
        if (head.error().code != Code::NotFound)
            return failWith(head.error());
        // Mount from a repository of this registry that has it, if we know one.
        auto sources = metadata_.blobSources(shared->descriptor.digest, target_.domain);
        QString from;
        for (const QString &repository : sources.value_or(QStringList())) {
            if (repository != target_.path)
                from = repository;
        }
        QUrlQuery query;
        if (!from.isEmpty()) {
            query.addQueryItem(QStringLiteral("mount"), shared->descriptor.digest.toString());
            query.addQueryItem(QStringLiteral("from"), from);
        }
        QNetworkRequest request = client_.request(QStringLiteral("/v2/%1/blobs/uploads/").arg(target_.path)
            + (query.isEmpty() ? QString() : u'?' + query.toString(QUrl::FullyEncoded)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
        client_.send("POST", request, {}, [this, shared, from](Result<RegistryReply> started) {
            if (finished_)
                return;
            if (!started)
                return failWith(started.error());
            if (started->status == 201)
                return blobDone(*shared, QStringLiteral("Mounted from %1").arg(from));
            const QString location = QString::fromLatin1(started->header("Location"));
            if (location.isEmpty())
                return failWith(
                    { Code::Internal, QStringLiteral("the registry started an upload without a Location") });
            upload(*shared, started->url.resolved(QUrl(location)).toString());
        });
    });
}

void Pusher::upload(Blob &blob, const QString &location)
{
    const std::shared_ptr<Blob> shared = *std::find_if(
        blobs_.cbegin(), blobs_.cend(), [&](const auto &candidate) { return candidate.get() == &blob; });
    const auto finishUpload = [this, shared](const QString &at) {
        QUrl url(at);
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("digest"), shared->descriptor.digest.toString());
        url.setQuery(query);
        QNetworkRequest request = client_.request(url.toString());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
        // A config goes in this one request; a layer's bytes went in the PATCH.
        QByteArray body;
        if (!shared->isLayer) {
            auto bytes = services_.content.read(shared->descriptor.digest, 16 << 20);
            if (!bytes)
                return failWith(bytes.error());
            body = *bytes;
        }
        client_.send("PUT", request, body, [this, shared](Result<RegistryReply> put) {
            if (finished_)
                return;
            if (!put)
                return failWith(put.error());
            blobDone(*shared, QStringLiteral("Pushed"));
        });
    };
    if (!shared->isLayer)
        return finishUpload(location);
    auto *file = new QFile(services_.content.path(shared->descriptor.digest));
    if (!file->open(QIODevice::ReadOnly)) {
        delete file;
        return failWith({ Code::NotFound,
            QStringLiteral("blob %1 is not in the content store").arg(shared->descriptor.digest.toString()) });
    }
    QNetworkRequest request = client_.request(location);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    request.setHeader(QNetworkRequest::ContentLengthHeader, file->size());
    const QString id = shortId(shared->descriptor.digest);
    const qint64 total = shared->descriptor.size;
    QNetworkReply *reply
        = client_.upload("PATCH", request, file, [this, shared, finishUpload, location](Result<RegistryReply> patched) {
              if (finished_)
                  return;
              if (!patched)
                  return failWith(patched.error());
              const QString next = QString::fromLatin1(patched->header("Location"));
              finishUpload(next.isEmpty() ? location : patched->url.resolved(QUrl(next)).toString());
          });
    file->setParent(reply); // read by the reply until it ends
    connect(reply, &QNetworkReply::uploadProgress, this, [this, id, total](qint64 sent, qint64) {
        progress_({ id, QStringLiteral("Pushing"), sent, total });
    });
}

void Pusher::blobDone(Blob &blob, const QString &status)
{
    if (blob.isLayer)
        progress_({ shortId(blob.descriptor.digest), status });
    metadata_.addBlobSource(blob.descriptor.digest, target_.domain, target_.path);
    --running_;
    if (--remaining_ > 0)
        return startNextUpload();
    pushManifest();
}

void Pusher::pushManifest()
{
    const QString tag = target_.tag.value_or(QStringLiteral("latest"));
    QNetworkRequest request = client_.request(QStringLiteral("/v2/%1/manifests/%2").arg(target_.path, tag));
    request.setHeader(QNetworkRequest::ContentTypeHeader, manifestMediaType_.toLatin1());
    client_.send("PUT", request, manifestBytes_, [this, tag](Result<RegistryReply> put) {
        if (finished_)
            return;
        if (!put)
            return failWith(put.error());
        const oci::Digest digest = oci::Digest::of(manifestBytes_);
        Progress result{ {},
            QStringLiteral("%1: digest: %2 size: %3").arg(tag, digest.toString()).arg(manifestBytes_.size()) };
        progress_(result);
        progress_(Progress(QJsonObject{ { QStringLiteral("Tag"), tag }, { QStringLiteral("Digest"), digest.toString() },
            { QStringLiteral("Size"), manifestBytes_.size() } }));
        finished_ = true;
        auto done = std::move(done_);
        done(metadata::RepoDigest{ target_.repository(), digest, digest, manifestMediaType_ });
    });
}

} // namespace muelle::engine::distribution
