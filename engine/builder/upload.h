#pragma once
// A build context arriving — from an HTTP body or a passed descriptor — is
// spooled to a file as its bytes come, while a thread of its own unpacks it
// as the file grows: unpacking overlaps the transfer, and nothing is held
// in memory. The context may be a tar (plain, gzip, bzip2, xz, zstd) or a
// Dockerfile alone (context.h). Thread-safe: bytes come from one thread,
// the build waits on another.

#include "base/error.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace muelle::engine::builder {

class ContextUpload {
public:
    // Starts unpacking into `dir` (made here) what is appended; `dockerfile`
    // is the Dockerfile's path in the context.
    ContextUpload(QString spoolFile, QString dir, QString dockerfile);
    // Stops the unpacking (the upload is then aborted) and removes the spool
    // file and the unpacked context.
    ~ContextUpload();
    ContextUpload(const ContextUpload &) = delete;
    ContextUpload &operator=(const ContextUpload &) = delete;

    // The transfer's side.
    Result<> append(QByteArrayView chunk);
    void finish();
    void abort(const Error &error);

    // `then` runs once on `context`'s thread with the Dockerfile's text, once
    // the context is unpacked (or with the error that stopped it).
    void whenUnpacked(QObject *context, std::function<void(Result<QString>)> then);
    const QString &dir() const { return dir_; }

private:
    void unpack();
    // Blocks until the spool holds more than `position` bytes or the transfer
    // ended; the bytes there, up to maxBytes (empty at the end).
    Result<QByteArray> readAt(qint64 position, qint64 maxBytes);
    void ended(Result<QString> result);

    QString spoolFile_;
    QString dir_;
    QString dockerfile_;
    QMutex mutex_;
    QWaitCondition grown_;
    int writeFd_ = -1;
    int readFd_ = -1;
    qint64 written_ = 0;
    bool finished_ = false;
    std::optional<Error> aborted_;
    std::optional<Result<QString>> result_;
    QPointer<QObject> waiterContext_;
    std::function<void(Result<QString>)> waiter_;
    QThread *thread_ = nullptr;
};

} // namespace muelle::engine::builder
