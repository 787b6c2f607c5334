#include "engine/shim/stdio.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace muelle::engine::shim {
namespace {

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

bool makePipe(int &read, int &write, std::string &error)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    read = fds[0];
    write = fds[1];
    return true;
}

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// The pty master runc sent over the console socket (SCM_RIGHTS).
int receiveConsole(int listenFd, std::string &error)
{
    pollfd ready{ listenFd, POLLIN, 0 };
    if (::poll(&ready, 1, 5000) != 1) {
        error = "the runtime sent no console";
        return -1;
    }
    const int connection = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) {
        error = std::string("accept console: ") + std::strerror(errno);
        return -1;
    }
    char name[256];
    iovec io{ name, sizeof name };
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(connection, &message, MSG_CMSG_CLOEXEC);
    ::close(connection);
    const cmsghdr *header = n >= 0 ? CMSG_FIRSTHDR(&message) : nullptr;
    if (!header || header->cmsg_type != SCM_RIGHTS) {
        error = "the runtime sent no console";
        return -1;
    }
    int fd = -1;
    std::memcpy(&fd, CMSG_DATA(header), sizeof fd);
    return fd;
}

} // namespace

int listenUnix(const std::string &path, std::string &error)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        error = "socket path too long: " + path;
        return -1;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    ::unlink(path.c_str());
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
        error = "listen on " + path + ": " + std::strerror(errno);
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    ::chmod(path.c_str(), 0600);
    return fd;
}

bool writeAll(int fd, const char *bytes, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, bytes, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            pollfd ready{ fd, POLLOUT, 0 };
            ::poll(&ready, 1, 1000);
            continue;
        }
        if (n < 0)
            return false;
        bytes += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

ProcessStdio::~ProcessStdio()
{
    for (int *fd : { &console_, &inRead_, &inWrite_, &outRead_, &outWrite_, &errRead_, &errWrite_ })
        closeFd(*fd);
}

bool ProcessStdio::prepare(bool tty, bool stdinOpen, std::string &error)
{
    tty_ = tty;
    if (tty) {
        ::unlink(consoleSocketName.data());
        console_ = listenUnix(std::string(consoleSocketName), error);
        return console_ >= 0;
    }
    if (stdinOpen && !makePipe(inRead_, inWrite_, error))
        return false;
    return makePipe(outRead_, outWrite_, error) && makePipe(errRead_, errWrite_, error);
}

Stdio ProcessStdio::forRuntime() const
{
    return { inRead_, outWrite_, errWrite_ };
}

bool ProcessStdio::take(int &stdinFd, int &stdoutFd, int &stderrFd, int &ttyFd, std::string &error)
{
    closeFd(inRead_);
    closeFd(outWrite_);
    closeFd(errWrite_);
    if (tty_) {
        const int master = receiveConsole(console_, error);
        closeFd(console_);
        ::unlink(consoleSocketName.data());
        if (master < 0)
            return false;
        setNonBlocking(master);
        ttyFd = master;
        stdinFd = master;
        return true;
    }
    for (int fd : { outRead_, errRead_ })
        setNonBlocking(fd);
    stdinFd = std::exchange(inWrite_, -1);
    stdoutFd = std::exchange(outRead_, -1);
    stderrFd = std::exchange(errRead_, -1);
    return true;
}

} // namespace muelle::engine::shim
