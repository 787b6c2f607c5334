#include "engine/stats/recorder.h"

#include "engine/containers/store.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace muelle::engine::stats {

Q_LOGGING_CATEGORY(lcStats, "muelle.engine.stats")

struct Recorder::Watched {
    explicit Watched(const QString &dir) : history(dir) { }
    History history;
    CpuCounters previous;
    bool failing = false; // its history cannot be written: said once
};

Recorder::Recorder(containers::ContainerStore &containers, QObject *parent) : QObject(parent), containers_(containers)
{
    connect(&timer_, &QTimer::timeout, this, &Recorder::sampleAll);
}

Recorder::~Recorder() = default;

void Recorder::start(std::chrono::milliseconds interval)
{
    timer_.start(interval);
}

void Recorder::sampleAll()
{
    containers::ListOptions running;
    auto list = containers_.list(running);
    if (!list)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QHash<QString, std::shared_ptr<Watched>> still;
    QHash<QString, Sample> round;
    for (const containers::Container &container : *list) {
        std::shared_ptr<Watched> watched = watched_.value(container.id);
        if (!watched) {
            watched = std::make_shared<Watched>(containers_.paths().containerStats(container.id));
            if (auto loaded = watched->history.load(); !loaded)
                qCWarning(lcStats).noquote() << loaded.error().message;
        }
        still.insert(container.id, watched);
        auto stats = containers_.cgroupOf(container).stats();
        if (!stats)
            continue; // stopping as we read
        const bool first = watched->previous.systemNs == 0;
        const Sample sample = sampleOf(*stats, networkOf(container.state.pid), watched->previous, now);
        watched->previous = { stats->cpuTotalNs, stats->systemCpuNs };
        if (first)
            continue; // no CPU share without a previous reading
        if (auto added = watched->history.add(sample); !added && !watched->failing) {
            watched->failing = true;
            qCWarning(lcStats).noquote() << added.error().message;
        }
        round.insert(container.id, sample);
    }
    watched_ = std::move(still);
    if (!round.isEmpty())
        Q_EMIT sampled(round);
}

Result<QList<Sample>> Recorder::history(const QString &name, Resolution resolution)
{
    auto container = containers_.find(name);
    if (!container)
        return fail(container.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto watched = watched_.value(container->id))
        return watched->history.samples(resolution, now);
    History stored(containers_.paths().containerStats(container->id));
    if (auto loaded = stored.load(); !loaded)
        return fail(loaded.error());
    return stored.samples(resolution, now);
}

} // namespace muelle::engine::stats
