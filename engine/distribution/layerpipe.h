#pragma once
// A layer on its way from the network into the content store and a
// snapshot. The downloading thread offers chunks to a bounded queue; a pool
// thread takes them, hashes and stores the compressed bytes, and unpacks
// them at the same time, so download, hashing, decompression and
// extraction of several layers run at once on every core. Only when the
// whole layer is in, and both its digest and its diff ID are the ones
// expected, do the blob and the snapshot become visible.

#include "engine/content/store.h"
#include "engine/snapshots/snapshotter.h"
#include "oci/descriptor.h"

#include <QMutex>
#include <QWaitCondition>

#include <optional>

namespace muelle::engine::distribution {

// Bounded and thread-safe: one producer, one consumer.
class ChunkQueue {
public:
    explicit ChunkQueue(qint64 capacity) : capacity_(capacity) { }

    // Producer side.
    bool hasRoom() const;
    void push(QByteArray chunk);
    void close(); // the end of the stream
    void abort(const Error &error); // the stream failed: the consumer gets `error`
    // Called on the consumer's thread when room appears after hasRoom() said no.
    void setRoomHandler(std::function<void()> handler);

    // Consumer side: blocks for the next chunk; empty at the end.
    Result<QByteArray> pop();

private:
    mutable QMutex mutex_;
    QWaitCondition changed_;
    QList<QByteArray> chunks_;
    qint64 queued_ = 0;
    qint64 capacity_;
    bool closed_ = false;
    bool producerWaiting_ = false;
    std::optional<Error> error_;
    std::function<void()> roomHandler_;
};

struct LayerTarget {
    oci::Descriptor blob; // digest, size and media type from the manifest
    oci::Digest diffId; // from the image config
    oci::Digest chainId;
    std::optional<oci::Digest> parent; // the chain ID below (copy driver)
    bool storeBlob = true; // false when the content store has it
    bool unpack = true; // false when the snapshot exists or is unpacked later
};

// Consumes `chunks` to the end (blocking; run it on a pool thread): the
// blob to the content store and the layer to a snapshot, as `target` says.
// Returns the unpacked size. DataLoss when the digest, size or diff ID is
// not the one expected; InvalidArgument for a hostile or malformed layer.
// On failure nothing becomes visible.
Result<qint64> storeLayer(ChunkQueue &chunks, const content::Store &store, const snapshots::Snapshotter &snapshots,
    const LayerTarget &target);

// Unpacks a layer the content store already holds into its snapshot.
Result<qint64> unpackStoredLayer(
    const content::Store &store, const snapshots::Snapshotter &snapshots, const LayerTarget &target);

} // namespace muelle::engine::distribution
