#include "registry/gc/gc.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

namespace muelle::registry::gc {

namespace {

Result<> sweepBlobs(
    service::Registry &registry, const QDateTime &keepLinkedAfter, const Options &options, Report &report)
{
    auto candidates = registry.metadata().unreferencedBlobs(keepLinkedAfter);
    if (!candidates)
        return fail(candidates.error());
    for (const oci::Digest &digest : *candidates) {
        const qint64 size = registry.blobs().stat(digest).value_or(0);
        if (options.dryRun) {
            report.removed.append(digest.toString());
            continue;
        }
        QString trashed;
        auto swept = registry.metadata().sweepBlob(digest, keepLinkedAfter, [&]() -> Result<> {
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
            continue;
        if (!trashed.isEmpty())
            QFile::remove(trashed);
        report.blobsRemoved++;
        report.bytesFreed += size;
        report.removed.append(digest.toString());
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
        const qint64 size = registry.blobs().stat(digest).value_or(0);
        if (options.dryRun) {
            report.removed.append(digest.toString());
            continue;
        }
        QString trashed;
        auto swept = registry.metadata().sweepUnrecorded(digest, [&]() -> Result<> {
            auto moved = registry.blobs().moveToTrash(digest);
            if (!moved)
                return fail(moved.error());
            trashed = *moved;
            return {};
        });
        if (!swept)
            return fail(swept.error());
        if (*swept) {
            QFile::remove(trashed);
            report.blobsRemoved++;
            report.bytesFreed += size;
            report.removed.append(digest.toString());
        }
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
