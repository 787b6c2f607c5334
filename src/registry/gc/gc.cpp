#include "registry/gc/gc.h"

#include <QDateTime>
#include <QFile>

#include <functional>

namespace muelle::registry::gc {

namespace {

// A metadata step that re-checks a blob under the write lock and, when it may
// go, forgets it and calls the given function to move its file away.
using Sweep = std::function<Result<bool>(const std::function<Result<>()> &moveAway)>;

// Sweeps one blob: the file goes to trash inside the metadata's transaction
// and is deleted once that committed.
Result<> sweepOne(
    service::Registry &registry, const oci::Digest &digest, const Options &options, const Sweep &sweep, Report &report)
{
    const qint64 size = registry.blobs().stat(digest).value_or(0);
    if (options.dryRun) {
        report.removed.append(digest.toString());
        return {};
    }
    QString trashed;
    auto swept = sweep([&]() -> Result<> {
        auto moved = registry.blobs().moveToTrash(digest);
        if (!moved && moved.error().code == Code::NotFound)
            return {}; // recorded but already gone: forgetting it is all there is to do
        if (!moved)
            return fail(moved.error());
        trashed = *moved;
        return {};
    });
    if (!swept)
        return fail(swept.error().context(QStringLiteral("sweep %1").arg(digest.toString())));
    if (!*swept)
        return {};
    if (!trashed.isEmpty())
        QFile::remove(trashed);
    report.blobsRemoved++;
    report.bytesFreed += size;
    report.removed.append(digest.toString());
    return {};
}

Result<> sweepBlobs(
    service::Registry &registry, const QDateTime &keepLinkedAfter, const Options &options, Report &report)
{
    auto candidates = registry.metadata().unreferencedBlobs(keepLinkedAfter);
    if (!candidates)
        return fail(candidates.error());
    for (const oci::Digest &digest : *candidates) {
        const Sweep sweep = [&](const std::function<Result<>()> &moveAway) {
            return registry.metadata().sweepBlob(digest, keepLinkedAfter, moveAway);
        };
        if (auto swept = sweepOne(registry, digest, options, sweep, report); !swept)
            return swept;
    }
    return {};
}

// Files in the store that no row records: what a crash left between placing
// a blob and committing its row.
Result<> sweepUnrecordedFiles(service::Registry &registry, const Options &options, Report &report)
{
    auto stored = registry.blobs().list();
    if (!stored)
        return fail(stored.error());
    for (const oci::Digest &digest : *stored) {
        if (registry.metadata().blobRecorded(digest).value_or(true))
            continue;
        const Sweep sweep = [&](const std::function<Result<>()> &moveAway) {
            return registry.metadata().sweepUnrecorded(digest, moveAway);
        };
        if (auto swept = sweepOne(registry, digest, options, sweep, report); !swept)
            return swept;
    }
    return {};
}

Result<> purgeUploads(service::Registry &registry, const Options &options, Report &report)
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-options.uploadPurgeAge.count());
    auto stale = registry.metadata().uploadsStartedBefore(before);
    if (!stale)
        return fail(stale.error());
    for (const metadata::UploadRecord &upload : *stale) {
        if (!options.dryRun && registry.cancelUpload(upload.repository, upload.uuid))
            report.uploadsPurged++;
    }
    return {};
}

} // namespace

Result<Report> collect(service::Registry &registry, const Options &options)
{
    const QDateTime keepLinkedAfter = QDateTime::currentDateTimeUtc().addSecs(-options.grace.count());
    Report report;
    if (auto purged = purgeUploads(registry, options, report); !purged)
        return fail(purged.error());
    if (auto swept = sweepBlobs(registry, keepLinkedAfter, options, report); !swept)
        return fail(swept.error());
    if (auto swept = sweepUnrecordedFiles(registry, options, report); !swept)
        return fail(swept.error());
    return report;
}

} // namespace muelle::registry::gc
