#include "engine/shim/protocol.h"

#include <charconv>
#include <sstream>

namespace muelle::engine::shim {
namespace {

bool toInt(std::string_view text, long long &value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> wordsOf(std::string_view line)
{
    std::vector<std::string_view> words;
    size_t at = 0;
    while (at < line.size()) {
        const size_t end = line.find(' ', at);
        const std::string_view word = line.substr(at, end == std::string_view::npos ? end : end - at);
        if (!word.empty())
            words.push_back(word);
        if (end == std::string_view::npos)
            break;
        at = end + 1;
    }
    return words;
}

std::string_view trimmed(std::string_view line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    return line;
}

} // namespace

std::vector<std::string> toArguments(const Options &o)
{
    std::vector<std::string> args = { "--id", o.id, "--dir", o.dir, "--socket", o.socket };
    if (!o.bundle.empty())
        args.insert(args.end(), { "--bundle", o.bundle });
    if (!o.execProcess.empty())
        args.insert(args.end(), { "--exec-process", o.execProcess });
    args.insert(args.end(), { "--runtime", o.runtime, "--runtime-root", o.runtimeRoot });
    if (o.tty)
        args.push_back("--tty");
    if (o.stdinOpen)
        args.push_back("--stdin");
    if (o.stdinOnce)
        args.push_back("--stdin-once");
    if (!o.logPath.empty()) {
        args.insert(args.end(),
            { "--log", o.logPath, "--log-max-size", std::to_string(o.logMaxSize), "--log-max-file",
                std::to_string(o.logMaxFiles) });
    }
    if (!o.oomFile.empty())
        args.insert(args.end(), { "--oom-file", o.oomFile });
    return args;
}

std::optional<Options> parseArguments(int argc, char **argv, std::string &error)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                error = std::string(flag) + " needs a value";
                return nullptr;
            }
            return argv[++i];
        };
        const auto take = [&](std::string &field) {
            const char *v = value();
            if (v)
                field = v;
            return v != nullptr;
        };
        const auto number = [&](auto &field) {
            const char *v = value();
            long long n = 0;
            if (v && !toInt(v, n)) {
                error = std::string(flag) + " wants a number, not \"" + v + '"';
                return false;
            }
            if (v)
                field = static_cast<std::remove_reference_t<decltype(field)>>(n);
            return v != nullptr;
        };
        bool ok = true;
        if (flag == "--id")
            ok = take(options.id);
        else if (flag == "--dir")
            ok = take(options.dir);
        else if (flag == "--socket")
            ok = take(options.socket);
        else if (flag == "--bundle")
            ok = take(options.bundle);
        else if (flag == "--exec-process")
            ok = take(options.execProcess);
        else if (flag == "--runtime")
            ok = take(options.runtime);
        else if (flag == "--runtime-root")
            ok = take(options.runtimeRoot);
        else if (flag == "--log")
            ok = take(options.logPath);
        else if (flag == "--oom-file")
            ok = take(options.oomFile);
        else if (flag == "--log-max-size")
            ok = number(options.logMaxSize);
        else if (flag == "--log-max-file")
            ok = number(options.logMaxFiles);
        else if (flag == "--tty")
            options.tty = true;
        else if (flag == "--stdin")
            options.stdinOpen = true;
        else if (flag == "--stdin-once")
            options.stdinOnce = true;
        else {
            error = "unknown option " + std::string(flag);
            return std::nullopt;
        }
        if (!ok)
            return std::nullopt;
    }
    if (options.id.empty() || options.dir.empty() || options.socket.empty() || options.runtimeRoot.empty()) {
        error = "--id, --dir, --socket and --runtime-root are required";
        return std::nullopt;
    }
    if (options.bundle.empty() == options.execProcess.empty()) {
        error = "give either --bundle or --exec-process";
        return std::nullopt;
    }
    if (options.logMaxFiles < 1)
        options.logMaxFiles = 1;
    return options;
}

std::string formatCommand(const Command &c)
{
    switch (c.verb) {
    case Verb::Start:
        return "start\n";
    case Verb::Attach:
        return std::string("attach ") + (c.in ? '1' : '0') + ' ' + (c.out ? '1' : '0') + ' ' + (c.err ? '1' : '0')
            + '\n';
    case Verb::Resize:
        return "resize " + std::to_string(c.rows) + ' ' + std::to_string(c.columns) + '\n';
    case Verb::Kill:
        return "kill " + std::to_string(c.signal) + '\n';
    case Verb::Wait:
        return "wait\n";
    case Verb::State:
        return "state\n";
    }
    return "state\n";
}

std::optional<Command> parseCommand(std::string_view line, std::string &error)
{
    const std::vector<std::string_view> words = wordsOf(trimmed(line));
    if (words.empty()) {
        error = "empty command";
        return std::nullopt;
    }
    const std::string_view verb = words[0];
    std::vector<long long> numbers;
    for (size_t i = 1; i < words.size(); ++i) {
        long long n = 0;
        if (!toInt(words[i], n)) {
            error = std::string(verb) + ": \"" + std::string(words[i]) + "\" is not a number";
            return std::nullopt;
        }
        numbers.push_back(n);
    }
    const auto arity = [&](size_t wanted) {
        if (numbers.size() == wanted)
            return true;
        error = std::string(verb) + " takes " + std::to_string(wanted) + " arguments";
        return false;
    };
    if (verb == "start" && arity(0))
        return Command::start();
    if (verb == "wait" && arity(0))
        return Command::wait();
    if (verb == "state" && arity(0))
        return Command::state();
    if (verb == "attach" && arity(3))
        return Command::attach(numbers[0] != 0, numbers[1] != 0, numbers[2] != 0);
    if (verb == "resize" && arity(2)) {
        if (numbers[0] < 0 || numbers[0] > 65535 || numbers[1] < 0 || numbers[1] > 65535) {
            error = "resize: rows and columns are 0 to 65535";
            return std::nullopt;
        }
        return Command::resize(int(numbers[0]), int(numbers[1]));
    }
    if (verb == "kill" && arity(1)) {
        if (numbers[0] < 1 || numbers[0] > 64) {
            error = "kill: no signal " + std::to_string(numbers[0]);
            return std::nullopt;
        }
        return Command::kill(int(numbers[0]));
    }
    if (error.empty())
        error = "unknown command " + std::string(verb);
    return std::nullopt;
}

std::string okReply(std::string_view detail)
{
    return detail.empty() ? std::string("ok\n") : "ok " + std::string(detail) + '\n';
}

std::string errorReply(std::string_view why)
{
    return "error " + std::string(why) + '\n';
}

std::optional<Reply> parseReply(std::string_view line)
{
    line = trimmed(line);
    if (line == "ok")
        return Reply{ true, {} };
    if (line.starts_with("ok "))
        return Reply{ true, std::string(line.substr(3)) };
    if (line.starts_with("error "))
        return Reply{ false, std::string(line.substr(6)) };
    return std::nullopt;
}

std::string formatExit(const ExitLine &exit)
{
    return "exit " + std::to_string(exit.code) + (exit.oomKilled ? " 1 " : " 0 ") + exit.finishedAt + '\n';
}

std::optional<ExitLine> parseExit(std::string_view line)
{
    const std::vector<std::string_view> words = wordsOf(trimmed(line));
    long long code = 0, oom = 0;
    if (words.size() != 4 || words[0] != "exit" || !toInt(words[1], code) || !toInt(words[2], oom))
        return std::nullopt;
    return ExitLine{ int(code), oom != 0, std::string(words[3]) };
}

} // namespace muelle::engine::shim
