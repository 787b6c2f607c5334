#include "blob/blobwriter.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::blob {

static Result<int> openForAppend(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(systemError(QStringLiteral("open"), path, errno));
    return fd;
}

static Result<qint64> fileSize(int fd, const QString &path)
{
    struct stat st { };
    if (::fstat(fd, &st) != 0)
        return fail(systemError(QStringLiteral("stat"), path, errno));
    return qint64(st.st_size);
}

static Result<> hashFile(const QString &path, oci::Hasher &hasher)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Internal, QStringLiteral("open \"%1\": %2").arg(path, file.errorString()));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(Code::DataLoss, QStringLiteral("read \"%1\": %2").arg(path, file.errorString()));
        if (n == 0)
            return {};
        hasher.update(QByteArrayView(buffer.constData(), n));
    }
}

Result<oci::Digest> digestOfFile(const QString &path, oci::Algorithm algorithm)
{
    oci::Hasher hasher(algorithm);
    if (auto hashed = hashFile(path, hasher); !hashed)
        return fail(hashed.error());
    return hasher.digest();
}

Result<BlobWriter> BlobWriter::open(const QString &path)
{
    auto fd = openForAppend(path);
    if (!fd)
        return fail(fd.error());
    oci::Hasher hasher;
    if (auto hashed = hashFile(path, hasher); !hashed) {
        ::close(*fd);
        return fail(hashed.error());
    }
    return BlobWriter(path, *fd, std::move(hasher));
}

Result<BlobWriter> BlobWriter::resume(const QString &path, oci::Hasher hasher)
{
    auto fd = openForAppend(path);
    if (!fd)
        return fail(fd.error());
    auto size = fileSize(*fd, path);
    if (!size || *size != hasher.bytes()) {
        ::close(*fd);
        if (!size)
            return fail(size.error());
        return fail(Code::FailedPrecondition,
            QStringLiteral("resume \"%1\": file has %2 bytes, hasher %3").arg(path).arg(*size).arg(hasher.bytes()));
    }
    return BlobWriter(path, *fd, std::move(hasher));
}

BlobWriter::BlobWriter(QString path, int fd, oci::Hasher hasher)
    : path_(std::move(path)), fd_(fd), hasher_(std::move(hasher))
{
}

BlobWriter::BlobWriter(BlobWriter &&other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), hasher_(std::move(other.hasher_))
{
}

BlobWriter &BlobWriter::operator=(BlobWriter &&other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        path_ = std::move(other.path_);
        fd_ = std::exchange(other.fd_, -1);
        hasher_ = std::move(other.hasher_);
    }
    return *this;
}

BlobWriter::~BlobWriter()
{
    if (fd_ >= 0)
        ::close(fd_);
}

Result<> BlobWriter::write(QByteArrayView chunk)
{
    const char *data = chunk.data();
    qsizetype left = chunk.size();
    while (left > 0) {
        const ssize_t n = ::write(fd_, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            // A short write may have left part of the chunk in the file: cut
            // it back so the file and the hasher agree on what was received.
            if (::ftruncate(fd_, hasher_.bytes()) != 0)
                return fail(systemError(QStringLiteral("truncate"), path_, errno));
            return fail(systemError(QStringLiteral("write"), path_, error));
        }
        data += n;
        left -= n;
    }
    hasher_.update(chunk);
    return {};
}

Result<> BlobWriter::sync()
{
    if (::fdatasync(fd_) != 0)
        return fail(systemError(QStringLiteral("sync"), path_, errno));
    return {};
}

oci::Hasher BlobWriter::release()
{
    if (fd_ >= 0)
        ::close(std::exchange(fd_, -1));
    return std::move(hasher_);
}

} // namespace muelle::blob
