#include "engine/distribution/puller.h"

#include "engine/distribution/layerpipe.h"
#include "engine/distribution/logging.h"

#include "oci/imageconfig.h"
#include "oci/mediatype.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThreadPool>
#include <QTimer>

namespace muelle::engine::distribution {

namespace {

constexpr qint64 chunkSize = 256 * 1024;
constexpr qint64 queueCapacity = 2 << 20; // per layer: what memory a download may hold
constexpr qint64 progressStep = 512 * 1024;

QString shortId(const oci::Digest &digest)
{
    return digest.hex().left(12);
}

// As Docker words it, and not a 401: the docker CLI answers a 401 by
// prompting for a login.
Error accessDenied(const oci::Reference &reference, const Error &error)
{
    return { Code::NotFound,
        QStringLiteral("pull access denied for %1, repository does not exist or may require 'docker login': %2")
            .arg(reference.repository(), error.message) };
}

bool isLayerMediaType(const QString &mediaType)
{
    return mediaType.startsWith(u"application/vnd.oci.image.layer.")
        || mediaType.startsWith(u"application/vnd.docker.image.rootfs.");
}

} // namespace

struct Puller::Layer {
    int index = 0;
    LayerTarget target;
    bool needsDownload = false;
    std::shared_ptr<ChunkQueue> queue;
    QPointer<QNetworkReply> reply;
    qint64 received = 0;
    qint64 reported = 0;
    bool replyFinished = false;
    qint64 unpackedSize = 0;
    std::function<void()> retryAfterWorker; // set when the download failed and will start over
    int attempt = 0;
};

Puller::Puller(Services services, oci::Reference reference, Credentials credentials, oci::Platform platform,
    ProgressSink progress, QObject *parent)
    : QObject(parent),
      services_(services),
      reference_(std::move(reference)),
      platform_(std::move(platform)),
      progress_(std::move(progress)),
      client_(services.network, reference_.domain, reference_.path, std::move(credentials), QStringLiteral("pull"),
          services.registry, this)
{
}

Puller::~Puller()
{
    cancel();
}

void Puller::start(std::function<void(Result<Pulled>)> done)
{
    done_ = std::move(done);
    client_.connect([this](Result<> connected) {
        if (!connected && connected.error().code == Code::Unauthenticated)
            return failWith(accessDenied(reference_, connected.error()));
        if (!connected)
            return failWith(connected.error());
        fetchManifest(reference_.digest ? reference_.digest->toString() : *reference_.tag, false);
    });
}

void Puller::cancel()
{
    if (finished_)
        return;
    failWith({ Code::Cancelled, QStringLiteral("pull cancelled") });
}

void Puller::failWith(const Error &error)
{
    if (finished_)
        return;
    finished_ = true;
    failure_ = error;
    for (const auto &layer : std::as_const(layers_)) {
        if (QNetworkReply *reply = layer->reply) {
            layer->reply = nullptr; // before abort(), whose finished signal must find it gone
            reply->abort();
            reply->deleteLater();
        }
        if (layer->queue)
            layer->queue->abort(error);
    }
    reportWhenIdle();
}

// The failure is reported once every worker has discarded its work, so
// nothing unfinished is left behind when the client hears of it.
void Puller::reportWhenIdle()
{
    if (workers_ > 0 || !failure_)
        return;
    auto done = std::move(done_);
    done_ = nullptr;
    if (done)
        done(fail(*failure_));
}

void Puller::fetchManifest(const QString &reference, bool platformResolved)
{
    QNetworkRequest request = client_.request(QStringLiteral("/v2/%1/manifests/%2").arg(reference_.path, reference));
    request.setRawHeader("Accept", acceptedManifests());
    client_.send("GET", request, {}, [this, reference, platformResolved](Result<RegistryReply> reply) {
        if (finished_)
            return;
        if (!reply) {
            Error error = reply.error();
            if (error.code == Code::NotFound)
                error.message
                    = QStringLiteral("manifest for %1 not found: %2").arg(reference_.toString(), error.message);
            if (error.code == Code::Unauthenticated || error.code == Code::PermissionDenied)
                error = accessDenied(reference_, error);
            return failWith(error);
        }
        const oci::Digest digest = oci::Digest::of(reply->body);
        const bool byDigest = reference.startsWith(u"sha256:");
        if ((byDigest && digest.toString() != reference) || (!byDigest && !platformResolved && reference_.digest))
            return failWith({ Code::DataLoss,
                QStringLiteral("manifest %1: the registry sent content with digest %2")
                    .arg(reference, digest.toString()) });
        if (!platformResolved)
            pulledBy_ = digest;
        onManifest(reply->body, QString::fromLatin1(reply->header("Content-Type")), digest);
    });
}

void Puller::onManifest(const QByteArray &bytes, const QString &contentType, const oci::Digest &digest)
{
    auto manifest = oci::Manifest::parse(bytes, contentType);
    if (!manifest)
        return failWith({ Code::InvalidArgument,
            QStringLiteral("manifest %1: %2").arg(digest.toString(), manifest.error().message) });
    if (manifest->isIndex) {
        if (!indexBytes_.isEmpty())
            return failWith({ Code::InvalidArgument,
                QStringLiteral("manifest %1: an index inside an index").arg(digest.toString()) });
        indexBytes_ = bytes;
        for (const oci::Descriptor &entry : std::as_const(manifest->manifests)) {
            if (entry.platform && entry.platform->matches(platform_) && oci::mediatype::isManifest(entry.mediaType))
                return fetchManifest(entry.digest.toString(), true);
        }
        return failWith({ Code::NotFound,
            QStringLiteral("no matching manifest for %1 in the manifest list entries").arg(platform_.toString()) });
    }
    if (!manifest->config || !oci::mediatype::isManifest(manifest->mediaType))
        return failWith(
            { Code::InvalidArgument, QStringLiteral("manifest %1 is not an image").arg(digest.toString()) });
    for (const oci::Descriptor &layer : std::as_const(manifest->layers)) {
        if (!isLayerMediaType(layer.mediaType))
            return failWith({ Code::InvalidArgument,
                QStringLiteral("manifest %1: layer %2 has media type \"%3\", not a layer")
                    .arg(digest.toString(), layer.digest.toString(), layer.mediaType) });
        if (layer.digest.algorithm() != oci::Algorithm::Sha256)
            return failWith({ Code::InvalidArgument,
                QStringLiteral("manifest %1: layer %2: only sha256 layers are supported")
                    .arg(digest.toString(), layer.digest.toString()) });
    }
    manifestBytes_ = bytes;
    manifestDigest_ = digest;
    manifest_ = std::move(*manifest);
    fetchConfig();
}

void Puller::fetchConfig()
{
    // Only now: a reference that resolves to nothing fails before any output,
    // so the client gets a plain error response, as from Docker.
    const QString shown = reference_.digest ? reference_.digest->toString() : *reference_.tag;
    progress_({ shown, QStringLiteral("Pulling from %1").arg(reference_.path) });
    const oci::Descriptor config = *manifest_.config;
    if (services_.content.has(config.digest)) {
        auto bytes = services_.content.read(config.digest, 16 << 20);
        if (!bytes)
            return failWith(bytes.error());
        return onConfig(*bytes);
    }
    QNetworkRequest request
        = client_.request(QStringLiteral("/v2/%1/blobs/%2").arg(reference_.path, config.digest.toString()));
    client_.send(
        "GET", request, {},
        [this, config](Result<RegistryReply> reply) {
            if (finished_)
                return;
            if (!reply)
                return failWith(reply.error());
            if (auto stored = services_.content.put(reply->body, config.digest); !stored)
                return failWith(stored.error());
            onConfig(reply->body);
        },
        16 << 20);
}

void Puller::onConfig(const QByteArray &bytes)
{
    auto config = oci::ImageConfig::parse(bytes);
    if (!config)
        return failWith({ Code::InvalidArgument,
            QStringLiteral("image config %1: %2").arg(manifest_.config->digest.toString(), config.error().message) });
    if (config->diffIds.size() != manifest_.layers.size())
        return failWith({ Code::InvalidArgument,
            QStringLiteral("image config %1 lists %2 diff IDs for %3 layers")
                .arg(manifest_.config->digest.toString())
                .arg(config->diffIds.size())
                .arg(manifest_.layers.size()) });
    created_ = config->created;
    os_ = config->platform.os;
    architecture_ = config->platform.architecture;
    const QList<oci::Digest> chain = snapshots::chainIds(config->diffIds);
    for (int i = 0; i < manifest_.layers.size(); ++i) {
        auto layer = std::make_shared<Layer>();
        layer->index = i;
        layer->target.blob = manifest_.layers[i];
        layer->target.diffId = config->diffIds[i];
        layer->target.chainId = chain[i];
        if (i > 0)
            layer->target.parent = chain[i - 1];
        layer->target.storeBlob = !services_.content.has(layer->target.blob.digest);
        layer->target.unpack = !services_.snapshots.exists(chain[i]);
        layer->needsDownload = layer->target.storeBlob;
        layers_.append(layer);
    }
    startLayers();
}

void Puller::startLayers()
{
    const bool ordered = services_.snapshots.driver() == snapshots::Driver::Copy;
    for (const auto &layer : std::as_const(layers_)) {
        const QString id = shortId(layer->target.blob.digest);
        if (!layer->needsDownload && !layer->target.unpack)
            progress_({ id, QStringLiteral("Already exists") });
        else if (layer->needsDownload)
            progress_({ id, QStringLiteral("Pulling fs layer") });
        if (layer->needsDownload) {
            ++remaining_;
            // The copying driver unpacks each layer onto its parent's tree:
            // in order, once everything is downloaded.
            if (ordered)
                layer->target.unpack = false;
        }
    }
    for (const auto &layer : std::as_const(layers_)) {
        if (layer->needsDownload)
            progress_({ shortId(layer->target.blob.digest), QStringLiteral("Waiting") });
    }
    if (remaining_ == 0)
        return unpackInOrder(0);
    startNextDownload();
}

void Puller::startNextDownload()
{
    for (const auto &layer : std::as_const(layers_)) {
        if (running_ >= std::max(1, services_.maxConcurrentDownloads))
            return;
        if (layer->needsDownload && !layer->queue) {
            ++running_;
            download(*layer, 0);
        }
    }
}

void Puller::download(Layer &layer, int attempt)
{
    layer.queue = std::make_shared<ChunkQueue>(queueCapacity);
    layer.received = 0;
    layer.reported = 0;
    layer.replyFinished = false;
    layer.attempt = attempt;
    QPointer<Puller> self(this);
    const std::shared_ptr<Layer> shared = layers_[layer.index];
    layer.queue->setRoomHandler([self, shared] {
        QMetaObject::invokeMethod(self, [self, shared] {
            if (self && !self->finished_)
                self->readChunks(*shared);
        });
    });
    QNetworkRequest request
        = client_.request(QStringLiteral("/v2/%1/blobs/%2").arg(reference_.path, layer.target.blob.digest.toString()));
    QNetworkReply *reply = services_.network.get(request);
    reply->setReadBufferSize(chunkSize * 4);
    layer.reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, shared] { readChunks(*shared); });
    connect(reply, &QNetworkReply::finished, this, [this, shared, reply] {
        Layer &layer = *shared;
        if (finished_ || layer.reply != reply) {
            reply->deleteLater();
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200) {
            // What is still buffered in the reply goes to the queue as it
            // drains; readChunks() closes the queue and frees the reply.
            layer.replyFinished = true;
            return readChunks(layer);
        }
        downloadFailed(layer, client_.errorOf(reply, status >= 400 ? reply->read(1 << 16) : QByteArray()));
    });
    const LayerTarget target = layer.target;
    std::shared_ptr<ChunkQueue> queue = layer.queue;
    content::Store &store = services_.content;
    snapshots::Snapshotter &snapshots = services_.snapshots;
    ++workers_;
    services_.pool.start([self, shared, queue, target, &store, &snapshots] {
        Result<qint64> stored = storeLayer(*queue, store, snapshots, target);
        QMetaObject::invokeMethod(self, [self, shared, stored = std::move(stored)] {
            if (self)
                self->layerStored(*shared, stored);
        });
    });
}

