#pragma once
// Runs the OCI runtime (runc) with an argv vector, never a shell string.
// Its errors come from its JSON log (--log-format json), whose last "error"
// entry is what Docker shows ("runc create failed: unable to start
// container process: exec: \"x\": executable file not found in $PATH").

#include <string>
#include <vector>

namespace muelle::engine::shim {

struct Stdio {
    int in = -1; // -1 = /dev/null
    int out = -1;
    int err = -1;
};

struct RuntimeResult {
    bool ok = false;
    std::string error; // when !ok
};

// Runs `runtime --root <root> --log <log> --log-format json <args...>` with
// `stdio`, and waits for it.
RuntimeResult runRuntime(const std::string &runtime, const std::string &root, const std::string &logPath,
    const std::vector<std::string> &args, const Stdio &stdio);

} // namespace muelle::engine::shim
