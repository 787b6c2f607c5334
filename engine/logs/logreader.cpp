#include "engine/logs/logreader.h"

#include "confine/fd.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <compare>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace muelle::engine::logs {

namespace {

Q_LOGGING_CATEGORY(lcLogs, "muelle.engine.logs")

constexpr qint64 readBlock = 1 << 20; // forward reads
constexpr qint64 tailBlock = 64 << 10; // backward reads, for --tail

// A point in time with the nanoseconds the log keeps.
struct Instant {
    qint64 seconds = 0;
    int nanos = 0;
    auto operator<=>(const Instant &) const = default;
};

Instant instantOf(const QDateTime &time, int nanos)
{
    const qint64 msecs = time.toMSecsSinceEpoch();
    qint64 seconds = msecs / 1000;
    qint64 millis = msecs % 1000;
    if (millis < 0) {
        millis += 1000;
        --seconds;
    }
    return { seconds, nanos >= 0 ? nanos : int(millis) * 1000000 };
}

// ---- one line of JSON --------------------------------------------------

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p;
    return p;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The \uXXXX at p (p at the 'u'), or -1.
int unicodeEscape(const char *p, const char *end)
{
    if (end - p < 5)
        return -1;
    int value = 0;
    for (int k = 1; k <= 4; ++k) {
        const int digit = hexValue(p[k]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

char *appendUtf8(char *out, char32_t c)
{
    if (c < 0x80) {
        *out++ = char(c);
    } else if (c < 0x800) {
        *out++ = char(0xC0 | (c >> 6));
        *out++ = char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *out++ = char(0xE0 | (c >> 12));
        *out++ = char(0x80 | ((c >> 6) & 0x3F));
        *out++ = char(0x80 | (c & 0x3F));
    } else {
        *out++ = char(0xF0 | (c >> 18));
        *out++ = char(0x80 | ((c >> 12) & 0x3F));
        *out++ = char(0x80 | ((c >> 6) & 0x3F));
        *out++ = char(0x80 | (c & 0x3F));
    }
    return out;
}

// Decodes the escape after a backslash (p at the letter) into out; returns
// the position after it, or nullptr when it is not valid JSON. A lone
// surrogate becomes U+FFFD, as Go decodes it.
const char *decodeEscape(const char *p, const char *end, char *&out)
{
    static constexpr char simple[][2] = { { '"', '"' }, { '\\', '\\' }, { '/', '/' }, { 'b', '\b' }, { 'f', '\f' },
        { 'n', '\n' }, { 'r', '\r' }, { 't', '\t' } };
    for (const auto &[letter, value] : simple) {
        if (*p == letter) {
            *out++ = value;
            return p + 1;
        }
    }
    int unit = *p == 'u' ? unicodeEscape(p, end) : -1;
    if (unit < 0)
        return nullptr;
    p += 5;
    char32_t c = char32_t(unit);
    if (unit >= 0xD800 && unit < 0xDC00 && end - p >= 6 && p[0] == '\\') {
        const int low = unicodeEscape(p + 1, end);
        if (low >= 0xDC00 && low < 0xE000) {
            c = 0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
            p += 6;
        }
    }
    if (c >= 0xD800 && c < 0xE000)
        c = 0xFFFD;
    out = appendUtf8(out, c);
    return p;
}

// The string at p (p at its opening quote): returns the position after the
// closing quote, or nullptr. Decodes into `out` when given, else skips it.
const char *parseString(const char *p, const char *end, QByteArray *out)
{
    ++p;
    const char *run = p;
    while (run < end && *run != '"' && *run != '\\')
        ++run;
    if (run < end && *run == '"') { // no escapes: the common case of a key
        if (out)
            *out = QByteArray(p, run - p);
        return run + 1;
    }
    QByteArray scratch;
    QByteArray &text = out ? *out : scratch;
    text.resize(end - p); // decoding never grows the text
    char *w = text.data();
    std::memcpy(w, p, size_t(run - p));
    w += run - p;
    p = run;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            text.resize(w - text.constData());
            return p + 1;
        }
        if (c == '\\') {
            if (++p >= end || !(p = decodeEscape(p, end, w)))
                return nullptr;
            continue;
        }
        *w++ = c;
        ++p;
    }
    return nullptr;
}

// Skips any JSON value (objects and arrays by nesting, strings whole).
const char *skipValue(const char *p, const char *end)
{
    int depth = 0;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            if (!(p = parseString(p, end, nullptr)))
                return nullptr;
            if (depth == 0)
                return p;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return p;
            if (--depth == 0)
                return p + 1;
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
            return p;
        }
        ++p;
    }
    return depth == 0 ? p : nullptr;
}

