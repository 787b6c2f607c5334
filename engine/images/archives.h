#pragma once
// docker save and docker load tarballs.
//
// save writes both layouts Docker 25 writes, so old and new clients load it:
//   oci-layout, index.json            an OCI image layout
//   blobs/sha256/<hex>                configs, manifests and layers, as stored
//   manifest.json                     [{"Config", "RepoTags", "Layers"}], paths
//                                     into blobs/ (Docker's legacy format)
// load takes either: manifest.json when present (layers may be plain tars,
// gzip or zstd), else index.json. The tarball is unpacked with the same
// confined extraction as a layer into a scratch directory of the data root,
// and every path the documents name must stay inside it.

#include "archive/tarwriter.h"
#include "engine/content/store.h"
#include "engine/metadata/metadata.h"
#include "engine/snapshots/snapshotter.h"

namespace muelle::engine::images {

// One file of the tarball: a file of the content store, or bytes made here.
struct ArchiveEntry {
    QString name;
    QString path; // empty: `bytes`
    QByteArray bytes;
    qint64 size = 0;
};

// The tarball as a stream; files are read as it is pulled (blocking reads).
std::unique_ptr<archive::TarStream> tarOf(QList<ArchiveEntry> entries);

struct LoadedImage {
    metadata::Image image; // without tags
    QStringList tags; // full names
};

// Reads a docker save tarball unpacked in `dir`: stores its blobs, unpacks
// its layers (each checked against the config's diff IDs), and returns the
// images to record. InvalidArgument for a malformed archive, naming what is
// wrong. Blocking: run it on a worker thread.
Result<QList<LoadedImage>> importArchive(
    const QString &dir, const content::Store &content, const snapshots::Snapshotter &snapshots);

} // namespace muelle::engine::images
