#pragma once
// One container's resource charts, for QML: its recorded history (the
// engine's StatsHistory, so the charts are full at once and survive app
// restarts), then each new sample as the engine sends it. fill() hands the
// last five minutes to QtCharts series in one replace() each; rates (network,
// block I/O) are per second, from the counters' differences. exportCsv()
// writes the whole history the engine keeps (seconds, then minutes).

#include "desktop/chartaxis.h"
#include "desktop/engineclient.h"

#include <QList>
#include <QObject>
#include <QUrl>
#include <QtCharts/QAbstractSeries>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

struct StatsSample {
    qint64 timeMs = 0;
    double cpu = 0, memory = 0, memoryLimit = 0, networkRx = 0, networkTx = 0, blockRead = 0, blockWrite = 0, pids = 0;
    static StatsSample of(const QJsonObject &sample);
};

class ContainerStats : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Stats)
    QML_SINGLETON
    Q_PROPERTY(QString containerId READ containerId NOTIFY containerIdChanged)
    Q_PROPERTY(int samples READ samples NOTIFY changed)
    Q_PROPERTY(double cpu READ cpu NOTIFY changed) // % of one core, the latest
    Q_PROPERTY(double memory READ memory NOTIFY changed) // bytes
    Q_PROPERTY(double memoryLimit READ memoryLimit NOTIFY changed)
    Q_PROPERTY(double pids READ pids NOTIFY changed)
    // The charts' value axes, from the window's largest value (chartaxis.h):
    // {max, tickCount, unit, divisor, labelFormat}; fill()'s points are in
    // their units. Network and block I/O: the larger of the two rates.
    Q_PROPERTY(QVariantMap cpuAxis READ cpuAxis NOTIFY changed)
    Q_PROPERTY(QVariantMap memoryAxis READ memoryAxis NOTIFY changed)
    Q_PROPERTY(QVariantMap networkAxis READ networkAxis NOTIFY changed)
    Q_PROPERTY(QVariantMap blockAxis READ blockAxis NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    // The app's one Stats (DesktopApp's), for QML.
    static ContainerStats *create(QQmlEngine *, QJSEngine *);
    static constexpr qint64 windowMs = 5 * 60 * 1000;

    explicit ContainerStats(EngineClient &client, QObject *parent = nullptr);

    QString containerId() const { return containerId_; }
    int samples() const { return int(samples_.size()); }
    double cpu() const;
    double memory() const;
    double memoryLimit() const;
    double pids() const;
    QVariantMap cpuAxis() const { return axes().cpu.toMap(); }
    QVariantMap memoryAxis() const { return axes().memory.toMap(); }
    QVariantMap networkAxis() const { return axes().network.toMap(); }
    QVariantMap blockAxis() const { return axes().block.toMap(); }
    QString lastError() const { return lastError_; }

    Q_INVOKABLE void open(const QString &containerId);
    // x: seconds before now (-300..0); y: in the unit of the series' axis
    // (cpuAxis, memoryAxis, networkAxis, blockAxis).
    Q_INVOKABLE void fill(QAbstractSeries *cpu, QAbstractSeries *memory, QAbstractSeries *networkRx,
        QAbstractSeries *networkTx, QAbstractSeries *blockRead, QAbstractSeries *blockWrite) const;
    // Writes the history as CSV to a local file; exported() tells how it went.
    Q_INVOKABLE void exportCsv(const QUrl &file);

Q_SIGNALS:
    void containerIdChanged();
    void changed();
    void lastErrorChanged();
    void exported(const QString &path, const QString &error);

private:
    void add(const QJsonArray &samples);
    void setError(const QString &error);
    struct Axes {
        ChartAxis cpu, memory, network, block;
    };
    Axes axes() const;
    double rateMax(double StatsSample::*first, double StatsSample::*second) const;

    EngineClient &client_;
    QString containerId_;
    QList<StatsSample> samples_; // the last window's, oldest first
    int generation_ = 0;
    QString lastError_;
};

// A CSV of samples: a header, then one line per sample (RFC 3339 time,
// resolution, then the values).
QByteArray csvOf(const QList<StatsSample> &seconds, const QList<StatsSample> &minutes);

} // namespace muelle::desktop
