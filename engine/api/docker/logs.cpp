#include "engine/api/docker/logs.h"

#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

#include <atomic>

namespace muelle::engine::docker {
namespace {

constexpr qsizetype bufferLimit = 1024 * 1024;

// Shared between the reader thread, the follower and the body source.
struct Shared {
    QMutex mutex;
    QWaitCondition drained;
    QByteArray buffer;
    bool readDone = false; // the stored lines are all in the buffer
    bool ended = false; // nothing more will come
    bool gone = false; // the client left
    std::function<void()> wake; // on the connection's thread
};

QByteArray formatted(const logs::LogLine &line, const LogStreamOptions &options)
{
    QByteArray payload = options.timestamps ? line.timeText + ' ' + line.text : line.text;
    if (options.tty)
        return payload;
    const quint32 size = quint32(payload.size());
    const char header[8] = { line.stream == "stderr" ? char(2) : char(1), 0, 0, 0, char(size >> 24), char(size >> 16),
        char(size >> 8), char(size) };
    return QByteArray(header, 8) + payload;
}

class Body final : public QObject, public http::BodySource {
public:
    Body(std::shared_ptr<Shared> shared, LogStreamOptions options)
        : shared_(std::move(shared)), options_(std::move(options))
    {
        QPointer<Body> self(this);
        shared_->wake = [self] {
            QMetaObject::invokeMethod(self, [self] {
                if (self)
                    self->wake();
            });
        };
        reader_ = QThread::create([shared = shared_, options = options_] {
            logs::readLog(options.path, options.maxFiles, options.read, [&](const logs::LogLine &line) {
                const QByteArray bytes = formatted(line, options);
                QMutexLocker lock(&shared->mutex);
                while (shared->buffer.size() > bufferLimit && !shared->gone)
                    shared->drained.wait(&shared->mutex);
                if (shared->gone)
                    return false;
                const bool wasEmpty = shared->buffer.isEmpty();
                shared->buffer += bytes;
                if (wasEmpty && shared->wake)
                    shared->wake();
                return true;
            });
            QMutexLocker lock(&shared->mutex);
            shared->readDone = true;
            if (!options.follow)
                shared->ended = true;
            if (shared->wake)
                shared->wake();
        });
        if (options_.follow) {
            // The follower starts at the log's end now, so no line is both
            // read and followed... or missed: lines written while the reader
            // runs are after this point.
            follower_ = new logs::LogFollower(options_.path, followOptions(), this);
            follower_->start([this](const logs::LogLine &line) {
                const QByteArray bytes = formatted(line, options_);
                QMutexLocker lock(&shared_->mutex);
                followed_ += bytes;
            });
        }
        reader_->start();
    }

    ~Body() override
    {
        {
            QMutexLocker lock(&shared_->mutex);
            shared_->gone = true;
            shared_->wake = nullptr;
            shared_->drained.wakeAll();
        }
        reader_->wait();
        delete reader_;
    }

    Result<QByteArray> read(qint64 maxBytes) override
    {
        QMutexLocker lock(&shared_->mutex);
        if (shared_->readDone && !followed_.isEmpty()) {
            shared_->buffer += followed_;
            followed_.clear();
        }
        QByteArray chunk = shared_->buffer.left(maxBytes);
        shared_->buffer.remove(0, chunk.size());
        shared_->drained.wakeAll();
        return chunk;
    }

    bool ended() const override
    {
        QMutexLocker lock(&shared_->mutex);
        return shared_->ended && shared_->buffer.isEmpty();
    }

    void pollFollowed()
    {
        QMutexLocker lock(&shared_->mutex);
        if (shared_->readDone && !followed_.isEmpty() && shared_->buffer.isEmpty())
            lock.unlock(), wake();
    }

    void stopFollowing()
    {
        // One more poll's worth of time for the last lines, then the end.
        QTimer::singleShot(250, this, [this] {
            if (follower_)
                follower_->stop();
            QMutexLocker lock(&shared_->mutex);
            shared_->ended = true;
            lock.unlock();
            wake();
        });
    }

    QTimer *ticker = nullptr;

private:
    logs::ReadOptions followOptions() const
    {
        logs::ReadOptions follow = options_.read;
        follow.tail.reset();
        follow.since.reset();
        follow.sinceNanos = -1;
        return follow;
    }

    std::shared_ptr<Shared> shared_;
    LogStreamOptions options_;
    QThread *reader_ = nullptr;
    logs::LogFollower *follower_ = nullptr;
    QByteArray followed_; // guarded by shared_->mutex
};

} // namespace

LogBody openLogBody(LogStreamOptions options)
{
    auto shared = std::make_shared<Shared>();
    const bool follow = options.follow;
    auto body = std::make_unique<Body>(shared, std::move(options));
    QPointer<Body> self(body.get());
    if (follow) {
        body->ticker = new QTimer(body.get());
        QObject::connect(body->ticker, &QTimer::timeout, body.get(), [raw = body.get()] { raw->pollFollowed(); });
        body->ticker->start(100);
    }
    auto stopped = [self] {
        QMetaObject::invokeMethod(self, [self] {
            if (self)
                self->stopFollowing();
        });
    };
    return { std::move(body), stopped };
}

} // namespace muelle::engine::docker
