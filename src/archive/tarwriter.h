#pragma once
// Writes a tar stream (an image export, `docker save`) a step at a time,
// never holding a file whole. libarchive writes the headers (pax restricted:
// plain ustar unless a name, link or size needs a pax extended header); its
// output goes to a sink as it is produced.
//
// After every call that succeeds, all the bytes it produced have been handed
// to the sink: libarchive's blocking is switched off, so nothing waits in a
// buffer for a 10 KiB block to fill. A chunk of data goes to the sink as is,
// in one call, not copied; a file's zero padding to 512 bytes goes out with
// the next header or with finish(). The archive is not padded to a block:
// like Go's archive/tar, it ends with its two zero blocks.
//
// Entries are owned by root (uid and gid 0, no user or group names) unless
// setOwner() says otherwise. Times
// are whole seconds; an invalid QDateTime is written as the Unix epoch.
//
// After any error (but adding to a finished archive) the writer is broken: every later call fails with the same
// error, and the stream handed to the sink so far is not a whole archive.
// Not thread-safe; it blocks only as long as the sink does.

#include "base/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

struct archive;

namespace muelle::archive {

// Takes the next bytes of a stream. The view is only valid during the call.
// An error stops the writer and is returned, code kept, by the call that
// produced the bytes.
using ChunkSink = std::function<Result<>(QByteArrayView chunk)>;

class TarWriter {
public:
    explicit TarWriter(ChunkSink sink);
    // Writes nothing more: an unfinished archive stays unfinished (no end
    // blocks, no padding of a short file).
    ~TarWriter();
    TarWriter(const TarWriter &) = delete;
    TarWriter &operator=(const TarWriter &) = delete;

    // Entry names are relative paths with '/' separators, written as given
    // (UTF-8); an empty name, or one holding a NUL, fails with
    // InvalidArgument. `mode` holds the permission bits (07777). Adding an
    // entry while the previous file still expects data fails with
    // FailedPrecondition.
    Result<> addDirectory(const QString &name, int mode, const QDateTime &mtime);
    // The header of a regular file of `size` bytes, to be followed by exactly
    // `size` bytes of writeData() (none for an empty file).
    Result<> addFile(const QString &name, qint64 size, int mode, const QDateTime &mtime);
    // The next part of the current file's data. More bytes than the header
    // announced fail with InvalidArgument (nothing of this chunk is written);
    // no current file, with FailedPrecondition.
    Result<> writeData(QByteArrayView chunk);
    // A hard link to the earlier entry `target` (an archive name).
    Result<> addHardlink(const QString &name, const QString &target, const QDateTime &mtime);
    // A small file in one call: its header and its data.
    Result<> addBytes(const QString &name, QByteArrayView bytes, int mode, const QDateTime &mtime);
    // A symbolic link to `target`, written as given (mode 0777).
    Result<> addSymlink(const QString &name, const QString &target, const QDateTime &mtime);
    // The numeric owner of the entries added from now on.
    void setOwner(unsigned uid, unsigned gid)
    {
        uid_ = uid;
        gid_ = gid;
    }
    // The end of the archive (two zero blocks). Fails with FailedPrecondition
    // when the current file is short. Once it succeeded, adding fails with
    // FailedPrecondition and finish() does nothing.
    Result<> finish();

    bool finished() const { return finished_; }
    // Data bytes the current file still expects.
    qint64 remaining() const { return remaining_; }
    // Bytes handed to the sink so far.
    qint64 bytesWritten() const { return written_; }

private:
    struct Callbacks;
    Result<> open();
    Result<> ready(const QString &name);
    Result<> writeHeader(const QString &name, unsigned type, int mode, const QDateTime &mtime, qint64 size,
        const QString &link = {}, bool hard = false);
    Error shortFile() const;
    Result<> broken(Error error);
    Error failure(const QString &what) const;
    qint64 push(const char *data, qsizetype size);

    ChunkSink sink_;
    ::archive *writer_ = nullptr;
    QString current_; // the file whose data is being written
    qint64 size_ = 0;
    qint64 remaining_ = 0;
    qint64 written_ = 0;
    bool finished_ = false;
    unsigned uid_ = 0;
    unsigned gid_ = 0;
    std::optional<Error> error_; // the first error; the writer is broken
};

// Producer steps for a TarStream: each call adds to the archive (a header,
// or one chunk of data — keep it to about 1 MiB) or finishes it. A call that
// does neither fails the stream with Internal rather than spin.
using TarProducer = std::function<Result<>(TarWriter &writer)>;

// A TarWriter turned around for pulling (an HTTP BodySource): read() calls
// the producer until it has maxBytes or the archive is finished. At most
// maxBytes plus one step's output are held.
class TarStream {
public:
    explicit TarStream(TarProducer producer);
    TarStream(const TarStream &) = delete;
    TarStream &operator=(const TarStream &) = delete;

    // Up to maxBytes of the archive; an empty array after its end. The first
    // error the producer returns (its own, or the writer's) is returned by
    // this call and every later one. maxBytes < 1 fails with InvalidArgument.
    Result<QByteArray> read(qint64 maxBytes);
    qint64 bytesRead() const { return read_; }

private:
    TarProducer producer_;
    QByteArray pending_; // produced, not yet read
    TarWriter writer_;
    qint64 read_ = 0;
    std::optional<Error> error_;
};

} // namespace muelle::archive
