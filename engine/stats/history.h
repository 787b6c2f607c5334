#pragma once
// A container's resource history: a sample a second for the last hour and
// a sample a minute (the minute's average CPU and memory, its last
// counters) for the last day. Both live in append-only files in the
// container's directory, so they outlive the app and the engine:
//
//   containers/<id>/stats/seconds    fixed-size records, oldest first
//   containers/<id>/stats/minutes
//
// A record cut short by a crash is dropped when the file is loaded; a file
// holding twice its window is rewritten with the window only (a new file,
// renamed over the old), so neither grows without end.

#include "base/error.h"
#include "engine/stats/sample.h"

#include <QList>
#include <QString>

#include <deque>

namespace muelle::engine::stats {

enum class Resolution { Second, Minute };

class History {
public:
    explicit History(QString dir);

    // Reads the files; missing files are an empty history.
    Result<> load();
    // Records a sample (samples come in time order), and the minute it
    // closes, if any.
    Result<> add(const Sample &sample);
    // The samples of the last hour (Second) or day (Minute) before nowMs.
    QList<Sample> samples(Resolution resolution, qint64 nowMs) const;

private:
    struct Series {
        QString path;
        qsizetype window;
        qint64 spanMs;
        std::deque<Sample> samples;
        qsizetype recordsInFile = 0;
    };
    Result<> load(Series &series);
    Result<> append(Series &series, const Sample &sample);
    Result<> closeMinute();

    QString dir_;
    Series seconds_;
    Series minutes_;
    // The minute being gathered: its samples so far.
    qint64 minuteStartMs_ = -1;
    int minuteCount_ = 0;
    double cpuSum_ = 0;
    double memorySum_ = 0;
    Sample minuteLast_;
};

} // namespace muelle::engine::stats