// The transfer failed (or sent other bytes than the layer's): the worker
// discards what it had, and the layer starts over after a backoff, or the
// pull fails once the retries are spent.
void Puller::downloadFailed(Layer &layer, const Error &error)
{
    if (QNetworkReply *reply = layer.reply) {
        layer.reply = nullptr; // before abort(), whose finished signal must find it gone
        reply->abort();
        reply->deleteLater();
    }
    layer.queue->abort(error);
    const QString id = shortId(layer.target.blob.digest);
    if (error.code != Code::Unavailable || layer.attempt >= services_.registry.retries)
        return failWith({ error.code, QStringLiteral("layer %1: %2").arg(id, error.message) });
    const int delay = 250 << layer.attempt;
    qCInfo(lcDistribution).noquote() << "layer" << id << "failed:" << error.message << "- retrying in" << delay << "ms";
    progress_({ id, QStringLiteral("Retrying in %1 ms").arg(delay) });
    const std::shared_ptr<Layer> shared = layers_[layer.index];
    layer.retryAfterWorker = [this, shared, delay] {
        QTimer::singleShot(delay, this, [this, shared] {
            if (!finished_)
                download(*shared, shared->attempt + 1);
        });
    };
}

void Puller::readChunks(Layer &layer)
{
    QNetworkReply *reply = layer.reply;
    if (!reply || !layer.queue)
        return;
    // Only a 200's body is the layer; an error body waits for finished.
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    while (reply->bytesAvailable() > 0 && layer.queue->hasRoom()) {
        QByteArray chunk = reply->read(chunkSize);
        layer.received += chunk.size();
        if (layer.target.blob.size > 0 && layer.received > layer.target.blob.size)
            return downloadFailed(layer,
                { Code::Unavailable,
                    QStringLiteral("the registry sent more than the layer's %1 bytes").arg(layer.target.blob.size) });
        layer.queue->push(std::move(chunk));
    }
    const QString id = shortId(layer.target.blob.digest);
    if (layer.received - layer.reported >= progressStep || (layer.replyFinished && layer.received != layer.reported)) {
        layer.reported = layer.received;
        progress_({ id, QStringLiteral("Downloading"), layer.received, layer.target.blob.size });
    }
    if (!layer.replyFinished || reply->bytesAvailable() > 0)
        return;
    if (layer.target.blob.size > 0 && layer.received != layer.target.blob.size)
        return downloadFailed(layer,
            { Code::Unavailable,
                QStringLiteral("the registry sent %1 of the layer's %2 bytes")
                    .arg(layer.received)
                    .arg(layer.target.blob.size) });
    progress_({ id, QStringLiteral("Verifying Checksum") });
    progress_({ id, QStringLiteral("Download complete") });
    layer.queue->close();
    layer.reply = nullptr;
    reply->deleteLater();
}

