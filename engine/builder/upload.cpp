#include "engine/builder/upload.h"

#include "archive/extract.h"
#include "archive/scan.h"
#include "confine/inroot.h"
#include "engine/builder/context.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::builder {

namespace {

constexpr qint64 headSize = 262; // enough to tell a tar from a Dockerfile
constexpr qsizetype spoolBatch = 1 << 20;
constexpr qsizetype maxIndexed = 200'000; // entries, parents included
constexpr qint64 maxIndexBytes = 64 << 20;

} // namespace

ContextUpload::ContextUpload(QString spoolFile, QString dir, QString dockerfile)
    : spoolFile_(std::move(spoolFile)), dir_(std::move(dir)), dockerfile_(std::move(dockerfile))
{
    const QByteArray path = QFile::encodeName(spoolFile_);
    writeFd_ = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    readFd_ = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    thread_ = QThread::create([this] { read(); });
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
    // Gathered into large writes: one system call and one wake-up of the
    // reader per MiB, not per HTTP chunk.
    pending_.append(chunk);
    if (pending_.size() < spoolBatch)
        return {};
    return flush();
}

Result<> ContextUpload::flush()
{
    if (writeFd_ < 0)
        return fail(systemError(QStringLiteral("create"), spoolFile_, EBADF));
    for (qsizetype done = 0; done < pending_.size();) {
        const ssize_t n = ::write(writeFd_, pending_.constData() + done, size_t(pending_.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("write"), spoolFile_, errno));
        done += n;
    }
    QMutexLocker lock(&mutex_);
    written_ += pending_.size();
    pending_.resize(0); // keeps its capacity
    grown_.wakeAll();
    return {};
}

void ContextUpload::finish()
{
    if (Result<> flushed = flush(); !flushed)
        return abort(flushed.error());
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

void ContextUpload::read()
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
    archive_ = !head.isEmpty() && looksLikeArchive(head);
    plainTar_ = head.size() >= headSize && head.sliced(257, 5) == QByteArrayView("ustar");
    if (!archive_ && !head.isEmpty()) {
        // A Dockerfile alone (docker build - < Dockerfile): an empty context.
        QByteArray text = head;
        for (;;) {
            auto more = readAt(text.size(), 1 << 20);
            if (!more)
                return ended(fail(more.error()));
            if (more->isEmpty())
                break;
            text += *more;
            if (text.size() > maxDockerfileSize)
                return ended(fail(Code::InvalidArgument, QStringLiteral("the Dockerfile is larger than 16 MiB")));
        }
        indexed_ = true;
        return ended(QString::fromUtf8(text));
    }
    if (archive_) {
        if (std::optional<Result<QString>> text = indexTar())
            return ended(std::move(*text));
    }
    // Not indexable (or empty): unpacked now, as the extraction judges it.
    QMutexLocker lock(&unpackMutex_);
    ended(unpackSpool());
}

std::function<Result<QByteArray>(qint64)> ContextUpload::spoolSource()
{
    struct State {
        qint64 position = 0;
        std::optional<qint64> padding; // zeros still to give after the last byte
    };
    auto state = std::make_shared<State>();
    return [this, state](qint64 maxBytes) -> Result<QByteArray> {
        if (state->padding) {
            const qint64 zeros = std::min(maxBytes, *state->padding);
            *state->padding -= zeros;
            return QByteArray(zeros, '\0');
        }
        auto chunk = readAt(state->position, std::min<qint64>(maxBytes, 1 << 20));
        if (!chunk)
            return chunk;
        state->position += chunk->size();
        // The docker CLI's `-f -` appends the Dockerfile to the tar without
        // its padding or end blocks (Go's reader does not mind; libarchive does).
        if (chunk->isEmpty() && plainTar_ && state->position % 512 != 0) {
            state->padding = 512 - state->position % 512 + 1024;
            const qint64 zeros = std::min(maxBytes, *state->padding);
            *state->padding -= zeros;
            return QByteArray(zeros, '\0');
        }
        return chunk;
    };
}

