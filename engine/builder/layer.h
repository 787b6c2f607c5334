#pragma once
// A layer from a directory in overlayfs's upper-dir shape — a RUN step's
// changes, or what COPY wrote: its tar (OCI whiteouts) is written to the
// content store while it is hashed (the layer is stored uncompressed, as
// Docker's classic builder keeps it: its blob digest is its diff ID), then
// the directory itself becomes the snapshot, renamed, not unpacked again.
// An empty directory makes no layer (a RUN that changed nothing has none
// in Docker either). Blocking: run it on a worker thread.

#include "engine/content/store.h"
#include "engine/metadata/metadata.h"
#include "engine/snapshots/snapshotter.h"
#include "oci/imageconfig.h"

#include <optional>

namespace muelle::engine::builder {

// The layer `dir` holds, on top of `parentChain` (nullopt: the first layer).
// `dir` is moved into the snapshots (or removed when its snapshot exists
// already). nullopt when `dir` is empty.
Result<std::optional<metadata::Layer>> commitLayer(const QString &dir, const std::optional<oci::Digest> &parentChain,
    const content::Store &content, const snapshots::Snapshotter &snapshots);

// The same, leaving `dir` where it is (a container's upper dir it goes on
// using): the snapshot is unpacked from the layer as the tar is made.
Result<std::optional<metadata::Layer>> copyLayer(const QString &dir, const std::optional<oci::Digest> &parentChain,
    const content::Store &content, const snapshots::Snapshotter &snapshots);

// A child of `parent` (invalid ID: none): `config` with `history`
// appended (and, with `layer`, its diff ID), its digest the new image's
// ID; the image record with the parent's layers and `layer`. The config's
// created time is the history entry's. A comment (docker commit -m) is set
// when given, else not inherited.
struct ChildImage {
    metadata::Image image;
    QByteArray config;
};
ChildImage childImage(const metadata::Image &parent, oci::ImageConfig config, const oci::HistoryEntry &history,
    const std::optional<metadata::Layer> &layer);

// The media type of a layer stored as a plain tar.
QString plainLayerMediaType();

} // namespace muelle::engine::builder
