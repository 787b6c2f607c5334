#include "engine/api/dbus/volumes.h"

#include "engine/api/docker/volumes.h"
#include "engine/volumes/volumes.h"

namespace muelle::engine::dbus {

VolumesObject::VolumesObject(CallerCheck &callers, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString VolumesObject::List(const QVariantMap &options)
{
    if (!authorised(&VolumesObject::List, options) || !this->options(options, {}))
        return {};
    auto list = engine_.volumes.list();
    if (!list) {
        refuse(list.error());
        return {};
    }
    QJsonArray volumes;
    for (const volumes::Volume &volume : *list)
        volumes.append(docker::volumeJson(volume));
    return compactJson(
        QJsonObject{ { QStringLiteral("Volumes"), volumes }, { QStringLiteral("Warnings"), QJsonArray() } });
}

QString VolumesObject::Create(const QString &config, const QVariantMap &options)
{
    if (!authorised(&VolumesObject::Create, config, options) || !this->options(options, {}))
        return {};
    const auto body = jsonObject(config);
    return body ? answer(docker::createVolume(engine_, *body)) : QString();
}

QString VolumesObject::Inspect(const QString &name, const QVariantMap &options)
{
    if (!authorised(&VolumesObject::Inspect, name, options) || !this->options(options, {}))
        return {};
    auto volume = engine_.volumes.get(name);
    return answer(volume ? Result<QJsonObject>(docker::volumeJson(*volume)) : fail(volume.error()));
}

void VolumesObject::Remove(const QString &name, const QVariantMap &given)
{
    if (!authorised(&VolumesObject::Remove, name, given))
        return;
    const auto options = this->options(given, { { QLatin1String("force"), OptionType::Bool } });
    if (!options)
        return;
    if (auto removed = engine_.volumes.remove(name, options->value(QStringLiteral("force")).toBool()); !removed)
        refuse(removed.error());
}

QString VolumesObject::Prune(const QVariantMap &given)
{
    if (!authorised(&VolumesObject::Prune, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("all"), OptionType::Bool } });
    if (!options)
        return {};
    return answer(docker::pruneVolumes(engine_, options->value(QStringLiteral("all")).toBool(), {}));
}

} // namespace muelle::engine::dbus
