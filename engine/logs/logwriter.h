#pragma once
// The json-file log of a container, as Docker writes it: one JSON object per
// line, {"log":"<text with its newline>","stream":"stdout","time":"<RFC 3339
// with nanoseconds, UTC>"}. A line is written whole or not at all (one
// write(2) per line); a chunk of output without a newline becomes a line
// at 16 KiB, as Docker splits them (the pieces but the last have no
// newline). Rotation, as Docker does it: when max-size is set and the file
// has reached it, the next line goes to a new <path>; the old one becomes
// <path>.1 (.1 becomes .2 ... up to max-file - 1). With max-file 1 the old
// file is unlinked instead, so a reader still holding it finishes it.
//
// Not thread-safe: one thread (the shim's loop) writes.
//
// Plain C++ without Qt: muelle-shim links it and must start fast and small.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace muelle::engine::logs {

// The longest piece of a line one entry holds, as Docker's copier buffer.
inline constexpr std::size_t maxEntryBytes = 16 * 1024;

struct LogOptions {
    std::string path; // <container dir>/<id>-json.log
    int64_t maxSize = 0; // bytes, 0 = unlimited
    int maxFiles = 1;
};

class LogWriter {
public:
    explicit LogWriter(LogOptions options);
    ~LogWriter();
    LogWriter(const LogWriter &) = delete;
    LogWriter &operator=(const LogWriter &) = delete;

    // Opens (appending to) the log. Returns errno, 0 on success. A file
    // left ending in a torn line gets a newline first, so the next line
    // starts clean.
    int open();
    // Output of the container on `stream` ("stdout" | "stderr"): complete
    // lines are written at once, a partial one waits for its newline (or
    // for 16 KiB, or flush()).
    void write(std::string_view stream, std::string_view bytes);
    // Writes what waits without a newline (at the stream's end).
    void flush();

private:
    struct Pending {
        std::string stdoutBytes;
        std::string stderrBytes;
    };
    void writeLine(std::string_view stream, std::string_view line);
    void rotate();

    LogOptions options_;
    int fd_ = -1;
    int64_t size_ = 0;
    Pending pending_;
};

// A JSON string's body for `text` (quotes not included), escaped as
// Docker's json-file does (\n, \r, \", \\, \u00XX for other controls,
// tab included, <>& as \u003c..., \u2028 and \u2029). Each byte that is
// not part of valid UTF-8 becomes \ufffd.
std::string jsonEscape(std::string_view text);
// A UTC time as Go's RFC3339Nano writes it: trailing zeros of the fraction
// dropped ("2026-11-30T02:45:25.1234Z"), no fraction when it is zero.
std::string rfc3339Nano(int64_t seconds, int nanos);
// Now, as rfc3339Nano.
std::string rfc3339NanoNow();

} // namespace muelle::engine::logs
