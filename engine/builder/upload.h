#pragma once
// A build context arriving — from an HTTP body or a passed descriptor — is
// spooled to a file as its bytes come, while a thread of its own reads it
// as the file grows: reading overlaps the transfer, and nothing is held in
// memory. The context may be a tar (plain, gzip or zstd) or a Dockerfile
// alone (context.h).
//
// A tar is indexed, not unpacked: each file's digest is taken as it
// streams in (contextindex.h), and the files are written out only when a
// step needs them (unpackedDir()), from the spool. A tar the index cannot
// stand for is unpacked at once instead. Thread-safe: bytes come from one
// thread, the build waits on another, its steps unpack from the pool.

#include "base/error.h"
#include "engine/builder/contextindex.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace muelle::engine::builder {

class ContextUpload {
public:
    // Starts reading what is appended; the files go to `dir` (made here)
    // when unpacked. `dockerfile` is the Dockerfile's path in the context.
    ContextUpload(QString spoolFile, QString dir, QString dockerfile);
    // Stops the reading (the upload is then aborted) and removes the spool
    // file and the unpacked context.
    ~ContextUpload();
    ContextUpload(const ContextUpload &) = delete;
    ContextUpload &operator=(const ContextUpload &) = delete;

    // The transfer's side.
    Result<> append(QByteArrayView chunk);
    void finish();
    void abort(const Error &error);

    // `then` runs once on `context`'s thread with the Dockerfile's text, once
    // the whole context is read (or with the error that stopped it).
    void whenReady(QObject *context, std::function<void(Result<QString>)> then);
    // After whenReady's success: the context's index, or null when the
    // context was unpacked at once (then read it in dir()).
    const ContextIndex *index() const { return indexed_ ? &index_ : nullptr; }
    // The context's files in dir(), unpacked on the first call (blocking:
    // from a worker thread).
    Result<QString> unpackedDir();
    bool isUnpacked() const { return unpackedNow_; }
    const QString &dir() const { return dir_; }

private:
    void read();
    // Indexes the tar; nullopt when the index cannot stand for it.
    std::optional<Result<QString>> indexTar();
    // Unpacks the spooled tar into dir_ (or nothing for a Dockerfile alone)
    // and returns the Dockerfile's text. unpackMutex_ held.
    Result<QString> unpackSpool();
    // The spooled context from its start, as a tar reader pulls it.
    std::function<Result<QByteArray>(qint64)> spoolSource();
    // Blocks until the spool holds more than `position` bytes or the transfer
    // ended; the bytes there, up to maxBytes (empty at the end).
    Result<QByteArray> readAt(qint64 position, qint64 maxBytes);
    void ended(Result<QString> result);
    // Writes what append() gathered to the spool.
    Result<> flush();

    QString spoolFile_;
    QString dir_;
    QString dockerfile_;
    QMutex mutex_;
    QWaitCondition grown_;
    QByteArray pending_; // appended, not yet in the spool (the transfer's thread only)
    int writeFd_ = -1;
    int readFd_ = -1;
    qint64 written_ = 0;
    bool finished_ = false;
    bool archive_ = false; // a tar, not a Dockerfile alone
    bool plainTar_ = false; // an uncompressed one
    std::optional<Error> aborted_;
    std::optional<Result<QString>> result_;
    QPointer<QObject> waiterContext_;
    std::function<void(Result<QString>)> waiter_;
    ContextIndex index_;
    bool indexed_ = false;
    QMutex unpackMutex_;
    std::optional<Error> unpackError_;
    std::atomic<bool> unpackedNow_ = false;
    QThread *thread_ = nullptr;
};

} // namespace muelle::engine::builder
