#include "engine/builder/upload.h"

#include "archive/extract.h"
#include "engine/builder/context.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace muelle::engine::builder {

namespace {

constexpr qint64 maxDockerfile = 16 << 20;
constexpr qint64 headSize = 262; // enough to tell a tar from a Dockerfile

} // namespace

ContextUpload::ContextUpload(QString spoolFile, QString dir, QString dockerfile)
    : spoolFile_(std::move(spoolFile)), dir_(std::move(dir)), dockerfile_(std::move(dockerfile))
{
    const QByteArray path = QFile::encodeName(spoolFile_);
    writeFd_ = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    readFd_ = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    thread_ = QThread::create([this] { unpack(); });
    thread_->start();
}

ContextUpload::~ContextUpload()
{
    abort({ Code::Cancelled, QStringLiteral("the build was cancelled") });
    thread_->wait();
    delete thread_;
    for (const int fd : { writeFd_, readFd_ }) {
        if (fd >= 0)
            ::close(fd);
    }
    QFile::remove(spoolFile_);
    QDir(dir_).removeRecursively();
}

Result<> ContextUpload::append(QByteArrayView chunk)
{
    if (writeFd_ < 0)
        return fail(systemError(QStringLiteral("create"), spoolFile_, EBADF));
    for (qsizetype done = 0; done < chunk.size();) {
        const ssize_t n = ::write(writeFd_, chunk.data() + done, size_t(chunk.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("write"), spoolFile_, errno));
        done += n;
    }
    QMutexLocker lock(&mutex_);
    written_ += chunk.size();
    grown_.wakeAll();
    return {};
}

void ContextUpload::finish()
{
    QMutexLocker lock(&mutex_);
    finished_ = true;
    grown_.wakeAll();
}

void ContextUpload::abort(const Error &error)
{
    QMutexLocker lock(&mutex_);
    if (!aborted_ && !result_)
        aborted_ = error;
    grown_.wakeAll();
}

Result<QByteArray> ContextUpload::readAt(qint64 position, qint64 maxBytes)
{
    qint64 available = 0;
    {
        QMutexLocker lock(&mutex_);
        while (!aborted_ && !finished_ && written_ <= position)
            grown_.wait(&mutex_);
        if (aborted_)
            return fail(*aborted_);
        available = written_ - position;
    }
    QByteArray chunk(std::min(maxBytes, available), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < chunk.size()) {
        const ssize_t n = ::pread(readFd_, chunk.data() + done, size_t(chunk.size() - done), position + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(systemError(QStringLiteral("read"), spoolFile_, n < 0 ? errno : EIO));
        done += n;
    }
    return chunk;
}

void ContextUpload::unpack()
{
    if (writeFd_ < 0 || readFd_ < 0)
        return ended(fail(systemError(QStringLiteral("create"), spoolFile_, EBADF)));
    if (!QDir().mkpath(dir_))
        return ended(fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(dir_)));
    // The head: enough bytes to tell an archive from a Dockerfile.
    QByteArray head;
    while (head.size() < headSize) {
        auto more = readAt(head.size(), headSize - head.size());
        if (!more)
            return ended(fail(more.error()));
        if (more->isEmpty())
            break;
        head += *more;
    }
    if (!head.isEmpty() && !looksLikeArchive(head)) {
        // A Dockerfile alone (docker build - < Dockerfile): an empty context.
        QByteArray text = head;
        for (;;) {
            auto more = readAt(text.size(), 1 << 20);
            if (!more)
                return ended(fail(more.error()));
            if (more->isEmpty())
                break;
            text += *more;
            if (text.size() > maxDockerfile)
                return ended(fail(Code::InvalidArgument, QStringLiteral("the Dockerfile is larger than 16 MiB")));
        }
        return ended(QString::fromUtf8(text));
    }
    const bool plainTar = head.size() >= headSize && head.sliced(257, 5) == QByteArrayView("ustar");
    qint64 position = 0;
    std::optional<qint64> padding; // zeros still to give after the last byte
    const archive::ChunkSource source = [&](qint64 maxBytes) -> Result<QByteArray> {
        if (padding) {
            const qint64 zeros = std::min(maxBytes, *padding);
            *padding -= zeros;
            return QByteArray(zeros, '\0');
        }
        auto chunk = readAt(position, std::min<qint64>(maxBytes, 1 << 20));
        if (!chunk)
            return chunk;
        position += chunk->size();
        // The docker CLI's `-f -` appends the Dockerfile to the tar without
        // its padding or end blocks (Go's reader does not mind; libarchive does).
        if (chunk->isEmpty() && plainTar && position % 512 != 0) {
            padding = 512 - position % 512 + 1024;
            const qint64 zeros = std::min(maxBytes, *padding);
            *padding -= zeros;
            return QByteArray(zeros, '\0');
        }
        return chunk;
    };
    if (!head.isEmpty()) {
        archive::ExtractOptions options;
        options.whiteouts = archive::WhiteoutMode::None;
        options.preserveOwnership = false;
        if (auto unpacked = archive::extractLayer(source, dir_, options); !unpacked) {
            // A link to a file the archive does not hold is the archive's fault too.
            const Code code = unpacked.error().code == Code::NotFound ? Code::InvalidArgument : unpacked.error().code;
            return ended(fail(code == Code::Cancelled ? unpacked.error()
                                                      : Error{ code,
                                                          QStringLiteral("the build context is not a valid archive: %1")
                                                              .arg(unpacked.error().message) }));
        }
        // What follows the archive's end blocks is read, not kept.
        for (auto rest = source(1 << 20); !rest || !rest->isEmpty(); rest = source(1 << 20)) {
            if (!rest)
                return ended(fail(rest.error()));
        }
    }
    ended(readContextDockerfile(dir_, dockerfile_));
}

void ContextUpload::ended(Result<QString> result)
{
    QMutexLocker lock(&mutex_);
    result_ = std::move(result);
    // Posted to the application (it outlives builds); the waiter is checked on its thread.
    if (waiter_) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [context = waiterContext_, then = waiter_, result = *result_] {
                if (context)
                    then(result);
            });
    }
    waiter_ = {};
}

void ContextUpload::whenUnpacked(QObject *context, std::function<void(Result<QString>)> then)
{
    QMutexLocker lock(&mutex_);
    if (result_) {
        QMetaObject::invokeMethod(
            context, [then, result = *result_] { then(result); }, Qt::QueuedConnection);
        return;
    }
    waiterContext_ = context;
    waiter_ = std::move(then);
}

} // namespace muelle::engine::builder
