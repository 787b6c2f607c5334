#include "engine/shim/options.h"

#include <cstdlib>
#include <cstring>

namespace muelle::engine::shim {

std::optional<Options> parseOptions(int argc, char **argv, std::string &error)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                error = std::string(flag) + " needs a value";
                return nullptr;
            }
            return argv[++i];
        };
        const auto take = [&](std::string &field) {
            const char *v = value();
            if (v)
                field = v;
            return v != nullptr;
        };
        bool ok = true;
        if (flag == "--id")
            ok = take(options.id);
        else if (flag == "--dir")
            ok = take(options.dir);
        else if (flag == "--socket")
            ok = take(options.socket);
        else if (flag == "--bundle")
            ok = take(options.bundle);
        else if (flag == "--exec-process")
            ok = take(options.execProcess);
        else if (flag == "--runtime")
            ok = take(options.runtime);
        else if (flag == "--runtime-root")
            ok = take(options.runtimeRoot);
        else if (flag == "--log")
            ok = take(options.logPath);
        else if (flag == "--oom-file")
            ok = take(options.oomFile);
        else if (flag == "--log-max-size") {
            const char *v = value();
            ok = v != nullptr;
            if (v)
                options.logMaxSize = std::strtoll(v, nullptr, 10);
        } else if (flag == "--log-max-file") {
            const char *v = value();
            ok = v != nullptr;
            if (v)
                options.logMaxFiles = std::atoi(v);
        } else if (flag == "--tty")
            options.tty = true;
        else if (flag == "--stdin")
            options.stdinOpen = true;
        else if (flag == "--stdin-once")
            options.stdinOnce = true;
        else {
            error = "unknown option " + std::string(flag);
            return std::nullopt;
        }
        if (!ok)
            return std::nullopt;
    }
    if (options.id.empty() || options.dir.empty() || options.socket.empty() || options.runtimeRoot.empty()) {
        error = "--id, --dir, --socket and --runtime-root are required";
        return std::nullopt;
    }
    if (options.bundle.empty() == options.execProcess.empty()) {
        error = "give either --bundle or --exec-process";
        return std::nullopt;
    }
    if (options.logMaxFiles < 1)
        options.logMaxFiles = 1;
    return options;
}

} // namespace muelle::engine::shim
