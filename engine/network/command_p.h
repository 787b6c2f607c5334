#pragma once
// Running the host's networking tools: argv vectors only, never a shell.

#include "base/error.h"

#include <QByteArray>
#include <QStringList>

namespace muelle::engine::network {

// Runs `argv` (argv[0] looked up in PATH) with `input` on stdin and returns
// its stdout. A failure is "<argv joined>: <stderr or exit status>" with a
// code from the stderr: NotFound ("Cannot find device", "No such file"),
// AlreadyExists ("File exists"), Unavailable (the tool is missing), else
// Internal.
Result<QByteArray> run(const QStringList &argv, const QByteArray &input = {});

// The same inside the network namespace of `pid` (through nsenter).
Result<QByteArray> runInNetns(int pid, const QStringList &argv, const QByteArray &input = {});

} // namespace muelle::engine::network
