#pragma once
// muelle-shim's control socket (<shim dir>/shim.sock): how muelled talks to
// the shim of a container or of an exec. Each connection starts with one
// command line; the shim answers with one line, "ok ..." or "error <why>".
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

#include <string_view>

namespace muelle::engine::shim {

inline constexpr std::string_view socketName = "shim.sock";
inline constexpr std::string_view stateName = "state.json";

} // namespace muelle::engine::shim
