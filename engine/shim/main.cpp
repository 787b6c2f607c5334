// muelle-shim: started by muelled for each container (and each exec). It
// forks a daemon that supervises the process, waits until the daemon has
// created it, prints "ok <pid>" or "error <message>", and exits, so muelled
// learns the outcome without waiting on a process that outlives it.

#include "engine/shim/protocol.h"
#include "engine/shim/shim.h"
#include "engine/shim/stdio.h"

#include <cstdio>
#include <fcntl.h>
#include <string>
#include <unistd.h>

using namespace muelle::engine::shim;

int main(int argc, char **argv)
{
    std::string error;
    const auto options = parseArguments(argc, argv, error);
    if (!options) {
        std::fprintf(stderr, "muelle-shim: %s\n", error.c_str());
        return 2;
    }
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0)
        return 1;
    const pid_t daemon = ::fork();
    if (daemon < 0)
        return 1;
    if (daemon > 0) {
        ::close(ready[1]);
        std::string answer;
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(ready[0], buffer, sizeof buffer)) > 0)
            answer.append(buffer, static_cast<size_t>(n));
        std::fwrite(answer.data(), 1, answer.size(), stdout);
        return answer.starts_with("ok ") ? 0 : 1;
    }
    ::close(ready[0]);
    ::setsid();
    const int null = ::open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; ++fd)
        ::dup2(null, fd);
    if (null > 2)
        ::close(null);

    Shim shim(*options);
    int pid = 0;
    const bool created = shim.create(pid, error);
    const std::string answer = created ? okReply(std::to_string(pid)) : errorReply(error);
    writeAll(ready[1], answer.data(), answer.size());
    ::close(ready[1]);
    return created ? shim.run() : 1;
}
