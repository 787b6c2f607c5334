#pragma once
// muelle-registry's two commands, as functions the executable's main() and
// the tests call: serve (until SIGTERM/SIGINT) and gc.

#include "registry/config.h"

#include <QStringList>

namespace muelle::registry {

// Parses the command line (argv without the program name), runs the command
// and returns the process exit code. Errors go to stderr with their cause.
int run(const QStringList &arguments);

} // namespace muelle::registry
