#include "engine/distribution/layerpipe.h"

#include <QFile>

namespace muelle::engine::distribution {

bool ChunkQueue::hasRoom() const
{
    QMutexLocker lock(&mutex_);
    if (queued_ < capacity_)
        return true;
    const_cast<ChunkQueue *>(this)->producerWaiting_ = true;
    return false;
}

void ChunkQueue::push(QByteArray chunk)
{
    QMutexLocker lock(&mutex_);
    queued_ += chunk.size();
    chunks_.append(std::move(chunk));
    changed_.wakeAll();
}

void ChunkQueue::close()
{
    QMutexLocker lock(&mutex_);
    closed_ = true;
    changed_.wakeAll();
}

void ChunkQueue::abort(const Error &error)
{
    QMutexLocker lock(&mutex_);
    if (!error_)
        error_ = error;
    changed_.wakeAll();
}

void ChunkQueue::setRoomHandler(std::function<void()> handler)
{
    QMutexLocker lock(&mutex_);
    roomHandler_ = std::move(handler);
}

Result<QByteArray> ChunkQueue::pop()
{
    std::function<void()> notify;
    QByteArray chunk;
    {
        QMutexLocker lock(&mutex_);
        while (!error_ && chunks_.isEmpty() && !closed_)
            changed_.wait(&mutex_);
        if (error_)
            return fail(*error_);
        if (chunks_.isEmpty())
            return QByteArray();
        chunk = chunks_.takeFirst();
        queued_ -= chunk.size();
        if (producerWaiting_ && queued_ < capacity_ / 2) {
            producerWaiting_ = false;
            notify = roomHandler_;
        }
    }
    if (notify)
        notify();
    return chunk;
}

namespace {

QString shortId(const oci::Digest &digest)
{
    return digest.hex().left(12);
}

// Unpacks what `source` yields into a fresh snapshot directory, checks the
// diff ID, and returns the directory and the unpacked size.
Result<std::pair<QString, qint64>> unpackInto(
    const archive::ChunkSource &source, const snapshots::Snapshotter &snapshots, const LayerTarget &target)
{
    auto dir = snapshots.prepare(target.parent);
    if (!dir)
        return fail(dir.error());
    archive::ExtractOptions options;
    options.whiteouts = snapshots.whiteoutMode();
    auto report = archive::extractLayer(source, *dir, options);
    if (report && report->diffId != target.diffId) {
        report = fail(Code::DataLoss,
            QStringLiteral("its content has diff ID %1, the image config says %2")
                .arg(report->diffId.toString(), target.diffId.toString()));
    }
    if (!report) {
        snapshots.discard(*dir);
        return fail(report.error().code,
            QStringLiteral("layer %1: %2").arg(shortId(target.blob.digest), report.error().message));
    }
    return std::pair{ *dir, report->uncompressedSize };
}

// A layer that fails to unpack may simply not be the one asked for: when the
// rest of the stream can be read and the bytes do not hash to the digest,
// that is what is reported, as Docker does.
Error unpackFailure(const Error &error, const archive::ChunkSource &source,
    const std::optional<content::Ingest> &ingest, const LayerTarget &target)
{
    if (!ingest || error.code == Code::Cancelled)
        return error;
    for (;;) {
        auto chunk = source(1 << 20);
        if (!chunk)
            return error;
        if (chunk->isEmpty())
            break;
    }
    if (ingest->digest() != target.blob.digest)
        return { Code::DataLoss,
            QStringLiteral(
                "filesystem layer verification failed for digest %1: the registry sent content hashing to %2")
                .arg(target.blob.digest.toString(), ingest->digest().toString()) };
    return error;
}

} // namespace

Result<qint64> storeLayer(
    ChunkQueue &chunks, const content::Store &store, const snapshots::Snapshotter &snapshots, const LayerTarget &target)
{
    std::optional<content::Ingest> ingest;
    if (target.storeBlob) {
        auto opened = store.ingest();
        if (!opened)
            return fail(opened.error());
        ingest.emplace(std::move(*opened));
    }
    // Every chunk the extractor asks for is stored first.
    const archive::ChunkSource source = [&](qint64) -> Result<QByteArray> {
        auto chunk = chunks.pop();
        if (chunk && ingest && !chunk->isEmpty()) {
            if (auto written = ingest->write(*chunk); !written)
                return fail(written.error());
        }
        return chunk;
    };
    std::optional<std::pair<QString, qint64>> unpacked;
    if (target.unpack) {
        auto done = unpackInto(source, snapshots, target);
        if (!done)
            return fail(unpackFailure(done.error(), source, ingest, target));
        unpacked = *done;
    }
    // What the extractor left unread (or everything, when not unpacking).
    for (;;) {
        auto chunk = source(1 << 20);
        if (!chunk) {
            if (unpacked)
                snapshots.discard(unpacked->first);
            return fail(chunk.error());
        }
        if (chunk->isEmpty())
            break;
    }
    if (ingest) {
        if (auto committed = ingest->commit(target.blob.digest, target.blob.size); !committed) {
            if (unpacked)
                snapshots.discard(unpacked->first);
            return fail(committed.error());
        }
    }
    if (!unpacked)
        return qint64(-1);
    if (auto committed = snapshots.commit(unpacked->first, target.chainId); !committed)
        return fail(committed.error());
    return unpacked->second;
}

Result<qint64> unpackStoredLayer(
    const content::Store &store, const snapshots::Snapshotter &snapshots, const LayerTarget &target)
{
    QFile file(store.path(target.blob.digest));
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::NotFound, QStringLiteral("blob %1 not found").arg(target.blob.digest.toString()));
    const archive::ChunkSource source = [&](qint64 maxBytes) -> Result<QByteArray> {
        QByteArray chunk = file.read(std::min<qint64>(maxBytes, 1 << 20));
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError)
            return fail(Code::DataLoss, QStringLiteral("read \"%1\": %2").arg(file.fileName(), file.errorString()));
        return chunk;
    };
    auto unpacked = unpackInto(source, snapshots, target);
    if (!unpacked)
        return fail(unpacked.error());
    if (auto committed = snapshots.commit(unpacked->first, target.chainId); !committed)
        return fail(committed.error());
    return unpacked->second;
}

} // namespace muelle::engine::distribution
