#include "engine/api/dbus/fdstream.h"

#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace muelle::engine::dbus {
namespace {

constexpr qint64 chunkSize = 64 * 1024;

class FdPump final : public QObject {
public:
    FdPump(std::unique_ptr<http::BodySource> body, int fd, std::function<void()> ended, QObject *parent)
        : QObject(parent),
          body_(std::move(body)),
          fd_(fd),
          ended_(std::move(ended)),
          writable_(fd, QSocketNotifier::Write),
          hangup_(fd, QSocketNotifier::Read)
    {
        writable_.setEnabled(false);
        connect(&writable_, &QSocketNotifier::activated, this, [this] {
            writable_.setEnabled(false);
            pump();
        });
        // The reader never writes: readable means it closed its end.
        connect(&hangup_, &QSocketNotifier::activated, this, [this] {
            char byte;
            if (::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK) == 0)
                finish();
        });
        QPointer<FdPump> self(this);
        body_->setWakeHandler([self] {
            QMetaObject::invokeMethod(
                self, [self] { self ? self->pump() : void(); }, Qt::QueuedConnection);
        });
    }

    ~FdPump() override
    {
        if (fd_ >= 0)
            ::close(fd_);
    }

    void pump()
    {
        while (fd_ >= 0) {
            if (pending_.isEmpty()) {
                auto chunk = body_->read(chunkSize);
                if (!chunk)
                    return finish();
                if (chunk->isEmpty())
                    return body_->ended() ? finish() : void(); // else wake() calls again
                pending_ = std::move(*chunk);
            }
            const ssize_t sent = ::send(fd_, pending_.constData(), size_t(pending_.size()), MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR)
                continue;
            if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return writable_.setEnabled(true);
            if (sent < 0)
                return finish(); // the reader left
            pending_.remove(0, sent);
        }
    }

private:
    void finish()
    {
        if (fd_ < 0)
            return;
        writable_.setEnabled(false);
        hangup_.setEnabled(false);
        ::close(fd_);
        fd_ = -1;
        if (ended_)
            ended_();
        deleteLater();
    }

    std::unique_ptr<http::BodySource> body_;
    int fd_;
    std::function<void()> ended_;
    QSocketNotifier writable_;
    QSocketNotifier hangup_;
    QByteArray pending_;
};

} // namespace

Result<QDBusUnixFileDescriptor> streamToFd(
    std::unique_ptr<http::BodySource> body, QObject *parent, std::function<void()> ended)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
        return fail(Code::Internal, QStringLiteral("socketpair: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    // The reader's end blocks, as a reader expects; D-Bus passes a duplicate.
    const int flags = ::fcntl(fds[1], F_GETFL);
    ::fcntl(fds[1], F_SETFL, flags & ~O_NONBLOCK);
    QDBusUnixFileDescriptor theirs(fds[1]);
    ::close(fds[1]);
    auto *pump = new FdPump(std::move(body), fds[0], std::move(ended), parent);
    QMetaObject::invokeMethod(pump, &FdPump::pump, Qt::QueuedConnection);
    return theirs;
}

} // namespace muelle::engine::dbus
