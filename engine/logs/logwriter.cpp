#include "engine/logs/logwriter.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::logs {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

// The length of the valid UTF-8 sequence at text[i] (a lead byte >= 0x80),
// or 0 when it is not one; the ranges are those Go's utf8.DecodeRune
// accepts (no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // the second byte's range
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return length;
}

bool isPlainAscii(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '\\' && c != '"' && c != '<' && c != '>' && c != '&';
}

void appendEscapedAscii(std::string &out, unsigned char c)
{
    switch (c) {
    case '\\':
    case '"':
        out += '\\';
        out += static_cast<char>(c);
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    default:
        out += "\\u00";
        out += hexDigits[c >> 4];
        out += hexDigits[c & 0xF];
    }
}

void appendEscaped(std::string &out, std::string_view text)
{
    std::size_t start = 0;
    std::size_t i = 0;
    const auto copyRun = [&] { out.append(text.substr(start, i - start)); };
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (isPlainAscii(c)) {
            ++i;
            continue;
        }
        if (c < 0x80) {
            copyRun();
            appendEscapedAscii(out, c);
            start = ++i;
            continue;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            copyRun();
            out += "\\ufffd";
            start = ++i;
            continue;
        }
        // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript.
        if (length == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80
            && (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xA8) {
            copyRun();
            out += "\\u202";
            out += hexDigits[static_cast<unsigned char>(text[i + 2]) == 0xA8 ? 8 : 9];
            i += length;
            start = i;
            continue;
        }
        i += length;
    }
    copyRun();
}

void appendDigits(std::string &out, long value, int width)
{
    char digits[20];
    for (int k = width - 1; k >= 0; --k) {
        digits[k] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<std::size_t>(width));
}

// write(2) of all of `data`; one call unless the kernel takes less (disk
// full, a signal), so a line lands whole. Returns bytes written.
int64_t writeAll(int fd, std::string_view data)
{
    int64_t written = 0;
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return written;
}

} // namespace

std::string jsonEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8 + 8);
    appendEscaped(out, text);
    return out;
}

std::string rfc3339Nano(int64_t seconds, int nanos)
{
    const auto t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    std::string out;
    out.reserve(32);
    appendDigits(out, utc.tm_year + 1900L, 4);
    out += '-';
    appendDigits(out, utc.tm_mon + 1L, 2);
    out += '-';
    appendDigits(out, utc.tm_mday, 2);
    out += 'T';
    appendDigits(out, utc.tm_hour, 2);
    out += ':';
    appendDigits(out, utc.tm_min, 2);
    out += ':';
    appendDigits(out, utc.tm_sec, 2);
    if (nanos > 0) {
        out += '.';
        appendDigits(out, nanos, 9);
        while (out.back() == '0')
            out.pop_back();
    }
    out += 'Z';
    return out;
}

std::string rfc3339NanoNow()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return rfc3339Nano(now.tv_sec, static_cast<int>(now.tv_nsec));
}

LogWriter::LogWriter(LogOptions options) : options_(std::move(options)) { }

LogWriter::~LogWriter()
{
    flush();
    if (fd_ >= 0)
        ::close(fd_);
}

int LogWriter::open()
{
    if (fd_ >= 0)
        return 0;
    const int fd = ::open(options_.path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return errno;
    struct stat st { };
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return error;
    }
    fd_ = fd;
    size_ = st.st_size;
    char last = '\n';
    if (size_ > 0 && ::pread(fd_, &last, 1, size_ - 1) == 1 && last != '\n')
        size_ += writeAll(fd_, "\n");
    return 0;
}

void LogWriter::write(std::string_view stream, std::string_view bytes)
{
    const bool isStderr = stream == "stderr";
    std::string &pending = isStderr ? pending_.stderrBytes : pending_.stdoutBytes;
    const std::string_view name = isStderr ? "stderr" : "stdout";
    pending.append(bytes);

    // As Docker's copier: a line whose text (newline excluded) fills 16 KiB
    // is cut there, and the rest goes on as the next piece.
    std::size_t begin = 0;
    while (begin < pending.size()) {
        const std::size_t window = std::min(pending.size() - begin, maxEntryBytes);
        const std::size_t newline = std::string_view(pending).substr(begin, window).find('\n');
        if (newline != std::string_view::npos) {
            writeLine(name, std::string_view(pending).substr(begin, newline + 1));
            begin += newline + 1;
        } else if (window == maxEntryBytes) {
            writeLine(name, std::string_view(pending).substr(begin, maxEntryBytes));
            begin += maxEntryBytes;
        } else {
            break;
        }
    }
    pending.erase(0, begin);
}

void LogWriter::flush()
{
    if (!pending_.stdoutBytes.empty())
        writeLine("stdout", std::exchange(pending_.stdoutBytes, {}));
    if (!pending_.stderrBytes.empty())
        writeLine("stderr", std::exchange(pending_.stderrBytes, {}));
}

void LogWriter::writeLine(std::string_view stream, std::string_view line)
{
    if (fd_ < 0 && open() != 0)
        return;
    if (options_.maxSize > 0 && size_ >= options_.maxSize) {
        rotate();
        if (fd_ < 0)
            return;
    }
    std::string entry;
    entry.reserve(line.size() + line.size() / 8 + 80);
    entry += R"({"log":")";
    appendEscaped(entry, line);
    entry += R"(","stream":")";
    entry += stream;
    entry += R"(","time":")";
    entry += rfc3339NanoNow();
    entry += "\"}\n";
    size_ += writeAll(fd_, entry);
}

void LogWriter::rotate()
{
    ::close(fd_);
    fd_ = -1;
    const std::string &path = options_.path;
    if (options_.maxFiles < 2) {
        ::unlink(path.c_str());
    } else {
        const auto numbered = [&](int n) { return path + '.' + std::to_string(n); };
        ::unlink(numbered(options_.maxFiles - 1).c_str());
        for (int n = options_.maxFiles - 1; n > 1; --n)
            ::rename(numbered(n - 1).c_str(), numbered(n).c_str());
        ::rename(path.c_str(), numbered(1).c_str());
    }
    // Truncate anyway, in case a rename above did not happen.
    fd_ = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    size_ = 0;
}

} // namespace muelle::engine::logs