void Puller::layerStored(Layer &layer, Result<qint64> stored)
{
    --workers_;
    if (finished_)
        return reportWhenIdle();
    if (layer.retryAfterWorker && !stored) {
        auto retry = std::move(layer.retryAfterWorker);
        layer.retryAfterWorker = nullptr;
        return retry();
    }
    if (!stored)
        return failWith(stored.error());
    layer.needsDownload = false;
    const QString id = shortId(layer.target.blob.digest);
    if (layer.target.unpack) {
        layer.unpackedSize = *stored;
        progress_({ id, QStringLiteral("Extracting"), *stored, *stored });
        progress_({ id, QStringLiteral("Pull complete") });
    }
    --running_;
    --remaining_;
    if (remaining_ > 0)
        return startNextDownload();
    unpackInOrder(0);
}

// Layers whose snapshot is still missing, one after the other (the copying
// driver; or blobs already stored by an earlier, interrupted pull).
void Puller::unpackInOrder(int index)
{
    while (index < layers_.size() && services_.snapshots.exists(layers_[index]->target.chainId))
        ++index;
    if (index == layers_.size())
        return finish();
    const std::shared_ptr<Layer> layer = layers_[index];
    layer->target.unpack = true;
    QPointer<Puller> self(this);
    content::Store &store = services_.content;
    snapshots::Snapshotter &snapshots = services_.snapshots;
    const LayerTarget target = layer->target;
    ++workers_;
    services_.pool.start([self, layer, index, target, &store, &snapshots] {
        Result<qint64> unpacked = unpackStoredLayer(store, snapshots, target);
        QMetaObject::invokeMethod(self, [self, layer, index, unpacked = std::move(unpacked)] {
            if (!self)
                return;
            --self->workers_;
            if (self->finished_)
                return self->reportWhenIdle();
            if (!unpacked)
                return self->failWith(unpacked.error());
            layer->unpackedSize = *unpacked;
            const QString id = shortId(layer->target.blob.digest);
            self->progress_({ id, QStringLiteral("Extracting"), *unpacked, *unpacked });
            self->progress_({ id, QStringLiteral("Pull complete") });
            self->unpackInOrder(index + 1);
        });
    });
}