int digits(const char *p, int count)
{
    int value = 0;
    for (int k = 0; k < count; ++k) {
        if (p[k] < '0' || p[k] > '9')
            return -1;
        value = value * 10 + (p[k] - '0');
    }
    return value;
}

qint64 daysFromCivil(qint64 year, int month, int day)
{
    year -= month <= 2;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// RFC 3339 with up to nine digits of fraction: "2026-11-30T02:45:25.1234Z".
bool parseTime(std::string_view text, Instant &at)
{
    const char *p = text.data();
    const char *end = p + text.size();
    if (end - p < 20 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != 't') || p[13] != ':' || p[16] != ':')
        return false;
    const int year = digits(p, 4), month = digits(p + 5, 2), day = digits(p + 8, 2);
    const int hour = digits(p + 11, 2), minute = digits(p + 14, 2), second = digits(p + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60)
        return false;
    p += 19;
    int nanos = 0;
    if (*p == '.') {
        int scale = 100000000;
        for (++p; p < end && *p >= '0' && *p <= '9'; ++p, scale /= 10)
            nanos += (*p - '0') * scale;
    }
    int offset = 0;
    if (p < end && (*p == 'Z' || *p == 'z')) {
        ++p;
    } else if (end - p == 6 && (*p == '+' || *p == '-') && p[3] == ':') {
        const int hours = digits(p + 1, 2), minutes = digits(p + 4, 2);
        if (hours < 0 || minutes < 0)
            return false;
        offset = (*p == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        p += 6;
    }
    if (p != end)
        return false;
    at.seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    at.nanos = nanos;
    return true;
}

// The text of the string at p (p at its opening quote) when it holds no
// escapes, as keys, the stream and the time do: no copy needed.
std::optional<std::string_view> plainString(const char *p, const char *end)
{
    const char *q = ++p;
    while (q < end && *q != '"' && *q != '\\')
        ++q;
    if (q >= end || *q != '"')
        return std::nullopt;
    return std::string_view(p, size_t(q - p));
}

const char *after(std::string_view plain)
{
    return plain.data() + plain.size() + 1;
}

// One entry {"log":..,"stream":..,"time":..} into `line`; other keys (a
// Docker "attrs" object) are skipped. False when it is not one.
bool parseEntry(const char *p, const char *end, LogLine &line, Instant &at)
{
    static const QByteArray stdoutName = "stdout"_ba, stderrName = "stderr"_ba;
    p = skipSpace(p, end);
    if (p >= end || *p != '{')
        return false;
    std::string_view stream, time;
    line.text.clear();
    for (p = skipSpace(p + 1, end); p < end && *p != '}';) {
        if (*p != '"')
            return false;
        const auto key = plainString(p, end);
        p = key ? after(*key) : parseString(p, end, nullptr);
        if (!p || (p = skipSpace(p, end)) >= end || *p != ':')
            return false;
        p = skipSpace(p + 1, end);
        if (p >= end)
            return false;
        if (key == "log" && *p == '"') {
            p = parseString(p, end, &line.text);
        } else if ((key == "stream" || key == "time") && *p == '"') {
            const auto value = plainString(p, end);
            if (!value)
                return false;
            (key == "time" ? time : stream) = *value;
            p = after(*value);
        } else {
            p = skipValue(p, end);
        }
        if (!p)
            return false;
        p = skipSpace(p, end);
        if (p < end && *p == ',')
            p = skipSpace(p + 1, end);
    }
    if (p >= end || !parseTime(time, at))
        return false;
    // The two usual names are shared, not copied per line.
    line.stream = stream == "stdout" ? stdoutName
        : stream == "stderr"         ? stderrName
                                     : QByteArray(stream.data(), qsizetype(stream.size()));
    line.timeText = QByteArray(time.data(), qsizetype(time.size()));
    line.nanos = at.nanos;
    line.time = QDateTime::fromMSecsSinceEpoch(at.seconds * 1000 + at.nanos / 1000000, Qt::UTC);
    return true;
}

// ---- filters -------------------------------------------------------------

enum class Verdict { Take, Skip, Stop };

struct Filter {
    std::optional<Instant> since, until;
    bool stdoutLines = true, stderrLines = true;

    explicit Filter(const ReadOptions &options) : stdoutLines(options.stdoutLines), stderrLines(options.stderrLines)
    {
        if (options.since)
            since = instantOf(*options.since, options.sinceNanos);
        if (options.until)
            until = instantOf(*options.until, options.untilNanos);
    }

    Verdict operator()(const LogLine &line, const Instant &at) const
    {
        if (until && at > *until)
            return Verdict::Stop;
        if (since && at < *since)
            return Verdict::Skip;
        // As Docker: only the two named streams can be left out.
        if ((!stdoutLines && line.stream == "stdout") || (!stderrLines && line.stream == "stderr"))
            return Verdict::Skip;
        return Verdict::Take;
    }
};

// ---- files ---------------------------------------------------------------

using confine::Fd;

Fd openForReading(const QString &path)
{
    return Fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
}

// A log file as it is now: read only up to `size`, what is appended later
// belongs to a follower.
struct Snapshot {
    Fd fd;
    qint64 size = 0;
    dev_t device = 0;
    ino_t inode = 0;
    qint64 start = 0; // where reading begins (after --tail)
};

bool snapshot(Fd fd, Snapshot &file)
{
    struct stat st { };
    if (::fstat(fd.get(), &st) != 0)
        return false;
    file = { std::move(fd), st.st_size, st.st_dev, st.st_ino, 0 };
    return true;
}

// Reads [offset, end) of fd after what `carry` holds and calls onLine(begin,
// end) for each complete line (newline excluded); what follows the last
// newline stays in `carry`. Returns false when onLine did.
template <typename OnLine> bool readLines(int fd, qint64 &offset, qint64 end, QByteArray &carry, OnLine &&onLine)
{
    while (offset < end) {
        const qint64 kept = carry.size();
        const qint64 want = std::min(readBlock, end - offset);
        carry.resize(kept + want);
        ssize_t got = 0;
        do
            got = ::pread(fd, carry.data() + kept, size_t(want), offset);
        while (got < 0 && errno == EINTR);
        if (got <= 0) {
            carry.resize(kept);
            return true;
        }
        offset += got;
        carry.resize(kept + got);
        const char *begin = carry.constData();
        const char *stop = begin + carry.size();
        const char *lineStart = begin;
        const char *scan = begin + kept; // what was kept has no newline
        while (const char *newline = static_cast<const char *>(std::memchr(scan, '\n', size_t(stop - scan)))) {
            if (!onLine(lineStart, newline))
                return false;
            lineStart = scan = newline + 1;
        }
        carry.remove(0, lineStart - begin);
    }
    return true;
}

// Where the last `count` complete lines before `end` begin, scanning back
// in blocks; what follows the last newline is no line. `count` drops by
// the lines found; 0 asks for the end of the last complete line.
qint64 tailStart(int fd, qint64 end, qint64 &count)
{
    std::vector<char> block(tailBlock);
    qint64 newlines = 0;
    for (qint64 blockEnd = end; blockEnd > 0;) {
        const qint64 blockStart = std::max<qint64>(0, blockEnd - tailBlock);
        const ssize_t got = ::pread(fd, block.data(), size_t(blockEnd - blockStart), blockStart);
        if (got != blockEnd - blockStart)
            break;
        for (qint64 k = got - 1; k >= 0; --k) {
            if (block[size_t(k)] == '\n' && ++newlines == count + 1) {
                count = 0;
                return blockStart + k + 1;
            }
        }
        blockEnd = blockStart;
    }
    count -= std::min(count, newlines);
    return 0;
}

// <path>.<maxFiles-1> ... <path>.1, <path>, as they are now. The current file
// is opened first: if it is rotated meanwhile, it turns up again as .1 and
// is known by its inode.
Result<std::vector<Snapshot>> openLogFiles(const QString &path, int maxFiles)
{
    std::vector<Snapshot> files;
    Snapshot current;
    if (Fd fd = openForReading(path); !fd.isValid() || !snapshot(std::move(fd), current))
        return fail(systemError(u"open"_s, path, errno));
    for (int n = 1; n < maxFiles; ++n) {
        const QString rotated = path + u'.' + QString::number(n);
        Snapshot file;
        Fd fd = openForReading(rotated);
        if (!fd.isValid() && errno == ENOENT)
            continue;
        if (!fd.isValid() || !snapshot(std::move(fd), file))
            return fail(systemError(u"open"_s, rotated, errno));
        const bool seen = std::any_of(files.begin(), files.end(), [&](const Snapshot &s) {
            return s.inode == file.inode && s.device == file.device;
        }) || (file.inode == current.inode && file.device == current.device);
        if (!seen)
            files.insert(files.begin(), std::move(file));
    }
    files.push_back(std::move(current));
    return files;
}

} // namespace

