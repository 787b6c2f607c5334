#include "http/body.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::http {

Result<> BufferSink::write(QByteArrayView chunk)
{
    if (data_.size() + chunk.size() > limit_)
        return fail(Code::ResourceExhausted, QStringLiteral("body larger than %1 bytes").arg(limit_));
    data_.append(chunk);
    return {};
}

Result<std::unique_ptr<FileSource>> FileSource::open(const QString &path, qint64 offset, qint64 length)
{
    if (offset < 0)
        return fail(Code::InvalidArgument, QStringLiteral("read \"%1\": negative offset").arg(path));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(systemError(QStringLiteral("open"), path, errno));
    if (length < 0) {
        struct stat st { };
        if (::fstat(fd, &st) != 0) {
            const int err = errno;
            ::close(fd);
            return fail(systemError(QStringLiteral("stat"), path, err));
        }
        length = std::max<qint64>(0, st.st_size - offset);
    }
    return std::unique_ptr<FileSource>(new FileSource(path, fd, offset, length));
}

FileSource::FileSource(QString path, int fd, qint64 offset, qint64 length)
    : path_(std::move(path)), fd_(fd), offset_(offset), remaining_(length)
{
}

FileSource::~FileSource()
{
    ::close(fd_);
}

Result<QByteArray> FileSource::read(qint64 maxBytes)
{
    const qint64 want = std::min(maxBytes, remaining_);
    if (want <= 0)
        return QByteArray();
    QByteArray buffer(want, Qt::Uninitialized);
    qint64 got = 0;
    while (got < want) {
        const ssize_t n = ::pread(fd_, buffer.data() + got, size_t(want - got), offset_ + got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("read"), path_, errno));
        if (n == 0)
            return fail(Code::DataLoss,
                QStringLiteral("read \"%1\": file ended %2 bytes early").arg(path_).arg(remaining_ - got));
        got += n;
    }
    offset_ += got;
    remaining_ -= got;
    return buffer;
}

Result<qint64> FileSource::sendTo(int socketFd, qint64 maxBytes)
{
    const qint64 want = std::min(maxBytes, remaining_);
    if (want <= 0)
        return 0;
    off_t offset = offset_;
    ssize_t n;
    do {
        n = ::sendfile(socketFd, fd_, &offset, size_t(want));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN)
            return 0;
        return fail(systemError(QStringLiteral("send"), path_, errno));
    }
    if (n == 0)
        return fail(
            Code::DataLoss, QStringLiteral("read \"%1\": file ended %2 bytes early").arg(path_).arg(remaining_));
    offset_ += n;
    remaining_ -= n;
    return qint64(n);
}

} // namespace muelle::http
