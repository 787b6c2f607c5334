#include "engine/api/dbus/containers.h"

#include "engine/api/dbus/fdstream.h"
#include "engine/api/docker/containers.h"
#include "engine/api/docker/logs.h"
#include "engine/api/docker/stats.h"
#include "engine/containers/service.h"
#include "engine/containerspec/spec.h"
#include "engine/images/images.h"
#include "engine/stats/recorder.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <csignal>

namespace muelle::engine::dbus {

ContainersObject::ContainersObject(CallerCheck &callers, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
    connect(&engine_.stats, &stats::Recorder::sampled, this, &ContainersObject::publishStats);
}

void ContainersObject::publishStats(const QHash<QString, stats::Sample> &samples)
{
    QJsonArray entries;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        QJsonObject entry = stats::sampleJson(it.value());
        entry.insert(QStringLiteral("Id"), it.key());
        entries.append(entry);
    }
    Q_EMIT Stats(compactJson(entries));
}

std::function<void(Result<>)> ContainersObject::done()
{
    Answer answer = answerLater();
    return [answer](Result<> result) { answer(result ? Result<QVariantList>() : fail(result.error())); };
}

QString ContainersObject::List(const QVariantMap &given)
{
    if (!authorised(&ContainersObject::List, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("all"), OptionType::Bool } });
    if (!options)
        return {};
    containers::ListOptions list;
    list.all = options->value(QStringLiteral("all")).toBool();
    auto found = engine_.containers.store().list(list);
    if (!found) {
        refuse(found.error());
        return {};
    }
    QJsonArray entries;
    for (const containers::Container &container : *found)
        entries.append(
            docker::listEntryJson(container, engine_.images.config(container.image).value_or(oci::ImageConfig()),
                engine_.containers.networking().networksOf(container)));
    return compactJson(entries);
}

QString ContainersObject::Inspect(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Inspect, name, given) || !options(given, {}))
        return {};
    auto container = engine_.containers.store().find(name);
    if (!container) {
        refuse(container.error());
        return {};
    }
    const Paths &paths = engine_.containers.store().paths();
    return compactJson(
        docker::inspectJson(*container, engine_.images.config(container->image).value_or(oci::ImageConfig()), paths,
            engine_.containers.networking().networksOf(*container)));
}

QString ContainersObject::Create(const QString &config, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Create, config, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("name"), OptionType::String } });
    if (!options)
        return {};
    const auto body = jsonObject(config);
    if (!body)
        return {};
    auto spec = containerspec::Spec::fromDockerJson(*body);
    if (!spec) {
        refuse(spec.error());
        return {};
    }
    if (spec->image.isEmpty()) {
        refuse({ Code::InvalidArgument, QStringLiteral("no image given") });
        return {};
    }
    Answer answer = answerLater();
    engine_.containers.store().create(options->value(QStringLiteral("name")).toString(), *spec,
        [answer](Result<containers::ContainerStore::Created> created) {
            if (!created)
                return answer(fail(created.error()));
            answer(QVariantList{ compactJson(QJsonObject{ { QStringLiteral("Id"), created->id },
                { QStringLiteral("Warnings"), QJsonArray::fromStringList(created->warnings) } }) });
        });
    return {};
}

void ContainersObject::Start(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Start, name, given) || !options(given, {}))
        return;
    engine_.containers.supervisor().start(
        name, [reply = done()](Result<bool> started) { reply(started ? Result<>() : fail(started.error())); });
}

namespace {

// Stop's and Restart's timeout: the container's own when not given.
std::optional<int> timeoutOf(const QVariantMap &options)
{
    const QVariant timeout = options.value(QStringLiteral("timeout"));
    return timeout.isValid() ? std::optional<int>(timeout.toInt()) : std::nullopt;
}

} // namespace

void ContainersObject::Stop(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Stop, name, given))
        return;
    const auto options = this->options(given, { { QLatin1String("timeout"), OptionType::Int } });
    if (!options)
        return;
    engine_.containers.supervisor().stop(name, timeoutOf(*options),
        [reply = done()](Result<bool> stopped) { reply(stopped ? Result<>() : fail(stopped.error())); });
}

