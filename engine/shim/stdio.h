#pragma once
// The stdio a shim gives the process it supervises: three pipes (stdin only
// when kept open), or a pseudo-terminal whose master the OCI runtime hands
// back over a unix socket (runc --console-socket).

#include "engine/shim/runtime.h"

#include <string>
#include <string_view>

namespace muelle::engine::shim {

inline constexpr std::string_view consoleSocketName = "console.sock";

// A listening unix socket at `path` (a stale one is replaced), non-blocking.
int listenUnix(const std::string &path, std::string &error);
// Writes all of `bytes`, waiting when `fd` is non-blocking and full.
bool writeAll(int fd, const char *bytes, size_t size);

class ProcessStdio {
public:
    ProcessStdio() = default;
    ~ProcessStdio();
    ProcessStdio(const ProcessStdio &) = delete;
    ProcessStdio &operator=(const ProcessStdio &) = delete;

    bool prepare(bool tty, bool stdinOpen, std::string &error);
    // What the runtime is started with (the process inherits it without a TTY).
    Stdio forRuntime() const;
    // After the runtime made the process: our ends, non-blocking; with a
    // TTY the master (both stdin and output). The runtime's ends are closed.
    bool take(int &stdinFd, int &stdoutFd, int &stderrFd, int &ttyFd, std::string &error);

private:
    bool tty_ = false;
    int console_ = -1;
    int inRead_ = -1, inWrite_ = -1;
    int outRead_ = -1, outWrite_ = -1;
    int errRead_ = -1, errWrite_ = -1;
};

} // namespace muelle::engine::shim
