#include "engine/api/dbus/volumes.h"

#include "engine/api/rest/volumes.h"
#include "engine/volumes/volumes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace muelle::engine::dbus {

VolumesObject::VolumesObject(CallerCheck &callers, rest::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString VolumesObject::List()
{
    if (!allowed())
        return {};
    auto list = engine_.volumes.list();
    if (!list) {
        refuse(list.error());
        return {};
    }
    QJsonArray volumes;
    for (const volumes::Volume &volume : *list)
        volumes.append(rest::volumeJson(volume));
    const QJsonObject body{ { QStringLiteral("Volumes"), volumes }, { QStringLiteral("Warnings"), QJsonArray() } };
    return QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void VolumesObject::Remove(const QString &name, bool force)
{
    if (!allowed())
        return;
    if (auto removed = engine_.volumes.remove(name, force); !removed)
        refuse(removed.error());
}

} // namespace muelle::engine::dbus