Result<> readLog(
    const QString &path, int maxFiles, const ReadOptions &options, const std::function<bool(const LogLine &)> &sink)
{
    auto opened = openLogFiles(path, maxFiles);
    if (!opened)
        return fail(opened.error().context(u"read log"_s));
    std::vector<Snapshot> &files = *opened;
    size_t first = 0;
    if (options.tail) {
        qint64 wanted = std::max<qint64>(0, *options.tail);
        if (wanted == 0)
            return {};
        first = files.size();
        while (first > 0 && wanted > 0) {
            --first;
            files[first].start = tailStart(files[first].fd.get(), files[first].size, wanted);
        }
    }
    const Filter filter(options);
    LogLine line;
    Instant at;
    bool more = true;
    for (size_t k = first; k < files.size() && more; ++k) {
        Snapshot &file = files[k];
        QByteArray carry; // a last line without its newline stays here, unread
        more = readLines(file.fd.get(), file.start, file.size, carry, [&](const char *begin, const char *end) {
            if (!parseEntry(begin, end, line, at)) {
                qCDebug(lcLogs) << "skipping a line that is no log entry in" << path;
                return true;
            }
            switch (filter(line, at)) {
            case Verdict::Stop:
                return false;
            case Verdict::Skip:
                return true;
            case Verdict::Take:
                break;
            }
            return sink(line);
        });
    }
    return {};
}

