#pragma once
// Garbage collection: mark from the metadata, sweep what nothing references.
//
// Safe while the registry serves: each blob is re-checked and moved to trash
// inside one write transaction, which a push's commit (placing a blob,
// recording a manifest) cannot interleave with. A blob linked to a repository
// after `keepLinkedAfter` is kept even when no manifest references it yet —
// by default the moment gc starts, so a blob uploaded during gc is never
// swept; a larger grace also protects pushes that began earlier.

#include "registry/service/registry.h"

#include <chrono>

namespace muelle::registry::gc {

struct Options {
    std::chrono::seconds grace{ 0 }; // keep blobs linked within this long before gc started
    std::chrono::seconds uploadPurgeAge{ 7 * 24 * 3600 }; // abandoned upload sessions older than this go
    bool dryRun = false;
};

struct Report {
    int blobsRemoved = 0;
    qint64 bytesFreed = 0;
    int uploadsPurged = 0;
    QStringList removed; // digests
};

Result<Report> collect(service::Registry &registry, const Options &options);

} // namespace muelle::registry::gc