void ContainersObject::Restart(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Restart, name, given))
        return;
    const auto options = this->options(given, { { QLatin1String("timeout"), OptionType::Int } });
    if (options)
        engine_.containers.supervisor().restart(name, timeoutOf(*options), done());
}

void ContainersObject::Kill(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Kill, name, given))
        return;
    const auto options = this->options(given, { { QLatin1String("signal"), OptionType::String } });
    if (!options)
        return;
    const QString signal = options->value(QStringLiteral("signal")).toString();
    const std::optional<int> number = signal.isEmpty() ? std::optional<int>(SIGKILL) : containers::signalNumber(signal);
    if (!number)
        return refuse({ Code::InvalidArgument, QStringLiteral("Invalid signal: %1").arg(signal) });
    engine_.containers.supervisor().kill(name, *number, done());
}

void ContainersObject::Pause(const QString &name, const QVariantMap &given)
{
    if (authorised(&ContainersObject::Pause, name, given) && options(given, {}))
        engine_.containers.supervisor().pause(name, done());
}

void ContainersObject::Unpause(const QString &name, const QVariantMap &given)
{
    if (authorised(&ContainersObject::Unpause, name, given) && options(given, {}))
        engine_.containers.supervisor().unpause(name, done());
}

void ContainersObject::Remove(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Remove, name, given))
        return;
    const auto options = this->options(
        given, { { QLatin1String("force"), OptionType::Bool }, { QLatin1String("volumes"), OptionType::Bool } });
    if (options)
        engine_.containers.supervisor().remove(name, options->value(QStringLiteral("force")).toBool(),
            options->value(QStringLiteral("volumes")).toBool(), done());
}

QString ContainersObject::Top(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Top, name, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("ps_args"), OptionType::String } });
    if (!options)
        return {};
    const QString psArgs = options->value(QStringLiteral("ps_args"), QStringLiteral("-ef")).toString();
    return answer(docker::topJson(engine_, name, psArgs));
}

QDBusUnixFileDescriptor ContainersObject::Logs(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::Logs, name, given))
        return {};
    const auto options = this->options(given,
        { { QLatin1String("follow"), OptionType::Bool }, { QLatin1String("timestamps"), OptionType::Bool },
            { QLatin1String("tail"), OptionType::Int }, { QLatin1String("since"), OptionType::Int } });
    if (!options)
        return {};
    auto source = engine_.containers.store().logSource(name);
    if (!source) {
        refuse(source.error());
        return {};
    }
    docker::LogStreamOptions stream;
    stream.path = source->path;
    stream.maxFiles = source->maxFiles;
    stream.follow = options->value(QStringLiteral("follow")).toBool() && source->running;
    stream.timestamps = options->value(QStringLiteral("timestamps")).toBool();
    stream.read.stdoutLines = stream.read.stderrLines = true;
    if (const qint64 tail = options->value(QStringLiteral("tail"), -1).toLongLong(); tail >= 0)
        stream.read.tail = tail;
    if (const qint64 since = options->value(QStringLiteral("since"), 0).toLongLong(); since > 0)
        stream.read.since = QDateTime::fromSecsSinceEpoch(since, Qt::UTC);
    docker::LogBody body = docker::openLogBody(stream);
    auto fd = streamToFd(std::move(body.source), this);
    if (!fd) {
        refuse(fd.error());
        return {};
    }
    if (stream.follow) {
        engine_.containers.supervisor().wait(source->id, containers::WaitCondition::NotRunning,
            [stopped = body.containerStopped](Result<containers::WaitResult>) { stopped(); });
    }
    return *fd;
}

QString ContainersObject::StatsHistory(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ContainersObject::StatsHistory, name, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("resolution"), OptionType::String } });
    if (!options)
        return {};
    return answer(docker::statsHistoryJson(
        engine_, name, options->value(QStringLiteral("resolution"), QStringLiteral("second")).toString()));
}

} // namespace muelle::engine::dbus
