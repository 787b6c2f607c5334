#include "engine/shim/runtime.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace muelle::engine::shim {
namespace {

// The "msg" of the last entry at level "error" (or "fatal"), unescaped
// enough for a message: runc writes one JSON object per line.
std::string lastError(const std::string &logPath)
{
    std::ifstream log(logPath);
    std::string line, found;
    while (std::getline(log, line)) {
        if (line.find("\"level\":\"error\"") == std::string::npos
            && line.find("\"level\":\"fatal\"") == std::string::npos)
            continue;
        const auto start = line.find("\"msg\":\"");
        if (start == std::string::npos)
            continue;
        std::string message;
        for (size_t i = start + 7; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                ++i;
                message += line[i] == 'n' ? '\n' : line[i] == 't' ? '\t' : line[i];
            } else
                message += line[i];
        }
        found = message;
    }
    return found;
}

void moveFd(int from, int to)
{
    if (from == to)
        ::fcntl(to, F_SETFD, 0);
    else
        ::dup2(from, to);
}

} // namespace

RuntimeResult runRuntime(const std::string &runtime, const std::string &root, const std::string &logPath,
    const std::vector<std::string> &args, const Stdio &stdio)
{
    ::truncate(logPath.c_str(), 0);
    std::vector<std::string> all = { runtime, "--root", root, "--log", logPath, "--log-format", "json" };
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &arg : all)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0)
        return { false, std::string("fork: ") + std::strerror(errno) };
    if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        moveFd(stdio.in >= 0 ? stdio.in : null, 0);
        moveFd(stdio.out >= 0 ? stdio.out : null, 1);
        moveFd(stdio.err >= 0 ? stdio.err : null, 2);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return { true, {} };
    std::string error = lastError(logPath);
    if (error.empty())
        error = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "cannot run " + runtime
                                                                : runtime + " " + args.front() + " failed";
    return { false, error };
}

} // namespace muelle::engine::shim
