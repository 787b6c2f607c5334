#include "desktop/containerstats.h"

#include <QDateTime>
#include <QSaveFile>
#include <QtCharts/QXYSeries>

namespace muelle::desktop {
namespace {

QList<StatsSample> samplesOf(const QJsonArray &array)
{
    QList<StatsSample> samples;
    for (const QJsonValue &value : array)
        samples.append(StatsSample::of(value.toObject()));
    return samples;
}

// A counter's rate per second between two samples (0 when it went back: a restart).
double rate(double before, double after, qint64 ms)
{
    return after >= before && ms > 0 ? (after - before) * 1000.0 / double(ms) : 0;
}

} // namespace

StatsSample StatsSample::of(const QJsonObject &sample)
{
    return { sample.value(u"Time").toInteger(), sample.value(u"CPU").toDouble(), sample.value(u"Memory").toDouble(),
        sample.value(u"MemoryLimit").toDouble(), sample.value(u"NetworkRx").toDouble(),
        sample.value(u"NetworkTx").toDouble(), sample.value(u"BlockRead").toDouble(),
        sample.value(u"BlockWrite").toDouble(), sample.value(u"Pids").toDouble() };
}

ContainerStats::ContainerStats(EngineClient &client, QObject *parent) : QObject(parent), client_(client)
{
    connect(&client_, &EngineClient::statsSampled, this, [this](const QJsonArray &samples) {
        QJsonArray mine;
        for (const QJsonValue &sample : samples) {
            if (!containerId_.isEmpty() && sample.toObject().value(u"Id").toString() == containerId_)
                mine.append(sample);
        }
        if (!mine.isEmpty())
            add(mine);
    });
}

void ContainerStats::open(const QString &containerId)
{
    containerId_ = containerId;
    samples_.clear();
    Q_EMIT containerIdChanged();
    Q_EMIT changed();
    const int generation = ++generation_;
    client_.statsHistory(
        containerId, StatsResolution::Second, whileAlive(this, [this, generation](Result<QJsonArray> history) {
            if (generation != generation_)
                return;
            if (!history)
                return setError(history.error().message);
            setError({});
            // Samples that came live meanwhile are newer than the history's.
            const QList<StatsSample> live = samples_;
            samples_ = samplesOf(*history);
            for (const StatsSample &sample : live) {
                if (samples_.isEmpty() || sample.timeMs > samples_.last().timeMs)
                    samples_.append(sample);
            }
            add({});
        }));
}

void ContainerStats::add(const QJsonArray &samples)
{
    samples_.append(samplesOf(samples));
    const qint64 oldest = QDateTime::currentMSecsSinceEpoch() - windowMs - 2000;
    while (!samples_.isEmpty() && samples_.first().timeMs < oldest)
        samples_.removeFirst();
    Q_EMIT changed();
}

double ContainerStats::cpu() const
{
    return samples_.isEmpty() ? 0 : samples_.last().cpu;
}

double ContainerStats::memory() const
{
    return samples_.isEmpty() ? 0 : samples_.last().memory;
}

double ContainerStats::memoryLimit() const
{
    return samples_.isEmpty() ? 0 : samples_.last().memoryLimit;
}

double ContainerStats::pids() const
{
    return samples_.isEmpty() ? 0 : samples_.last().pids;
}

// The largest rate of two counters over the window, bytes per second.
double ContainerStats::rateMax(double StatsSample::*first, double StatsSample::*second) const
{
    double most = 0;
    for (qsizetype i = 1; i < samples_.size(); ++i) {
        const StatsSample &before = samples_[i - 1], &after = samples_[i];
        const qint64 ms = after.timeMs - before.timeMs;
        most = std::max({ most, rate(before.*first, after.*first, ms), rate(before.*second, after.*second, ms) });
    }
    return most;
}

ContainerStats::Axes ContainerStats::axes() const
{
    double cpu = 0, memory = 0;
    for (const StatsSample &sample : samples_) {
        cpu = std::max(cpu, sample.cpu);
        memory = std::max(memory, sample.memory);
    }
    return { chartAxis(cpu, AxisKind::Percent), chartAxis(memory, AxisKind::Bytes),
        chartAxis(rateMax(&StatsSample::networkRx, &StatsSample::networkTx), AxisKind::BytesPerSecond),
        chartAxis(rateMax(&StatsSample::blockRead, &StatsSample::blockWrite), AxisKind::BytesPerSecond) };
}

void ContainerStats::fill(QAbstractSeries *cpu, QAbstractSeries *memory, QAbstractSeries *networkRx,
    QAbstractSeries *networkTx, QAbstractSeries *blockRead, QAbstractSeries *blockWrite) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Axes axis = axes();
    QList<QPointF> cpuPoints, memoryPoints, rxPoints, txPoints, readPoints, writePoints;
    for (qsizetype i = 0; i < samples_.size(); ++i) {
        const StatsSample &sample = samples_.at(i);
        const double x = double(sample.timeMs - now) / 1000.0;
        cpuPoints.append({ x, sample.cpu / axis.cpu.divisor });
        memoryPoints.append({ x, sample.memory / axis.memory.divisor });
        if (i == 0)
            continue;
        const StatsSample &before = samples_.at(i - 1);
        const qint64 ms = sample.timeMs - before.timeMs;
        rxPoints.append({ x, rate(before.networkRx, sample.networkRx, ms) / axis.network.divisor });
        txPoints.append({ x, rate(before.networkTx, sample.networkTx, ms) / axis.network.divisor });
        readPoints.append({ x, rate(before.blockRead, sample.blockRead, ms) / axis.block.divisor });
        writePoints.append({ x, rate(before.blockWrite, sample.blockWrite, ms) / axis.block.divisor });
    }
    const std::pair<QAbstractSeries *, const QList<QPointF> *> series[]
        = { { cpu, &cpuPoints }, { memory, &memoryPoints }, { networkRx, &rxPoints }, { networkTx, &txPoints },
              { blockRead, &readPoints }, { blockWrite, &writePoints } };
    for (const auto &[target, points] : series) {
        if (auto *xy = qobject_cast<QXYSeries *>(target))
            xy->replace(*points);
    }
}

