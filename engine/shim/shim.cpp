#include "engine/shim/shim.h"

#include "engine/shim/protocol.h"
#include "engine/shim/runtime.h"
#include "engine/shim/stdio.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utility>

namespace muelle::engine::shim {
namespace {

constexpr size_t readChunk = 32 * 1024;
// Output waits while a client still has this much to take.
constexpr size_t clientBacklog = 1024 * 1024;

std::string readFile(const std::string &path)
{
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// "oom_kill N" in memory.oom_control (v1) or memory.events (v2).
bool oomKilled(const std::string &path)
{
    if (path.empty())
        return false;
    std::istringstream text(readFile(path));
    std::string key;
    long long value = 0;
    while (text >> key >> value) {
        if (key == "oom_kill")
            return value > 0;
    }
    return false;
}

std::string jsonString(const std::string &text)
{
    return '"' + logs::jsonEscape(text) + '"';
}

} // namespace

struct Shim::Client {
    enum class Mode { Command, Attach, Wait };
    int fd = -1;
    Mode mode = Mode::Command;
    std::string input;
    std::string output;
    bool wantsStdin = false;
    bool wantsStdout = false;
    bool wantsStderr = false;
    bool inputClosed = false;
    bool closing = false; // close once `output` is written
};

Shim::Shim(Options options) : options_(std::move(options)) { }

Shim::~Shim()
{
    if (stdinFd_ == ttyFd_)
        stdinFd_ = -1;
    for (int fd : { listenFd_, signalFd_, stdinFd_, stdoutFd_, stderrFd_, ttyFd_ }) {
        if (fd >= 0)
            ::close(fd);
    }
    for (auto &client : clients_)
        ::close(client->fd);
}

bool Shim::create(int &pid, std::string &error)
{
    if (::chdir(options_.dir.c_str()) != 0) {
        error = "chdir " + options_.dir + ": " + std::strerror(errno);
        return false;
    }
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &mask, nullptr);
    signalFd_ = ::signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    ::signal(SIGPIPE, SIG_IGN);