void Puller::finish()
{
    // The manifest (and the index it came through) are kept byte for byte,
    // so a push sends the same digest.
    for (const auto &[bytes, digest] :
        { std::pair{ manifestBytes_, manifestDigest_ }, std::pair{ indexBytes_, pulledBy_ } }) {
        if (bytes.isEmpty())
            continue;
        if (auto stored = services_.content.put(bytes, digest); !stored)
            return failWith(stored.error());
    }
    Pulled pulled;
    pulled.image.id = manifest_.config->digest;
    pulled.image.created = created_;
    pulled.image.os = os_;
    pulled.image.architecture = architecture_;
    for (const auto &layer : std::as_const(layers_)) {
        // -1: unpacked before this pull; the image service knows its size.
        const qint64 size = layer->target.unpack || layer->unpackedSize > 0 ? layer->unpackedSize : -1;
        pulled.image.layers.append({ layer->target.chainId, layer->target.diffId, layer->target.blob.digest,
            layer->target.blob.mediaType, layer->target.blob.size, size });
    }
    pulled.repoDigest = { reference_.repository(), pulledBy_, manifestDigest_, manifest_.mediaType };
    finished_ = true;
    auto done = std::move(done_);
    done(std::move(pulled));
}

} // namespace muelle::engine::distribution
