#include "engine/api/dbus/networks.h"

#include "engine/api/rest/networks.h"
#include "engine/network/service.h"

#include <QJsonDocument>

namespace muelle::engine::dbus {

NetworksObject::NetworksObject(CallerCheck &callers, rest::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString NetworksObject::List()
{
    if (!allowed())
        return {};
    return QString::fromUtf8(QJsonDocument(rest::networksJson(engine_)).toJson(QJsonDocument::Compact));
}

void NetworksObject::Remove(const QString &name)
{
    if (!allowed())
        return;
    if (auto removed = engine_.networks.remove(name); !removed)
        refuse(removed.error());
}

} // namespace muelle::engine::dbus
