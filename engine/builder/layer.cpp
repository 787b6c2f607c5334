#include "engine/builder/layer.h"

#include "archive/extract.h"
#include "archive/tree.h"
#include "confine/inroot.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

#include <fcntl.h>

namespace muelle::engine::builder {

QString plainLayerMediaType()
{
    return QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
}

Result<std::optional<metadata::Layer>> commitLayer(const QString &dir, const std::optional<oci::Digest> &parentChain,
    const content::Store &content, const snapshots::Snapshotter &snapshots)
{
    // An empty diff is no layer, as in Docker (its history entry is empty_layer).
    if (QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        QDir(dir).removeRecursively();
        return std::optional<metadata::Layer>();
    }
    confine::Fd root(::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid())
        return fail(systemError(QStringLiteral("open"), dir, errno));
    auto producer = archive::layerProducer(std::move(root));
    if (!producer)
        return fail(producer.error());
    auto ingest = content.ingest();
    if (!ingest)
        return fail(ingest.error());
    archive::TarStream stream(std::move(*producer));
    for (;;) {
        auto chunk = stream.read(1 << 20);
        if (!chunk)
            return fail(chunk.error());
        if (chunk->isEmpty())
            break;
        if (auto written = ingest->write(*chunk); !written)
            return fail(written.error());
    }
    metadata::Layer layer;
    layer.diffId = ingest->digest();
    layer.blob = layer.diffId;
    layer.blobSize = ingest->size();
    layer.mediaType = plainLayerMediaType();
    if (auto committed = ingest->commit(layer.blob, layer.blobSize); !committed)
        return fail(committed.error());
    layer.chainId = parentChain
        ? oci::Digest::of(parentChain->toString().toUtf8() + ' ' + layer.diffId.toString().toUtf8())
        : layer.diffId;
    // Overlay only (the builder refuses the copying driver): the directory is the snapshot.
    if (auto committed = snapshots.commit(dir, layer.chainId); !committed)
        return fail(committed.error());
    layer.size = snapshots.usage(layer.chainId);
    return std::optional(layer);
}

ChildImage childImage(const metadata::Image &parent, oci::ImageConfig config, const oci::HistoryEntry &history,
    const std::optional<metadata::Layer> &layer)
{
    config.created = history.created;
    config.history.append(history);
    QJsonObject raw = config.raw;
    raw.remove(QStringLiteral("history"));
    raw.remove(QStringLiteral("created"));
    if (history.comment.isEmpty())
        raw.remove(QStringLiteral("comment"));
    else
        raw.insert(QStringLiteral("comment"), history.comment);
    config.raw = raw;
    ChildImage child;
    child.image.parent = parent.id;
    child.image.layers = parent.layers;
    if (layer) {
        config.diffIds.append(layer->diffId);
        child.image.layers.append(*layer);
    }
    child.config = config.toJson();
    child.image.id = oci::Digest::of(child.config);
    child.image.created = history.created;
    child.image.os = config.platform.os;
    child.image.architecture = config.platform.architecture;
    for (const metadata::Layer &each : std::as_const(child.image.layers))
        child.image.size += each.size;
    return child;
}

Result<std::optional<metadata::Layer>> copyLayer(const QString &upper, const std::optional<oci::Digest> &parentChain,
    const content::Store &content, const snapshots::Snapshotter &snapshots)
{
    auto copy = snapshots.prepare(std::nullopt);
    if (!copy)
        return fail(copy.error());
    confine::Fd root(::open(QFile::encodeName(upper).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid()) {
        snapshots.discard(*copy);
        return fail(systemError(QStringLiteral("open"), upper, errno));
    }
    auto producer = archive::layerProducer(std::move(root));
    if (!producer) {
        snapshots.discard(*copy);
        return fail(producer.error());
    }
    // The tar is unpacked into the copy as it is made: one pass.
    archive::TarStream stream(std::move(*producer));
    const archive::ChunkSource source
        = [&](qint64 maxBytes) { return stream.read(std::min<qint64>(maxBytes, 1 << 20)); };
    archive::ExtractOptions options;
    options.whiteouts = archive::WhiteoutMode::Overlay;
    if (auto unpacked = archive::extractLayer(source, *copy, options); !unpacked) {
        snapshots.discard(*copy);
        return fail(unpacked.error());
    }
    return commitLayer(*copy, parentChain, content, snapshots);
}

} // namespace muelle::engine::builder
