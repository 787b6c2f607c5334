#include "archive/extract.h"

#include "archive/extractor.h"
#include "archive/tarreader.h"

#include <QFile>
#include <QIODevice>

#include <cerrno>
#include <fcntl.h>

namespace muelle::archive {

using confine::Fd;

namespace {

Result<Fd> openTarget(const QString &targetDir)
{
    Fd root(::open(QFile::encodeName(targetDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid())
        return fail(systemError(QStringLiteral("open"), targetDir, errno));
    return root;
}

Result<> extractEntries(TarReader &reader, Extractor &extractor, ExtractReport &report)
{
    for (;;) {
        Result<archive_entry *> entry = reader.next();
        if (!entry)
            return fail(entry.error());
        if (!*entry)
            return extractor.finish();
        ++report.entries;
        if (Result<> extracted = extractor.extract(*entry); !extracted)
            return extracted;
    }
}

} // namespace

Result<ExtractReport> extractLayer(const ChunkSource &source, const QString &targetDir, const ExtractOptions &options)
{
    Result<Fd> root = openTarget(targetDir);
    if (!root)
        return fail(root.error());
    return extractLayer(source, std::move(*root), options);
}

Result<ExtractReport> extractLayer(const ChunkSource &source, Fd targetDir, const ExtractOptions &options)
{
    TarReader reader(source);
    if (Result<> opened = reader.open(); !opened)
        return fail(opened.error());
    Extractor extractor(std::move(targetDir), options, reader);
    ExtractReport report;
    if (Result<> extracted = extractEntries(reader, extractor, report); !extracted)
        return fail(extracted.error());
    Result<oci::Digest> diffId = reader.finish();
    if (!diffId)
        return fail(diffId.error());
    report.diffId = *diffId;
    report.uncompressedSize = reader.uncompressedSize();
    report.skipped = extractor.skipped();
    return report;
}

Result<> checkArchive(const ChunkSource &source, int targetDir, const ExtractOptions &options)
{
    TarReader reader(source);
    if (Result<> opened = reader.open(); !opened)
        return fail(opened.error());
    for (;;) {
        Result<archive_entry *> entry = reader.next();
        if (!entry)
            return fail(entry.error());
        if (!*entry)
            break;
        if (Result<> checked = checkEntry(*entry, targetDir, options); !checked)
            return checked;
    }
    if (Result<oci::Digest> end = reader.finish(); !end)
        return fail(end.error());
    return {};
}

Result<ExtractReport> extractLayer(QIODevice &device, const QString &targetDir, const ExtractOptions &options)
{
    const ChunkSource source = [&device](qint64 maxBytes) -> Result<QByteArray> {
        QByteArray chunk(maxBytes, Qt::Uninitialized);
        for (;;) {
            const qint64 n = device.read(chunk.data(), maxBytes);
            if (n > 0) {
                chunk.truncate(n);
                return chunk;
            }
            // A closed socket or a finished process reads as -1: its end.
            if (n < 0 && !device.isSequential())
                return fail(Code::DataLoss, QStringLiteral("read layer: %1").arg(device.errorString()));
            if (n < 0 || !device.isSequential() || !device.waitForReadyRead(-1))
                return QByteArray();
        }
    };
    return extractLayer(source, targetDir, options);
}

} // namespace muelle::archive