namespace {

Error invalidContext(const Error &error)
{
    // A link to a file the archive does not hold is the archive's fault too.
    const Code code = error.code == Code::NotFound ? Code::InvalidArgument : error.code;
    if (code == Code::Cancelled)
        return error;
    return { code, QStringLiteral("the build context is not a valid archive: %1").arg(error.message) };
}

// Drains what follows the archive's end blocks: read, not kept.
Result<> drain(const archive::ChunkSource &source)
{
    for (auto rest = source(1 << 20); !rest || !rest->isEmpty(); rest = source(1 << 20)) {
        if (!rest)
            return fail(rest.error());
    }
    return {};
}

} // namespace

std::optional<Result<QString>> ContextUpload::indexTar()
{
    const std::optional<QByteArray> dockerfile = confine::cleanPath(dockerfile_.toUtf8());
    const auto wanted = [&dockerfile](const QByteArray &path) {
        return path == dockerfile || path == QByteArrayView(".dockerignore");
    };
    QHash<QByteArray, QByteArray> kept; // the Dockerfile and .dockerignore
    bool plain = true;
    archive::ScanOptions options;
    options.keepData = [&](const QByteArray &name, qint64 size) {
        const std::optional<QByteArray> clean = confine::cleanPath(name);
        return clean && wanted(*clean) && size <= maxDockerfileSize;
    };
    const archive::ChunkSource source = spoolSource();
    const Error notPlain{ Code::Unimplemented, QStringLiteral("not plain") };
    Result<> scanned = archive::scanArchive(
        source,
        [&](const archive::ScannedEntry &entry) -> Result<> {
            // Past these the index would cost more memory than the files cost disk.
            if (index_.size() >= maxIndexed || index_.bytes() >= maxIndexBytes || !index_.add(entry)) {
                plain = false;
                return fail(notPlain);
            }
            const std::optional<QByteArray> clean = confine::cleanPath(entry.name);
            if (entry.type == archive::ScannedEntry::Type::File && wanted(*clean) && entry.size <= maxDockerfileSize)
                kept.insert(*clean, entry.data);
            return {};
        },
        options);
    if (!plain)
        return std::nullopt;
    if (!scanned)
        return Result<QString>(fail(invalidContext(scanned.error())));
    if (Result<> drained = drain(source); !drained)
        return Result<QString>(fail(drained.error()));
    // The Dockerfile and .dockerignore read from what was kept: a symlink
    // or a file too large to keep is left to the unpacked context.
    for (const QByteArray &name : { dockerfile.value_or(QByteArray()), QByteArray(".dockerignore") }) {
        auto node = index_.node(name);
        if (name.isEmpty() || !node || !*node)
            continue;
        if (S_ISLNK((*node)->mode) || (S_ISREG((*node)->mode) && !kept.contains(name)))
            return std::nullopt;
    }
    auto text = takeDockerfile(
        dockerfile_,
        [&](const QString &path) -> Result<std::optional<QByteArray>> {
            const std::optional<QByteArray> clean = confine::cleanPath(path.toUtf8());
            if (!clean || !kept.contains(*clean))
                return std::optional<QByteArray>();
            return std::optional(kept.value(*clean));
        },
        [this](const QByteArray &path) { index_.remove(path); });
    indexed_ = bool(text);
    return text;
}

Result<QString> ContextUpload::unpackSpool()
{
    if (archive_) {
        archive::ExtractOptions options;
        options.whiteouts = archive::WhiteoutMode::None;
        options.preserveOwnership = false;
        const archive::ChunkSource source = spoolSource();
        if (auto unpacked = archive::extractLayer(source, dir_, options); !unpacked)
            return fail(invalidContext(unpacked.error()));
        if (Result<> drained = drain(source); !drained)
            return fail(drained.error());
    }
    auto text = readContextDockerfile(dir_, dockerfile_);
    if (text)
        unpackedNow_ = true;
    else
        unpackError_ = text.error();
    return text;
}

Result<QString> ContextUpload::unpackedDir()
{
    QMutexLocker lock(&unpackMutex_);
    if (unpackError_)
        return fail(*unpackError_);
    // A Dockerfile alone: its context is the empty directory, already there.
    if (!archive_)
        unpackedNow_ = true;
    if (!unpackedNow_) {
        if (auto text = unpackSpool(); !text)
            return fail(text.error());
    }
    return dir_;
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

void ContextUpload::whenReady(QObject *context, std::function<void(Result<QString>)> then)
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