// ---- following -----------------------------------------------------------

struct LogFollower::Private {
    Private(QString path, Filter filter) : path(std::move(path)), filter(filter) { }

    QString path;
    Filter filter;
    QTimer timer;
    std::function<void(const LogLine &)> sink;
    Snapshot file; // the file being followed, `start` the next byte to read
    QByteArray carry; // a line not complete yet

    void readAppended()
    {
        struct stat st { };
        if (!file.fd.isValid() || ::fstat(file.fd.get(), &st) != 0)
            return;
        if (st.st_size < file.start) { // truncated: start over
            file.start = 0;
            carry.clear();
        }
        const auto sinkNow = sink;
        LogLine line;
        Instant at;
        readLines(file.fd.get(), file.start, st.st_size, carry, [&](const char *begin, const char *end) {
            if (parseEntry(begin, end, line, at) && filter(line, at) == Verdict::Take)
                sinkNow(line);
            return bool(sink); // the sink may stop the follower
        });
    }

    // The file now at `path`, when it is not the one followed.
    std::optional<Snapshot> replacement() const
    {
        struct stat st { };
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return std::nullopt;
        if (file.fd.isValid() && st.st_dev == file.device && st.st_ino == file.inode)
            return std::nullopt;
        Snapshot next;
        if (Fd fd = openForReading(path); !fd.isValid() || !snapshot(std::move(fd), next))
            return std::nullopt;
        return next;
    }
};

LogFollower::LogFollower(QString path, ReadOptions options, QObject *parent)
    : QObject(parent), d(new Private{ std::move(path), Filter(options) })
{
    d->timer.setParent(this); // so that it moves along with moveToThread()
    d->timer.setInterval(100);
    connect(&d->timer, &QTimer::timeout, this, &LogFollower::poll);
}

LogFollower::~LogFollower() = default;

void LogFollower::start(std::function<void(const LogLine &)> sink)
{
    d->sink = std::move(sink);
    d->carry.clear();
    d->file = {};
    d->file = d->replacement().value_or(Snapshot{});
    if (d->file.fd.isValid()) {
        qint64 none = 0;
        d->file.start = tailStart(d->file.fd.get(), d->file.size, none);
    }
    d->timer.start();
}

void LogFollower::stop()
{
    d->timer.stop();
    d->sink = nullptr;
    d->file = {};
}

void LogFollower::poll()
{
    if (!d->sink)
        return;
    d->readAppended();
    // Rotated (or the log was not there at start): the rest of the old
    // file first, then the new one from its beginning.
    std::optional<Snapshot> next = d->replacement();
    if (!next || !d->sink)
        return;
    d->readAppended();
    d->file = std::move(*next);
    d->carry.clear(); // a torn last line of the old file
    d->readAppended();
}

} // namespace muelle::engine::logs
