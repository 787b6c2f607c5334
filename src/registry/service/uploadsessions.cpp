#include "registry/service/uploadsessions.h"

namespace muelle::registry::service {

Result<blob::BlobWriter> UploadSessions::acquire(const QString &uuid, const QString &path)
{
    std::optional<oci::Hasher> hasher;
    {
        QMutexLocker lock(&mutex_);
        Entry &entry = entries_[uuid];
        if (entry.busy)
            return fail(Code::Conflict, QStringLiteral("upload %1 is being written by another request").arg(uuid));
        entry.busy = true;
        hasher = std::exchange(entry.hasher, std::nullopt);
    }
    Result<blob::BlobWriter> writer
        = hasher ? blob::BlobWriter::resume(path, std::move(*hasher)) : blob::BlobWriter::open(path);
    // The file may have grown or shrunk behind our back (a crash): rehash it.
    if (!writer && writer.error().code == Code::FailedPrecondition)
        writer = blob::BlobWriter::open(path);
    if (!writer) {
        QMutexLocker lock(&mutex_);
        entries_.erase(uuid);
    }
    return writer;
}

void UploadSessions::release(const QString &uuid, blob::BlobWriter writer)
{
    oci::Hasher hasher = writer.release();
    QMutexLocker lock(&mutex_);
    // A session cancelled or completed meanwhile stays forgotten.
    const auto entry = entries_.find(uuid);
    if (entry == entries_.end())
        return;
    entry->second.hasher = std::move(hasher);
    entry->second.busy = false;
}

void UploadSessions::forget(const QString &uuid)
{
    QMutexLocker lock(&mutex_);
    entries_.erase(uuid);
}

} // namespace muelle::registry::service
