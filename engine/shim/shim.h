#pragma once
// One container's (or one exec's) supervisor: parent of the process the OCI
// runtime starts (a child subreaper), owner of its stdio — pipes, or a pty's
// master for a TTY — writer of its log, and reaper of its exit status. It
// serves protocol.h's commands on its socket and outlives muelled.
//
// A single-threaded poll loop: container output is read only while every
// attached client has taken what it was given (backpressure instead of
// unbounded buffers), and SIGCHLD arrives through a signalfd.

#include "engine/logs/logwriter.h"
#include "engine/shim/protocol.h"

#include <memory>
#include <string>
#include <vector>

namespace muelle::engine::shim {

class Shim {
public:
    explicit Shim(Options options);
    ~Shim();

    // Listens on the control socket and, in container mode, creates the
    // container (runc create: its process waits for `start`). Returns the
    // pid, or an error message.
    bool create(int &pid, std::string &error);
    // Serves until the process has exited and everyone is told. Returns the
    // shim's exit status.
    int run();

private:
    struct Client;
    void acceptClient();
    void readClient(Client &client);
    void command(Client &client, const std::string &line);
    bool start(std::string &error);
    void readOutput(int fd, int stream);
    void deliver(int stream, const char *bytes, size_t size);
    void flushClient(Client &client);
    void dropClient(Client &client);
    void reap();
    void finish();
    void writeState(const std::string &status, const std::string &error = {});
    void reply(Client &client, const std::string &line);
    std::string waitLine() const;
    void closeStdin();
    void resize(int rows, int columns);

    Options options_;
    std::unique_ptr<logs::LogWriter> log_;
    int listenFd_ = -1;
    int signalFd_ = -1;
    int stdinFd_ = -1; // ours: what we write the process's stdin into (the pty master with a TTY)
    int stdoutFd_ = -1;
    int stderrFd_ = -1;
    int ttyFd_ = -1;
    int pid_ = 0;
    bool started_ = false;
    bool exited_ = false;
    bool finished_ = false; // exited, output written, everyone told
    int exitCode_ = 0;
    bool oomKilled_ = false;
    std::string startedAt_;
    std::string finishedAt_;
    std::vector<std::unique_ptr<Client>> clients_;
};

} // namespace muelle::engine::shim
