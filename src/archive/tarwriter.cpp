#include "archive/tarwriter.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace muelle::archive {

namespace {

constexpr int kPermissionBits = 07777;

struct EntryDeleter {
    void operator()(archive_entry *entry) const { archive_entry_free(entry); }
};

QString quoted(const QString &name)
{
    return u'"' + name + u'"';
}

qint64 secondsOf(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

} // namespace

struct TarWriter::Callbacks {
    static la_ssize_t write(::archive *, void *writer, const void *buffer, size_t size)
    {
        return la_ssize_t(static_cast<TarWriter *>(writer)->push(static_cast<const char *>(buffer), qsizetype(size)));
    }
};

TarWriter::TarWriter(ChunkSink sink) : sink_(std::move(sink)) { }

TarWriter::~TarWriter()
{
    if (!writer_)
        return;
    // archive_write_free() would otherwise close the archive: pad the current
    // file with zeros and add the end blocks, passing off a cut export as whole.
    if (!finished_)
        archive_write_fail(writer_);
    archive_write_free(writer_);
}

qint64 TarWriter::push(const char *data, qsizetype size)
{
    if (Result<> sent = sink_(QByteArrayView(data, size)); !sent) {
        error_ = sent.error();
        archive_set_error(writer_, EIO, "tar sink failed");
        return -1;
    }
    written_ += size;
    return size;
}

Error TarWriter::failure(const QString &what) const
{
    if (error_)
        return *error_;
    const char *message = archive_error_string(writer_);
    return { Code::Internal,
        what + QStringLiteral(": ") + (message ? QString::fromUtf8(message) : QStringLiteral("libarchive failed")) };
}

Result<> TarWriter::broken(Error error)
{
    if (!error_)
        error_ = std::move(error);
    return fail(*error_);
}

Error TarWriter::shortFile() const
{
    return { Code::FailedPrecondition,
        u"write tar entry %1: only %2 of its %3 bytes were written"_s.arg(quoted(current_))
            .arg(size_ - remaining_)
            .arg(size_) };
}

Result<> TarWriter::open()
{
    writer_ = archive_write_new();
    if (!writer_)
        return broken({ Code::ResourceExhausted, u"write tar: out of memory"_s });
    // A block size of 0 turns libarchive's blocking off: every byte reaches
    // the sink during the call that produced it, none waits for a block to fill.
    if (archive_write_set_format_pax_restricted(writer_) != ARCHIVE_OK
        || archive_write_set_bytes_per_block(writer_, 0) != ARCHIVE_OK
        || archive_write_open2(writer_, this, nullptr, &Callbacks::write, nullptr, nullptr) != ARCHIVE_OK)
        return broken(failure(u"write tar"_s));
    return {};
}

// Whether an entry named `name` can be added now.
Result<> TarWriter::ready(const QString &name)
{
    if (error_)
        return fail(*error_);
    if (finished_)
        return fail(Code::FailedPrecondition, u"add tar entry %1: the archive is finished"_s.arg(quoted(name)));
    if (remaining_ > 0)
        return broken(shortFile());
    if (name.isEmpty() || name.contains(u'\0'))
        return broken({ Code::InvalidArgument, u"add tar entry %1: not a valid name"_s.arg(quoted(name)) });
    return writer_ ? Result<>() : open();
}

Result<> TarWriter::writeHeader(
    const QString &name, unsigned type, int mode, const QDateTime &mtime, qint64 size, const QString &link, bool hard)
{
    if (Result<> ok = ready(name); !ok)
        return ok;
    if (size < 0)
        return broken({ Code::InvalidArgument, u"add tar entry %1: negative size %2"_s.arg(quoted(name)).arg(size) });
    const std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    if (!entry)
        return broken({ Code::ResourceExhausted, u"add tar entry %1: out of memory"_s.arg(quoted(name)) });
    // The UTF-8 setters: the pax writer then needs no locale to encode names.
    archive_entry_set_pathname_utf8(entry.get(), name.toUtf8().constData());
    if (!link.isEmpty() && hard)
        archive_entry_set_hardlink_utf8(entry.get(), link.toUtf8().constData());
    else if (!link.isEmpty())
        archive_entry_set_symlink_utf8(entry.get(), link.toUtf8().constData());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), mode & kPermissionBits);
    archive_entry_set_size(entry.get(), size);
    archive_entry_set_mtime(entry.get(), secondsOf(mtime), 0);
    archive_entry_set_uid(entry.get(), uid_);
    archive_entry_set_gid(entry.get(), gid_);
    // A warning is a loss too (a name that could not be encoded): refuse it.
    if (archive_write_header(writer_, entry.get()) != ARCHIVE_OK)
        return broken(failure(u"add tar entry %1"_s.arg(quoted(name))));
    current_ = type == AE_IFREG && !hard ? name : QString();
    size_ = remaining_ = size;
    return {};
}