    listenFd_ = listenUnix(options_.socket, error);
    if (listenFd_ < 0)
        return false;
    if (!options_.logPath.empty()) {
        log_ = std::make_unique<logs::LogWriter>(
            logs::LogOptions{ options_.logPath, options_.logMaxSize, options_.logMaxFiles });
        if (const int e = log_->open(); e != 0) {
            error = "open " + options_.logPath + ": " + std::strerror(e);
            return false;
        }
    }
    if (!options_.execMode()) {
        ProcessStdio stdio;
        if (!stdio.prepare(options_.tty, options_.stdinOpen, error))
            return false;
        std::vector<std::string> args = { "create", "--bundle", options_.bundle, "--pid-file", "init.pid" };
        if (options_.tty)
            args.insert(args.end(), { "--console-socket", std::string(consoleSocketName) });
        args.push_back(options_.id);
        const RuntimeResult result
            = runRuntime(options_.runtime, options_.runtimeRoot, "runtime.log", args, stdio.forRuntime());
        if (!result.ok) {
            error = result.error;
            writeState("exited", error);
            return false;
        }
        if (!stdio.take(stdinFd_, stdoutFd_, stderrFd_, ttyFd_, error))
            return false;
        pid_ = std::atoi(readFile("init.pid").c_str());
    }
    pid = pid_;
    writeState("created");
    return true;
}

bool Shim::start(std::string &error)
{
    if (started_)
        return true;
    if (options_.execMode()) {
        ProcessStdio stdio;
        if (!stdio.prepare(options_.tty, options_.stdinOpen, error))
            return false;
        std::vector<std::string> args
            = { "exec", "--detach", "--pid-file", "exec.pid", "--process", options_.execProcess };
        if (options_.tty)
            args.insert(args.end(), { "--tty", "--console-socket", std::string(consoleSocketName) });
        args.push_back(options_.id);
        const RuntimeResult result
            = runRuntime(options_.runtime, options_.runtimeRoot, "runtime.log", args, stdio.forRuntime());
        if (!result.ok) {
            error = result.error;
            return false;
        }
        if (!stdio.take(stdinFd_, stdoutFd_, stderrFd_, ttyFd_, error))
            return false;
        pid_ = std::atoi(readFile("exec.pid").c_str());
    } else {
        const RuntimeResult result
            = runRuntime(options_.runtime, options_.runtimeRoot, "runtime.log", { "start", options_.id }, {});
        if (!result.ok) {
            error = result.error;
            return false;
        }
    }
    started_ = true;
    startedAt_ = logs::rfc3339NanoNow();
    writeState("running");
    return true;
}

int Shim::run()
{
    const auto startWaiting = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point finishedAt;
    for (;;) {
        if (exited_ && !finished_ && stdoutFd_ < 0 && stderrFd_ < 0 && ttyFd_ < 0) {
            finish();
            finished_ = true;
            finishedAt = std::chrono::steady_clock::now();
        }
        if (finished_ && (clients_.empty() || std::chrono::steady_clock::now() - finishedAt > std::chrono::seconds(5)))
            break;
        // A process that was never started (muelled died before `start`)
        // is not kept forever.
        if (!started_ && !exited_ && options_.execMode()
            && std::chrono::steady_clock::now() - startWaiting > std::chrono::minutes(10))
            break;

        const bool outputWanted = std::none_of(
            clients_.begin(), clients_.end(), [](const auto &c) { return c->output.size() > clientBacklog; });
        std::vector<pollfd> fds;
        fds.push_back({ listenFd_, POLLIN, 0 });
        fds.push_back({ signalFd_, POLLIN, 0 });
        const size_t outputStart = fds.size();
        for (int fd : { stdoutFd_, stderrFd_, ttyFd_ })
            fds.push_back({ fd, static_cast<short>(outputWanted ? POLLIN : 0), 0 });
        const size_t clientStart = fds.size();
        for (const auto &client : clients_) {
            short events = client->output.empty() ? 0 : POLLOUT;
            if (!client->inputClosed)
                events |= POLLIN;
            fds.push_back({ client->fd, events, 0 });
        }
        // After the exit, output still buffered in the pipes is drained; a
        // pipe some leftover process holds open is not waited for long.
        const int timeout = exited_ ? 100 : 1000;
        const int ready = ::poll(fds.data(), fds.size(), timeout);
        if (ready < 0 && errno != EINTR)
            return 1;
        if (ready == 0 && exited_) {
            if (stdinFd_ == ttyFd_)
                stdinFd_ = -1;
            for (int *fd : { &stdoutFd_, &stderrFd_, &ttyFd_ }) {
                if (*fd >= 0)
                    ::close(std::exchange(*fd, -1));
            }
            continue;
        }
        if (fds[1].revents)
            reap();
        if (fds[outputStart].revents)
            readOutput(stdoutFd_, 1);
        if (fds[outputStart + 1].revents)
            readOutput(stderrFd_, 2);
        if (fds[outputStart + 2].revents)
            readOutput(ttyFd_, 1);
        // Clients are served before new ones are accepted: indexes match fds.
        const size_t known = clients_.size();
        for (size_t i = 0; i < known; ++i) {
            Client &client = *clients_[i];
            const short revents = fds[clientStart + i].revents;
            if (revents & (POLLIN | POLLHUP | POLLERR))
                readClient(client);
            if (client.fd >= 0 && (revents & POLLOUT))
                flushClient(client);
        }
        std::erase_if(clients_, [](const auto &c) { return c->fd < 0; });
        if (fds[0].revents & POLLIN)
            acceptClient();
    }
    ::unlink(options_.socket.c_str());
    return 0;
}

void Shim::acceptClient()
{
    const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return;
    auto client = std::make_unique<Client>();
    client->fd = fd;
    clients_.push_back(std::move(client));
}

void Shim::readClient(Client &client)
{
    char buffer[readChunk];
    const ssize_t n = ::read(client.fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        client.inputClosed = true;
        if (client.mode == Client::Mode::Attach && client.wantsStdin && options_.stdinOnce)
            closeStdin();
        if (client.mode != Client::Mode::Attach || n < 0)
            dropClient(client);
        return;
    }
    if (client.mode == Client::Mode::Attach) {
        if (client.wantsStdin && stdinFd_ >= 0)
            writeAll(stdinFd_, buffer, static_cast<size_t>(n));
        return;
    }
    client.input.append(buffer, static_cast<size_t>(n));
    const auto newline = client.input.find('\n');
    if (newline == std::string::npos) {
        if (client.input.size() > 4096)
            dropClient(client);
        return;
    }
    const std::string line = client.input.substr(0, newline);
    std::string rest = client.input.substr(newline + 1);
    client.input.clear();
    command(client, line);
    if (client.mode == Client::Mode::Attach && client.wantsStdin && !rest.empty() && stdinFd_ >= 0)
        writeAll(stdinFd_, rest.data(), rest.size());
}

void Shim::command(Client &client, const std::string &line)
{
    std::string error;
    const std::optional<Command> command = parseCommand(line, error);
    if (!command)
        return reply(client, errorReply(error));
    switch (command->verb) {
    case Verb::Start:
        if (!start(error))
            return reply(client, errorReply(error));
        return reply(client, okReply(std::to_string(pid_)));
    case Verb::Attach:
        client.mode = Client::Mode::Attach;
        client.wantsStdin = command->in;
        client.wantsStdout = command->out;
        client.wantsStderr = command->err;
        if (finished_)
            client.closing = true;
        return reply(client, okReply());
    case Verb::Resize:
        resize(command->rows, command->columns);
        return reply(client, okReply());
    case Verb::Kill:
        if (pid_ <= 0 || exited_)
            return reply(client, errorReply("the process is not running"));
        if (::kill(pid_, command->signal) != 0)
            return reply(client, errorReply(std::string("kill: ") + std::strerror(errno)));
        return reply(client, okReply());
    case Verb::Wait:
        client.mode = Client::Mode::Wait;
        if (finished_) {
            client.closing = true;
            client.output += waitLine();
            flushClient(client);
        }
        return;
    case Verb::State:
        return reply(client, okReply(readFile(std::string(stateName))));
    }
}

void Shim::reply(Client &client, const std::string &line)
{
    client.output += line;
    flushClient(client);
}

void Shim::readOutput(int fd, int stream)
{
    char buffer[readChunk];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) { // EOF, or EIO: the pty's other side is closed
        int &owner = fd == stdoutFd_ ? stdoutFd_ : fd == stderrFd_ ? stderrFd_ : ttyFd_;
        if (stdinFd_ == owner)
            stdinFd_ = -1;
        ::close(owner);
        owner = -1;
        return;
    }
    if (log_)
        log_->write(stream == 2 ? "stderr" : "stdout", std::string_view(buffer, static_cast<size_t>(n)));
    deliver(stream, buffer, static_cast<size_t>(n));
}

