#pragma once
// Streaming bodies. A request body is handed to a BodySink chunk by chunk as
// it arrives; a response body is pulled from a BodySource as the socket
// drains. Neither is ever held whole in memory by the server.

#include "base/error.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace muelle::http {

class BodySink {
public:
    virtual ~BodySink() = default;
    // Called for each decoded chunk (chunked encoding already removed). An
    // error stops delivery: the rest of the body is read and discarded, and
    // the error is passed to the completion callback.
    virtual Result<> write(QByteArrayView chunk) = 0;
    // Called once after the last chunk; its error, if any, goes to the
    // completion callback.
    virtual Result<> finish() { return {}; }
};

// Keeps the body in memory, up to a limit; beyond it write() fails with
// ResourceExhausted. For small bodies only (JSON documents, manifests).
class BufferSink final : public BodySink {
public:
    explicit BufferSink(qint64 limit) : limit_(limit) { }
    Result<> write(QByteArrayView chunk) override;
    const QByteArray &data() const { return data_; }
    QByteArray take() { return std::move(data_); }

private:
    qint64 limit_;
    QByteArray data_;
};

class BodySource {
public:
    virtual ~BodySource() = default;
    // Up to maxBytes of the body; an empty array means the end. An error ends
    // the response by closing the connection (the status line is already out).
    virtual Result<QByteArray> read(qint64 maxBytes) = 0;

    // Live bodies (event streams, followed logs): consulted after read()
    // returned an empty array. A source that has nothing to send yet but is
    // not over returns false; the server then stops pulling until the source
    // calls wake() on the connection's thread. By default an empty read ends
    // the body.
    virtual bool ended() const { return true; }
    // Installed by the server before the first read.
    void setWakeHandler(std::function<void()> wake) { wake_ = std::move(wake); }

protected:
    void wake()
    {
        if (wake_)
            wake_();
    }

private:
    std::function<void()> wake_;
};

// The bytes [offset, offset + length) of a file, read as the socket drains.
// open() fails with NotFound when the file is missing. A negative length
// means "to the end of the file".
class FileSource final : public BodySource {
public:
    static Result<std::unique_ptr<FileSource>> open(const QString &path, qint64 offset, qint64 length);
    ~FileSource() override;
    Result<QByteArray> read(qint64 maxBytes) override;
    // Sends up to maxBytes straight from the file to a non-blocking socket
    // (sendfile(2)), advancing like read(). Returns the bytes sent: 0 when the
    // socket is full or the range is done.
    Result<qint64> sendTo(int socketFd, qint64 maxBytes);
    int fd() const { return fd_; }
    qint64 offset() const { return offset_; }
    qint64 remaining() const { return remaining_; }

private:
    FileSource(QString path, int fd, qint64 offset, qint64 length);
    QString path_;
    int fd_;
    qint64 offset_;
    qint64 remaining_;
};

} // namespace muelle::http
