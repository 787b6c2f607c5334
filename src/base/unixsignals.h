#pragma once
// Unix signals delivered to the Qt event loop: the handler writes the signal
// number to a socket pair (the one async-signal-safe way in), and `handler`
// runs on the main thread. SIGPIPE is ignored, as every server here wants.

#include <QCoreApplication>

#include <functional>
#include <initializer_list>

namespace muelle {

void handleSignals(std::initializer_list<int> signalNumbers, std::function<void(int signalNumber)> handler);

// SIGTERM and SIGINT quit the application's event loop.
void quitOnTerminationSignals();

} // namespace muelle