void Shim::deliver(int stream, const char *bytes, size_t size)
{
    for (auto &client : clients_) {
        if (client->mode != Client::Mode::Attach || client->fd < 0)
            continue;
        if (!(stream == 2 ? client->wantsStderr : client->wantsStdout))
            continue;
        if (!options_.tty) {
            const uint32_t length = static_cast<uint32_t>(size);
            const char header[8] = { static_cast<char>(stream), 0, 0, 0, static_cast<char>(length >> 24),
                static_cast<char>(length >> 16), static_cast<char>(length >> 8), static_cast<char>(length) };
            client->output.append(header, sizeof header);
        }
        client->output.append(bytes, size);
        flushClient(*client);
    }
}

void Shim::flushClient(Client &client)
{
    while (!client.output.empty()) {
        const ssize_t n = ::send(client.fd, client.output.data(), client.output.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n < 0)
            return dropClient(client);
        client.output.erase(0, static_cast<size_t>(n));
    }
    if (client.closing)
        dropClient(client);
}

void Shim::dropClient(Client &client)
{
    if (client.fd >= 0)
        ::close(client.fd);
    client.fd = -1;
    client.output.clear();
    client.inputClosed = true;
}

void Shim::reap()
{
    signalfd_siginfo info;
    while (::read(signalFd_, &info, sizeof info) > 0) { }
    for (;;) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0)
            return;
        if (pid != pid_ || pid_ <= 0)
            continue;
        exited_ = true;
        exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        finishedAt_ = logs::rfc3339NanoNow();
    }
}

void Shim::finish()
{
    if (log_)
        log_->flush();
    oomKilled_ = oomKilled(options_.oomFile);
    if (!options_.execMode())
        runRuntime(options_.runtime, options_.runtimeRoot, "runtime.log", { "delete", options_.id }, {});
    closeStdin();
    writeState("exited");
    for (auto &client : clients_) {
        if (client->mode == Client::Mode::Wait)
            client->output += waitLine();
        client->closing = true;
        flushClient(*client);
    }
    std::erase_if(clients_, [](const auto &c) { return c->fd < 0; });
}

std::string Shim::waitLine() const
{
    return formatExit({ exitCode_, oomKilled_, finishedAt_ });
}

void Shim::writeState(const std::string &status, const std::string &error)
{
    std::string json = "{\"status\":" + jsonString(status) + ",\"pid\":" + std::to_string(pid_)
        + ",\"exitCode\":" + std::to_string(exitCode_) + ",\"oomKilled\":" + (oomKilled_ ? "true" : "false")
        + ",\"startedAt\":" + jsonString(startedAt_) + ",\"finishedAt\":" + jsonString(finishedAt_)
        + ",\"error\":" + jsonString(error) + "}\n";
    const std::string temporary = std::string(stateName) + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    writeAll(fd, json.data(), json.size());
    ::fsync(fd);
    ::close(fd);
    ::rename(temporary.c_str(), std::string(stateName).c_str());
}

void Shim::closeStdin()
{
    // With a TTY, stdin is the master itself: closing it would cut the
    // output; an end-of-file character tells the line discipline instead.
    if (ttyFd_ >= 0 && stdinFd_ == ttyFd_) {
        const char eof = 4;
        writeAll(ttyFd_, &eof, 1);
        stdinFd_ = -1;
        return;
    }
    if (stdinFd_ >= 0)
        ::close(std::exchange(stdinFd_, -1));
}

void Shim::resize(int rows, int columns)
{
    if (ttyFd_ < 0 || rows <= 0 || columns <= 0)
        return;
    winsize size{};
    size.ws_row = static_cast<unsigned short>(rows);
    size.ws_col = static_cast<unsigned short>(columns);
    ::ioctl(ttyFd_, TIOCSWINSZ, &size);
}

} // namespace muelle::engine::shim
