#include "engine/api/dbus/networks.h"

#include "engine/api/rest/networks.h"
#include "engine/network/service.h"

namespace muelle::engine::dbus {

NetworksObject::NetworksObject(CallerCheck &callers, rest::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString NetworksObject::List(const QVariantMap &options)
{
    if (!allowed() || !this->options(options, {}))
        return {};
    return compactJson(rest::networksJson(engine_));
}

QString NetworksObject::Create(const QString &config, const QVariantMap &options)
{
    if (!allowed() || !this->options(options, {}))
        return {};
    const auto body = jsonObject(config);
    return body ? answer(rest::createNetwork(engine_, *body)) : QString();
}

QString NetworksObject::Inspect(const QString &name, const QVariantMap &options)
{
    if (!allowed() || !this->options(options, {}))
        return {};
    return answer(rest::networkJson(engine_, name));
}

void NetworksObject::Remove(const QString &name, const QVariantMap &options)
{
    if (!allowed() || !this->options(options, {}))
        return;
    if (auto removed = engine_.networks.remove(name); !removed)
        refuse(removed.error());
}

QString NetworksObject::Prune(const QVariantMap &options)
{
    if (!allowed() || !this->options(options, {}))
        return {};
    return compactJson(rest::pruneNetworks(engine_));
}

} // namespace muelle::engine::dbus