Result<> TarWriter::addDirectory(const QString &name, int mode, const QDateTime &mtime)
{
    return writeHeader(name, AE_IFDIR, mode, mtime, 0);
}

Result<> TarWriter::addFile(const QString &name, qint64 size, int mode, const QDateTime &mtime)
{
    return writeHeader(name, AE_IFREG, mode, mtime, size);
}

Result<> TarWriter::addSymlink(const QString &name, const QString &target, const QDateTime &mtime)
{
    if (target.isEmpty() || target.contains(u'\0'))
        return broken({ Code::InvalidArgument, u"add tar entry %1: not a valid link target"_s.arg(quoted(name)) });
    return writeHeader(name, AE_IFLNK, 0777, mtime, 0, target);
}

Result<> TarWriter::addHardlink(const QString &name, const QString &target, const QDateTime &mtime)
{
    if (target.isEmpty() || target.contains(u'\0'))
        return broken({ Code::InvalidArgument, u"add tar entry %1: not a valid link target"_s.arg(quoted(name)) });
    return writeHeader(name, AE_IFREG, 0, mtime, 0, target, true);
}

Result<> TarWriter::addBytes(const QString &name, QByteArrayView bytes, int mode, const QDateTime &mtime)
{
    if (Result<> added = addFile(name, bytes.size(), mode, mtime); !added)
        return added;
    return writeData(bytes);
}

Result<> TarWriter::writeData(QByteArrayView chunk)
{
    if (error_)
        return fail(*error_);
    if (current_.isEmpty())
        return broken({ Code::FailedPrecondition, u"write tar data: no file to write it to"_s });
    // libarchive would cut the chunk to the size silently: refuse it whole.
    if (chunk.size() > remaining_) {
        return broken({ Code::InvalidArgument,
            u"write tar entry %1: %2 bytes of data for a size of %3"_s.arg(quoted(current_))
                .arg(size_ - remaining_ + chunk.size())
                .arg(size_) });
    }
    if (chunk.isEmpty())
        return {};
    if (archive_write_data(writer_, chunk.data(), size_t(chunk.size())) != la_ssize_t(chunk.size()))
        return broken(failure(u"write tar entry %1"_s.arg(quoted(current_))));
    remaining_ -= chunk.size();
    return {};
}

Result<> TarWriter::finish()
{
    if (error_)
        return fail(*error_);
    if (finished_)
        return {};
    // libarchive would pad a short file with zeros silently.
    if (remaining_ > 0)
        return broken(shortFile());
    if (!writer_) {
        if (Result<> opened = open(); !opened)
            return opened;
    }
    if (archive_write_close(writer_) != ARCHIVE_OK)
        return broken(failure(u"finish tar"_s));
    finished_ = true;
    current_.clear();
    return {};
}

TarStream::TarStream(TarProducer producer)
    : producer_(std::move(producer)), writer_([this](QByteArrayView chunk) -> Result<> {
          pending_.append(chunk);
          return {};
      })
{
}

Result<QByteArray> TarStream::read(qint64 maxBytes)
{
    if (error_)
        return fail(*error_);
    if (maxBytes <= 0)
        return fail(Code::InvalidArgument, u"read tar stream: %1 bytes asked for"_s.arg(maxBytes));
    while (pending_.size() < maxBytes && !writer_.finished()) {
        const qint64 before = writer_.bytesWritten();
        if (Result<> step = producer_(writer_); !step) {
            error_ = step.error();
            return fail(*error_);
        }
        if (writer_.bytesWritten() == before && !writer_.finished()) {
            error_ = Error{ Code::Internal, u"read tar stream: the producer added nothing to the archive"_s };
            return fail(*error_);
        }
    }
    if (pending_.size() <= maxBytes) {
        read_ += pending_.size();
        return std::exchange(pending_, QByteArray());
    }
    // Removing from the front of a QByteArray only moves its start.
    QByteArray out = pending_.first(maxBytes);
    pending_.remove(0, maxBytes);
    read_ += out.size();
    return out;
}

} // namespace muelle::archive
