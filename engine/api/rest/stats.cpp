#include "engine/api/rest/stats.h"

#include "engine/api/docker/stats.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/containers/service.h"
#include "engine/stats/recorder.h"
#include "engine/stats/sample.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace muelle::engine::rest {
namespace {

// Samples a container every second on the engine's thread and writes each
// to the stream; ends when the client leaves or the container stops.
class Sampler : public QObject {
public:
    Sampler(
        containers::ContainerStore &service, QString id, std::shared_ptr<Stream> stream, bool streaming, bool oneShot)
        : service_(service), id_(std::move(id)), stream_(std::move(stream)), streaming_(streaming), oneShot_(oneShot)
    {
        // The client may leave after the sampler is done and gone.
        QPointer<Sampler> self(this);
        stream_->onGone([self] {
            if (self)
                self->deleteLater();
        });
        connect(&timer_, &QTimer::timeout, this, &Sampler::sample);
        timer_.start(1000);
        sample();
    }

private:
    void sample()
    {
        auto container = service_.find(id_);
        if (!container || !container->running()) {
            stream_->finish(container ? Result<>() : fail(container.error()));
            return deleteLater();
        }
        auto stats = service_.cgroupOf(*container).stats();
        if (!stats) {
            stream_->finish(fail(stats.error()));
            return deleteLater();
        }
        const QJsonObject sample = docker::statsJson(*container, *stats, previousCpu_, previousRead_);
        previousCpu_ = sample.value(QStringLiteral("cpu_stats")).toObject();
        previousRead_ = sample.value(QStringLiteral("read")).toString();
        // Without streaming Docker answers with a second sample, so the
        // client can compute a CPU percentage from the two; one-shot (API
        // 1.41) answers with the first at once.
        if (!streaming_ && !oneShot_ && ++samples_ < 2)
            return;
        stream_->write(QJsonDocument(sample).toJson(QJsonDocument::Compact) + '\n');
        if (!streaming_) {
            stream_->finish({});
            deleteLater();
        }
    }

    containers::ContainerStore &service_;
    QString id_;
    std::shared_ptr<Stream> stream_;
    bool streaming_;
    bool oneShot_;
    QTimer timer_;
    QJsonObject previousCpu_;
    QString previousRead_;
    int samples_ = 0;
};

} // namespace

void containerStats(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = request.params.value(QStringLiteral("name"));
    const QString streamValue = queryValue(request, QStringLiteral("stream"));
    const bool streaming = streamValue.isEmpty() || queryFlag(request, QStringLiteral("stream"));
    const bool oneShot = !streaming && queryFlag(request, QStringLiteral("one-shot"));
    auto stream = Stream::open(exchange, &engine.containers, "application/json");
    QMetaObject::invokeMethod(&engine.containers, [&engine, stream, name, streaming, oneShot] {
        auto container = engine.containers.store().find(name);
        if (!container)
            return stream->finish(fail(container.error()));
        if (!container->running()) {
            // Docker answers a stopped container with one zeroed sample.
            stream->write(QJsonDocument(QJsonObject{ { QStringLiteral("read"), QStringLiteral("0001-01-01T00:00:00Z") },
                                            { QStringLiteral("name"), u'/' + container->name },
                                            { QStringLiteral("id"), container->id } })
                              .toJson(QJsonDocument::Compact)
                + '\n');
            return stream->finish({});
        }
        new Sampler(engine.containers.store(), container->id, stream, streaming, oneShot);
    });
}

void containerTop(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = request.params.value(QStringLiteral("name"));
    QString psArgs = queryValue(request, QStringLiteral("ps_args"));
    if (psArgs.isEmpty())
        psArgs = QStringLiteral("-ef");
    answerOnEngine(
        exchange, &engine.containers, [&engine, name, psArgs] { return json(docker::topJson(engine, name, psArgs)); });
}

void containerStatsHistory(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    const QString name = request.params.value(QStringLiteral("name"));
    QString resolution = queryValue(request, QStringLiteral("resolution"));
    if (resolution.isEmpty())
        resolution = QStringLiteral("second");
    answerOnEngine(exchange, &engine.containers,
        [&engine, name, resolution] { return json(docker::statsHistoryJson(engine, name, resolution)); });
}

} // namespace muelle::engine::rest
