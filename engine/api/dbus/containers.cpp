#include "engine/api/dbus/containers.h"

#include "engine/api/rest/containerjson.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <csignal>

namespace muelle::engine::dbus {

ContainersObject::ContainersObject(CallerCheck &callers, rest::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

std::function<void(Result<>)> ContainersObject::done()
{
    Answer answer = answerLater();
    return [answer](Result<> result) { answer(result ? Result<QVariantList>() : fail(result.error())); };
}

QString ContainersObject::List(bool all)
{
    if (!allowed())
        return {};
    containers::ListOptions options;
    options.all = all;
    auto list = engine_.containers.list(options);
    if (!list) {
        refuse(list.error());
        return {};
    }
    QJsonArray entries;
    for (const containers::Container &container : *list)
        entries.append(
            rest::listEntryJson(container, engine_.images.config(container.image).value_or(oci::ImageConfig()),
                engine_.containers.networksOf(container)));
    return QString::fromUtf8(QJsonDocument(entries).toJson(QJsonDocument::Compact));
}

QString ContainersObject::Inspect(const QString &name)
{
    if (!allowed())
        return {};
    auto container = engine_.containers.find(name);
    if (!container) {
        refuse(container.error());
        return {};
    }
    const Paths &paths = engine_.containers.paths();
    const QJsonObject object
        = rest::inspectJson(*container, engine_.images.config(container->image).value_or(oci::ImageConfig()),
            { paths.container(container->id), paths.containerLog(container->id), paths.volumesDir() },
            engine_.containers.networksOf(*container));
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void ContainersObject::Start(const QString &name)
{
    if (!allowed())
        return;
    engine_.containers.start(
        name, [reply = done()](Result<bool> started) { reply(started ? Result<>() : fail(started.error())); });
}

void ContainersObject::Stop(const QString &name, int timeout)
{
    if (!allowed())
        return;
    const std::optional<int> seconds = timeout == -2 ? std::nullopt : std::optional<int>(timeout);
    engine_.containers.stop(
        name, seconds, [reply = done()](Result<bool> stopped) { reply(stopped ? Result<>() : fail(stopped.error())); });
}

void ContainersObject::Restart(const QString &name, int timeout)
{
    if (!allowed())
        return;
    const std::optional<int> seconds = timeout == -2 ? std::nullopt : std::optional<int>(timeout);
    engine_.containers.restart(name, seconds, done());
}

void ContainersObject::Kill(const QString &name, const QString &signal)
{
    if (!allowed())
        return;
    const std::optional<int> number = signal.isEmpty() ? std::optional<int>(SIGKILL) : containers::signalNumber(signal);
    if (!number)
        return refuse({ Code::InvalidArgument, QStringLiteral("Invalid signal: %1").arg(signal) });
    engine_.containers.kill(name, *number, done());
}

void ContainersObject::Pause(const QString &name)
{
    if (allowed())
        engine_.containers.pause(name, done());
}

void ContainersObject::Unpause(const QString &name)
{
    if (allowed())
        engine_.containers.unpause(name, done());
}

void ContainersObject::Remove(const QString &name, bool force, bool volumes)
{
    if (allowed())
        engine_.containers.remove(name, force, volumes, done());
}

} // namespace muelle::engine::dbus
