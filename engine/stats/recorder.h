#pragma once
// The engine's stats recorder: reads every running container's cgroup once
// a second on the engine's thread, keeps each one's History (see
// history.h), and hands each round's samples to its listeners (the D-Bus
// façade batches them into one signal) — one reading per container feeds
// the charts of every app that watches.

#include "engine/stats/history.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace muelle::engine::containers {
class ContainerStore;
}

namespace muelle::engine::stats {

class Recorder : public QObject {
    Q_OBJECT
public:
    explicit Recorder(containers::ContainerStore &containers, QObject *parent = nullptr);
    ~Recorder() override;

    void start(std::chrono::milliseconds interval = std::chrono::seconds(1));

    // A container's history, running or not (a stopped one's is read from
    // its files). NotFound: no such container.
    Result<QList<Sample>> history(const QString &name, Resolution resolution);

Q_SIGNALS:
    // This round's samples, by container ID.
    void sampled(const QHash<QString, muelle::engine::stats::Sample> &samples);

private:
    struct Watched;
    void sampleAll();

    containers::ContainerStore &containers_;
    QTimer timer_;
    QHash<QString, std::shared_ptr<Watched>> watched_;
};

} // namespace muelle::engine::stats
