#pragma once
// Reads a container's json-file log (and its rotated files) for `docker
// logs`: --tail from the end without reading the whole file, --since and
// --until by each line's time, --follow across rotation. Never holds the
// log in memory: lines are handed out in batches.

#include "base/error.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace muelle::engine::logs {

struct LogLine {
    QByteArray stream; // "stdout" | "stderr"
    QByteArray text; // with its newline, if it had one
    QDateTime time; // UTC, nanoseconds kept in `nanos`
    int nanos = 0; // 0..999999999, the fraction of the second
    QByteArray timeText; // as written, RFC 3339 with nanoseconds
};

// As `docker logs`: --tail counts the lines the files hold, before the
// other filters (so --tail 10 --stdout may show fewer than 10), and the
// reading stops at the first line after `until`.
struct ReadOptions {
    std::optional<qint64> tail = {}; // the last N lines; nullopt = all
    std::optional<QDateTime> since = {}; // lines at or after
    std::optional<QDateTime> until = {}; // lines at or before
    // The fraction of since's / until's second in nanoseconds, for the
    // precision QDateTime lacks; -1 = the QDateTime's milliseconds.
    int sinceNanos = -1;
    int untilNanos = -1;
    bool stdoutLines = true;
    bool stderrLines = true;
};

// Reads what the log holds now, oldest first, calling `sink` per line;
// `sink` returns false to stop. NotFound when there is no log. Lines that
// do not parse are skipped, and so is a last line without its newline
// (torn, or still being written: a LogFollower hands it out when whole).
Result<> readLog(
    const QString &path, int maxFiles, const ReadOptions &options, const std::function<bool(const LogLine &)> &sink);

// Follows a log after readLog: hands out each line appended (also after a
// rotation) until stop() or until the owner destroys it. Polls the file
// (every 100 ms): inotify would miss appends on some overlay setups and
// costs a watch per follower. Lives on the thread that created it.
class LogFollower : public QObject {
    Q_OBJECT
public:
    // Starts at the log's current end (before a last line still being
    // written). Applies the stream filters and `until`; ignores tail.
    LogFollower(QString path, ReadOptions options, QObject *parent = nullptr);
    ~LogFollower() override;
    void start(std::function<void(const LogLine &)> sink);
    void stop();

private:
    void poll();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::engine::logs
