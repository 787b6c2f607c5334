#include "engine/api/dbus/images.h"

#include "engine/api/rest/images.h"
#include "engine/images/images.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace muelle::engine::dbus {

ImagesObject::ImagesObject(CallerCheck &callers, rest::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString ImagesObject::List()
{
    if (!allowed())
        return {};
    auto images = engine_.images.list({});
    if (!images) {
        refuse(images.error());
        return {};
    }
    QJsonArray list;
    for (const metadata::Image &image : std::as_const(*images)) {
        auto config = engine_.images.config(image.id);
        list.append(rest::imageSummaryJson(image, config ? config->labels : QMap<QString, QString>(), -1));
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

QString ImagesObject::Remove(const QString &name, bool force)
{
    if (!allowed())
        return {};
    auto removed = engine_.images.remove(name, force, false);
    if (!removed) {
        refuse(removed.error());
        return {};
    }
    return QString::fromUtf8(QJsonDocument(rest::removalsJson(*removed)).toJson(QJsonDocument::Compact));
}

} // namespace muelle::engine::dbus
