#pragma once
// In-process caches on the hot read paths, so a manifest or blob request
// usually touches neither SQLite nor the manifest's file.
//
// Why they stay coherent: this process is the only one that writes tags and
// manifests under its root (the server lock), and it clears a repository's
// entries on every such write. The other writer, gc, only removes blobs that
// nothing references and their links; a cached blob link is therefore
// re-checked against the file (stat or open) before it is trusted.

#include "registry/metadata/records.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <optional>

namespace muelle::registry::service {

struct CachedManifest {
    metadata::ManifestRecord record;
    QByteArray bytes;
};

class ManifestCache {
public:
    // Manifests larger than this are not cached; the cache is emptied when it
    // would hold more than maxTotalBytes.
    static constexpr qint64 maxManifestBytes = 256 * 1024;
    static constexpr qint64 maxTotalBytes = 32 * 1024 * 1024;

    std::optional<CachedManifest> find(const QString &repository, const QString &reference);
    // Read generation() before reading the database, and pass it here: if a
    // write cleared entries meanwhile, what was read may be stale and is dropped.
    quint64 generation();
    void insert(const QString &repository, const QString &reference, const CachedManifest &manifest, quint64 readAt);
    void forgetRepository(const QString &repository);

private:
    QMutex mutex_;
    quint64 generation_ = 0;
    QHash<QString, QHash<QString, CachedManifest>> byRepository_;
    qint64 totalBytes_ = 0;
};

// A blob link as last read: the file's identity tells whether the file is
// still the one that was linked (gc may have swept it and a push put it back).
struct CachedLink {
    qint64 size = 0;
    quint64 file = 0;
    QDateTime linked;
};

class LinkCache {
public:
    static constexpr int maxEntries = 200'000;

    std::optional<CachedLink> find(const QString &repository, const QString &digest);
    quint64 generation(); // as ManifestCache::generation
    void insert(const QString &repository, const QString &digest, const CachedLink &link, quint64 readAt);
    void forget(const QString &repository, const QString &digest);

private:
    QMutex mutex_;
    quint64 generation_ = 0;
    QHash<QString, CachedLink> links_; // "<repository>@<digest>"
};

} // namespace muelle::registry::service
