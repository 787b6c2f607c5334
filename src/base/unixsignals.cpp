#include "base/unixsignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <map>
#include <sys/socket.h>
#include <unistd.h>

namespace muelle {

namespace {

int signalPipe[2] = { -1, -1 };
// Read and written on the main thread only.
std::map<int, std::function<void(int)>> handlers;

void onSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    (void)!::write(signalPipe[1], &byte, 1);
}

} // namespace

void handleSignals(std::initializer_list<int> signalNumbers, std::function<void(int)> handler)
{
    ::signal(SIGPIPE, SIG_IGN);
    if (signalPipe[0] < 0) {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0)
            return;
        // One notifier for every signal: the byte read says whose handler runs.
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
        QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
            unsigned char byte = 0;
            if (::read(signalPipe[0], &byte, 1) != 1)
                return;
            const auto found = handlers.find(byte);
            if (found != handlers.end())
                found->second(byte);
        });
    }
    struct sigaction action { };
    action.sa_handler = onSignal;
    for (int signalNumber : signalNumbers) {
        handlers[signalNumber] = handler;
        ::sigaction(signalNumber, &action, nullptr);
    }
}

void quitOnTerminationSignals()
{
    handleSignals({ SIGTERM, SIGINT }, [](int) { QCoreApplication::quit(); });
}

} // namespace muelle
