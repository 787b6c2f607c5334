// pty_run: runs a command on a new pseudo-terminal of a fixed size and copies
// what it writes there to stdout; exits with the command's status.
//
//   pty_run ROWS COLS COMMAND [ARG...]
//
// The peer tests need it for `docker run -it`: the docker CLI refuses -t
// unless its stdin is a terminal. script(1) would do, but it forwards its own
// stdin (and an end-of-file on it) to the terminal, so its behaviour depends
// on what the test runner left on stdin. This never reads its stdin.
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

bool writeAll(int fd, const char *data, ssize_t size)
{
    while (size > 0) {
        const ssize_t written = write(fd, data, size_t(size));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= written;
    }
    return true;
}

int exitStatusOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: pty_run ROWS COLS COMMAND [ARG...]\n");
        return 2;
    }
    winsize size{};
    size.ws_row = static_cast<unsigned short>(std::atoi(argv[1]));
    size.ws_col = static_cast<unsigned short>(std::atoi(argv[2]));
    int master = -1;
    const pid_t child = forkpty(&master, nullptr, nullptr, &size);
    if (child < 0) {
        std::perror("pty_run: forkpty");
        return 2;
    }
    if (child == 0) {
        execvp(argv[3], argv + 3);
        std::fprintf(stderr, "pty_run: %s: %s\n", argv[3], std::strerror(errno));
        _exit(127);
    }
    // Read until every holder of the terminal has closed it (EIO).
    char buffer[4096];
    for (;;) {
        const ssize_t got = read(master, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || !writeAll(STDOUT_FILENO, buffer, got))
            break;
    }
    close(master);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    return exitStatusOf(status);
}
