#include "registry/service/caches.h"

namespace muelle::registry::service {

std::optional<CachedManifest> ManifestCache::find(const QString &repository, const QString &reference)
{
    QMutexLocker lock(&mutex_);
    const auto repo = byRepository_.constFind(repository);
    if (repo == byRepository_.cend())
        return std::nullopt;
    const auto entry = repo->constFind(reference);
    if (entry == repo->cend())
        return std::nullopt;
    return *entry;
}

quint64 ManifestCache::generation()
{
    QMutexLocker lock(&mutex_);
    return generation_;
}

void ManifestCache::insert(
    const QString &repository, const QString &reference, const CachedManifest &manifest, quint64 readAt)
{
    if (manifest.bytes.size() > maxManifestBytes)
        return;
    QMutexLocker lock(&mutex_);
    if (readAt != generation_)
        return;
    if (totalBytes_ + manifest.bytes.size() > maxTotalBytes) {
        byRepository_.clear();
        totalBytes_ = 0;
    }
    byRepository_[repository].insert(reference, manifest);
    totalBytes_ += manifest.bytes.size();
}

void ManifestCache::forgetRepository(const QString &repository)
{
    QMutexLocker lock(&mutex_);
    ++generation_;
    const auto repo = byRepository_.constFind(repository);
    if (repo == byRepository_.cend())
        return;
    for (const CachedManifest &manifest : *repo)
        totalBytes_ -= manifest.bytes.size();
    byRepository_.erase(repo);
}

static QString linkKey(const QString &repository, const QString &digest)
{
    return repository + u'@' + digest;
}

std::optional<CachedLink> LinkCache::find(const QString &repository, const QString &digest)
{
    QMutexLocker lock(&mutex_);
    const auto entry = links_.constFind(linkKey(repository, digest));
    if (entry == links_.cend())
        return std::nullopt;
    return *entry;
}

quint64 LinkCache::generation()
{
    QMutexLocker lock(&mutex_);
    return generation_;
}

void LinkCache::insert(const QString &repository, const QString &digest, const CachedLink &link, quint64 readAt)
{
    QMutexLocker lock(&mutex_);
    if (readAt != generation_)
        return;
    if (links_.size() >= maxEntries)
        links_.clear();
    links_.insert(linkKey(repository, digest), link);
}

void LinkCache::forget(const QString &repository, const QString &digest)
{
    QMutexLocker lock(&mutex_);
    ++generation_;
    links_.remove(linkKey(repository, digest));
}

} // namespace muelle::registry::service