QByteArray csvOf(const QList<StatsSample> &seconds, const QList<StatsSample> &minutes)
{
    QByteArray csv = "time,resolution,cpu_percent,memory_bytes,memory_limit_bytes,network_rx_bytes,"
                     "network_tx_bytes,block_read_bytes,block_write_bytes,pids\n";
    const auto lines = [&csv](const QList<StatsSample> &samples, const char *resolution) {
        for (const StatsSample &s : samples) {
            csv += QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1() + ','
                + resolution + ',' + QByteArray::number(s.cpu, 'f', 2) + ',' + QByteArray::number(s.memory, 'f', 0)
                + ',' + QByteArray::number(s.memoryLimit, 'f', 0) + ',' + QByteArray::number(s.networkRx, 'f', 0) + ','
                + QByteArray::number(s.networkTx, 'f', 0) + ',' + QByteArray::number(s.blockRead, 'f', 0) + ','
                + QByteArray::number(s.blockWrite, 'f', 0) + ',' + QByteArray::number(s.pids, 'f', 0) + '\n';
        }
    };
    lines(seconds, "second");
    lines(minutes, "minute");
    return csv;
}

void ContainerStats::exportCsv(const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const QString id = containerId_;
    client_.statsHistory(id, StatsResolution::Second, whileAlive(this, [this, id, path](Result<QJsonArray> bySecond) {
        if (!bySecond)
            return Q_EMIT exported(path, bySecond.error().message);
        client_.statsHistory(id, StatsResolution::Minute,
            whileAlive(this, [this, path, bySecond = *bySecond](Result<QJsonArray> byMinute) {
                if (!byMinute)
                    return Q_EMIT exported(path, byMinute.error().message);
                QSaveFile out(path);
                if (!out.open(QIODevice::WriteOnly)) {
                    return Q_EMIT exported(path, tr("cannot write %1: %2").arg(path, out.errorString()));
                }
                out.write(csvOf(samplesOf(bySecond), samplesOf(*byMinute)));
                Q_EMIT exported(
                    path, out.commit() ? QString() : tr("cannot write %1: %2").arg(path, out.errorString()));
            }));
    }));
}

void ContainerStats::setError(const QString &error)
{
    if (error == lastError_)
        return;
    lastError_ = error;
    Q_EMIT lastErrorChanged();
}

} // namespace muelle::desktop
