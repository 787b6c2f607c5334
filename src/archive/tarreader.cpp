#include "archive/tarreader.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>

namespace muelle::archive {

namespace {
constexpr qint64 kChunkSize = 256 * 1024;
}

const char *pathnameOf(archive_entry *entry)
{
    const char *name = archive_entry_pathname(entry);
    return name ? name : archive_entry_pathname_utf8(entry);
}

const char *hardlinkOf(archive_entry *entry)
{
    const char *target = archive_entry_hardlink(entry);
    return target ? target : archive_entry_hardlink_utf8(entry);
}

const char *symlinkOf(archive_entry *entry)
{
    const char *target = archive_entry_symlink(entry);
    return target ? target : archive_entry_symlink_utf8(entry);
}

struct TarReader::Callbacks {
    static la_ssize_t compressed(::archive *, void *reader, const void **buffer)
    {
        return la_ssize_t(static_cast<TarReader *>(reader)->pullCompressed(buffer));
    }
    static la_ssize_t uncompressed(::archive *, void *reader, const void **buffer)
    {
        return la_ssize_t(static_cast<TarReader *>(reader)->pullUncompressed(buffer));
    }
};

TarReader::TarReader(ChunkSource source, bool hashStream) : source_(std::move(source)), hashStream_(hashStream) { }

TarReader::~TarReader()
{
    if (tar_)
        archive_read_free(tar_);
    if (raw_)
        archive_read_free(raw_);
}

qint64 TarReader::pullCompressed(const void **buffer)
{
    Result<QByteArray> chunk = source_(kChunkSize);
    if (!chunk) {
        error_ = chunk.error();
        archive_set_error(raw_, EIO, "layer source failed");
        return -1;
    }
    chunk_ = std::move(*chunk);
    *buffer = chunk_.constData();
    return chunk_.size();
}

qint64 TarReader::pullUncompressed(const void **buffer)
{
    size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(raw_, buffer, &size, &offset);
    if (status == ARCHIVE_EOF)
        return 0;
    if (status < ARCHIVE_WARN) {
        if (!error_)
            error_ = failure(raw_, QStringLiteral("read layer"));
        archive_set_error(tar_, EIO, "decompression failed");
        return -1;
    }
    if (hashStream_)
        hasher_.update(QByteArrayView(static_cast<const char *>(*buffer), qsizetype(size)));
    uncompressed_ += qint64(size);
    return qint64(size);
}

Error TarReader::failure(::archive *reader, const QString &what) const
{
    if (error_)
        return *error_;
    const char *message = archive_error_string(reader);
    return { Code::InvalidArgument,
        what + QStringLiteral(": ") + (message ? QString::fromUtf8(message) : QStringLiteral("libarchive failed")) };
}

Result<> TarReader::open()
{
    raw_ = archive_read_new();
    tar_ = archive_read_new();
    if (!raw_ || !tar_)
        return fail(Code::ResourceExhausted, QStringLiteral("read layer: out of memory"));
    // Only built-in decompressors: libarchive would otherwise run an external
    // program when it lacks a library.
    if (archive_read_support_filter_gzip(raw_) != ARCHIVE_OK || archive_read_support_filter_zstd(raw_) != ARCHIVE_OK)
        return fail(Code::Internal, QStringLiteral("read layer: libarchive lacks built-in gzip or zstd"));
    archive_read_support_format_raw(raw_);
    archive_read_support_format_tar(tar_);
    if (archive_read_open2(raw_, this, nullptr, &Callbacks::compressed, nullptr, nullptr) != ARCHIVE_OK)
        return fail(failure(raw_, QStringLiteral("read layer")));
    archive_entry *stream = nullptr;
    if (archive_read_next_header(raw_, &stream) != ARCHIVE_OK)
        return fail(failure(raw_, QStringLiteral("read layer")));
    if (archive_read_open2(tar_, this, nullptr, &Callbacks::uncompressed, nullptr, nullptr) != ARCHIVE_OK)
        return fail(failure(tar_, QStringLiteral("read layer")));
    return {};
}

Result<archive_entry *> TarReader::next()
{
    archive_entry *entry = nullptr;
    const int status = archive_read_next_header(tar_, &entry);
    if (status == ARCHIVE_EOF)
        return nullptr;
    if (status < ARCHIVE_WARN)
        return fail(failure(tar_, QStringLiteral("read layer")));
    return entry;
}

Result<DataBlock> TarReader::readData()
{
    const void *buffer = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(tar_, &buffer, &size, &offset);
    if (status == ARCHIVE_EOF)
        return DataBlock{ nullptr, 0, offset };
    if (status < ARCHIVE_WARN)
        return fail(failure(tar_, QStringLiteral("read layer")));
    return DataBlock{ static_cast<const char *>(buffer), qsizetype(size), offset };
}

Result<oci::Digest> TarReader::finish()
{
    const void *buffer = nullptr;
    for (;;) {
        const qint64 n = pullUncompressed(&buffer);
        if (n < 0)
            return fail(failure(raw_, QStringLiteral("read layer")));
        if (n == 0)
            return hashStream_ ? hasher_.digest() : oci::Digest();
    }
}

} // namespace muelle::archive
