#include "engine/api/dbus/networks.h"

#include "engine/api/docker/networks.h"
#include "engine/network/service.h"

namespace muelle::engine::dbus {

NetworksObject::NetworksObject(CallerCheck &callers, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString NetworksObject::List(const QVariantMap &options)
{
    if (!authorised(&NetworksObject::List, options) || !this->options(options, {}))
        return {};
    return compactJson(docker::networksJson(engine_));
}

QString NetworksObject::Create(const QString &config, const QVariantMap &options)
{
    if (!authorised(&NetworksObject::Create, config, options) || !this->options(options, {}))
        return {};
    const auto body = jsonObject(config);
    return body ? answer(docker::createNetwork(engine_, *body)) : QString();
}

QString NetworksObject::Inspect(const QString &name, const QVariantMap &options)
{
    if (!authorised(&NetworksObject::Inspect, name, options) || !this->options(options, {}))
        return {};
    return answer(docker::networkJson(engine_, name));
}

void NetworksObject::Remove(const QString &name, const QVariantMap &options)
{
    if (!authorised(&NetworksObject::Remove, name, options) || !this->options(options, {}))
        return;
    if (auto removed = engine_.networks.remove(name); !removed)
        refuse(removed.error());
}

QString NetworksObject::Prune(const QVariantMap &options)
{
    if (!authorised(&NetworksObject::Prune, options) || !this->options(options, {}))
        return {};
    return compactJson(docker::pruneNetworks(engine_));
}

} // namespace muelle::engine::dbus
