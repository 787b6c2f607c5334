#include "engine/stats/history.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <cstring>
#include <type_traits>

namespace muelle::engine::stats {
namespace {

// A record is a Sample's bytes: nine 8-byte fields, no padding, host order
// (the files never leave this machine).
constexpr qsizetype recordSize = sizeof(Sample);
static_assert(recordSize == 9 * 8 && std::is_trivially_copyable_v<Sample>);

constexpr qint64 minuteMs = 60 * 1000;

} // namespace

History::History(QString dir)
    : dir_(std::move(dir)),
      seconds_{ dir_ + QStringLiteral("/seconds"), 3600, 3600 * 1000, {} },
      minutes_{ dir_ + QStringLiteral("/minutes"), 1440, 24 * 3600 * 1000, {} }
{
}

Result<> History::load()
{
    if (auto loaded = load(seconds_); !loaded)
        return loaded;
    return load(minutes_);
}

Result<> History::load(Series &series)
{
    series.samples.clear();
    QFile file(series.path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadWrite))
        return fail(Code::Internal, QStringLiteral("open \"%1\": %2").arg(series.path, file.errorString()));
    const qint64 whole = file.size() / recordSize * recordSize;
    if (whole != file.size())
        file.resize(whole); // a record cut short by a crash: appends must stay aligned
    series.recordsInFile = whole / recordSize;
    file.seek(std::max<qint64>(0, whole - series.window * recordSize));
    while (!file.atEnd()) {
        const QByteArray bytes = file.read(recordSize);
        if (bytes.size() != recordSize)
            break;
        Sample sample;
        std::memcpy(&sample, bytes.constData(), recordSize);
        series.samples.push_back(sample);
    }
    return {};
}

Result<> History::append(Series &series, const Sample &sample)
{
    series.samples.push_back(sample);
    while (qsizetype(series.samples.size()) > series.window)
        series.samples.pop_front();
    if (!QDir().mkpath(dir_))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\"").arg(dir_));
    if (series.recordsInFile + 1 > 2 * series.window) {
        QSaveFile rewritten(series.path);
        if (!rewritten.open(QIODevice::WriteOnly))
            return fail(Code::Internal, QStringLiteral("open \"%1\": %2").arg(series.path, rewritten.errorString()));
        for (const Sample &kept : series.samples)
            rewritten.write(reinterpret_cast<const char *>(&kept), recordSize);
        if (!rewritten.commit())
            return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(series.path, rewritten.errorString()));
        series.recordsInFile = qsizetype(series.samples.size());
        return {};
    }
    QFile file(series.path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)
        || file.write(reinterpret_cast<const char *>(&sample), recordSize) != recordSize)
        return fail(Code::Internal, QStringLiteral("append to \"%1\": %2").arg(series.path, file.errorString()));
    ++series.recordsInFile;
    return {};
}

Result<> History::add(const Sample &sample)
{
    const qint64 minute = sample.timeMs - sample.timeMs % minuteMs;
    if (minuteStartMs_ >= 0 && minute != minuteStartMs_) {
        if (auto closed = closeMinute(); !closed)
            return closed;
    }
    if (minuteCount_ == 0)
        minuteStartMs_ = minute;
    ++minuteCount_;
    cpuSum_ += sample.cpuPercent;
    memorySum_ += double(sample.memoryBytes);
    minuteLast_ = sample;
    return append(seconds_, sample);
}

Result<> History::closeMinute()
{
    Sample average = minuteLast_;
    average.timeMs = minuteStartMs_;
    average.cpuPercent = cpuSum_ / minuteCount_;
    average.memoryBytes = quint64(memorySum_ / minuteCount_);
    minuteCount_ = 0;
    cpuSum_ = memorySum_ = 0;
    minuteStartMs_ = -1;
    return append(minutes_, average);
}

QList<Sample> History::samples(Resolution resolution, qint64 nowMs) const
{
    const Series &series = resolution == Resolution::Second ? seconds_ : minutes_;
    QList<Sample> recent;
    for (const Sample &sample : series.samples) {
        if (sample.timeMs > nowMs - series.spanMs && sample.timeMs <= nowMs)
            recent.append(sample);
    }
    return recent;
}

} // namespace muelle::engine::stats
