#pragma once
// How muelled and muelle-shim talk, written once for both sides (plain C++:
// the shim links no Qt). muelled starts `muelle-shim <Options as arguments>`;
// the shim answers on stdout with one reply line once the process exists
// ("ok <pid>" or "error <why>"), then serves its control socket
// (Options::socket). Each connection there starts with one command line;
// the shim answers with one reply line.
//
//   start                    runs the process (runc start, or runc exec);
//                            "ok <pid>"
//   attach <in> <out> <err>  (each 0|1) "ok", then the process's output as
//                            Docker's attach stream: frames of [stream, 0, 0,
//                            0, size (big endian u32)] + bytes, stream 1 =
//                            stdout, 2 = stderr; raw bytes with a TTY. When
//                            <in>, what the client sends is the process's
//                            stdin; its half-close ends stdin when the shim
//                            was started with --stdin-once. The shim closes
//                            the connection after the last output.
//   resize <rows> <columns>  the TTY's size; "ok"
//   kill <signal number>     signals the process; "ok"
//   wait                     "exit <code> <oom 0|1> <finished at, RFC 3339
//                            nano>", once the process has exited and its
//                            output is written
//   state                    "ok " + the state file's JSON
//
// The shim writes <shim dir>/state.json (atomically) when the process is
// created, started and when it exits:
//   {"status":"created|running|exited","pid":N,"exitCode":N,"oomKilled":b,
//    "startedAt":"...","finishedAt":"...","error":"..."}
// so a muelled that restarts learns what happened while it was away.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muelle::engine::shim {

inline constexpr std::string_view stateName = "state.json";

// The shim's command line.
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

// The arguments (without the program) that parseArguments reads back.
std::vector<std::string> toArguments(const Options &options);
// Parses argv; nullopt with `error` set when something is wrong or missing.
std::optional<Options> parseArguments(int argc, char **argv, std::string &error);

enum class Verb { Start, Attach, Resize, Kill, Wait, State };

struct Command {
    Verb verb = Verb::State;
    bool in = false, out = false, err = false; // attach
    int rows = 0, columns = 0; // resize
    int signal = 0; // kill

    static Command start() { return { Verb::Start }; }
    static Command attach(bool in, bool out, bool err) { return { Verb::Attach, in, out, err }; }
    static Command resize(int rows, int columns) { return { Verb::Resize, false, false, false, rows, columns }; }
    static Command kill(int signal) { return { Verb::Kill, false, false, false, 0, 0, signal }; }
    static Command wait() { return { Verb::Wait }; }
    static Command state() { return { Verb::State }; }
    bool operator==(const Command &) const = default;
};

// The command's line, newline included.
std::string formatCommand(const Command &command);
// A line without its newline; nullopt with `error` for an unknown verb or
// arguments that are missing or not numbers.
std::optional<Command> parseCommand(std::string_view line, std::string &error);

// "ok", "ok <detail>" or "error <why>", newline included.
std::string okReply(std::string_view detail = {});
std::string errorReply(std::string_view why);
struct Reply {
    bool ok = false;
    std::string text; // the detail after "ok ", or the reason after "error "
};
// nullopt for a line that is neither.
std::optional<Reply> parseReply(std::string_view line);

// What `wait` answers.
struct ExitLine {
    int code = 0;
    bool oomKilled = false;
    std::string finishedAt;
    bool operator==(const ExitLine &) const = default;
};
std::string formatExit(const ExitLine &exit);
std::optional<ExitLine> parseExit(std::string_view line);

} // namespace muelle::engine::shim
