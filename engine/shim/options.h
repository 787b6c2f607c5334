#pragma once
// muelle-shim's command line, as muelled builds it.

#include <cstdint>
#include <optional>
#include <string>

namespace muelle::engine::shim {

struct Options {
    std::string id; // the runtime's container ID
    std::string dir; // the shim's own directory: state, runtime log, console socket
    std::string socket; // the control socket (kept short: sun_path holds 108 bytes)
    std::string bundle; // container mode: the OCI bundle
    std::string execProcess; // exec mode: the process JSON for `runc exec`
    std::string runtime = "runc";
    std::string runtimeRoot; // runc --root
    bool tty = false;
    bool stdinOpen = false;
    bool stdinOnce = false;
    std::string logPath; // "" = no log (exec mode, log driver none)
    int64_t logMaxSize = 0;
    int logMaxFiles = 1;
    std::string oomFile; // memory.oom_control (v1) or memory.events (v2)

    bool execMode() const { return !execProcess.empty(); }
};

// Parses argv; an error message when something is wrong or missing.
std::optional<Options> parseOptions(int argc, char **argv, std::string &error);

} // namespace muelle::engine::shim
