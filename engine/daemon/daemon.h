#pragma once
// muelled: parses its configuration, takes the data root (one daemon per data
// root), serves the Docker Engine API on every configured host until SIGTERM,
// and reloads what can be reloaded on SIGHUP.

#include <QStringList>

namespace muelle::engine::daemon {

// Runs the daemon with argv (without the program name); returns the exit code.
int run(const QStringList &arguments);

} // namespace muelle::engine::daemon
