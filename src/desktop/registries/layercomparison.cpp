#include "desktop/registries/layercomparison.h"

#include <QJsonObject>
#include <QSet>

namespace muelle::desktop {

LayerComparison compareLayers(const QJsonArray &first, const QJsonArray &second)
{
    const auto digestsOf = [](const QJsonArray &layers) {
        QSet<QString> digests;
        for (const QJsonValue &layer : layers)
            digests.insert(layer.toObject().value(u"digest").toString());
        return digests;
    };
    const QSet<QString> inFirst = digestsOf(first);
    const QSet<QString> inSecond = digestsOf(second);
    LayerComparison comparison;
    QSet<QString> counted; // a layer twice in one image is one layer shared
    for (const QJsonValue &value : first) {
        const QJsonObject layer = value.toObject();
        const QString digest = layer.value(u"digest").toString();
        comparison.firstSize += layer.value(u"size").toInteger();
        if (!inSecond.contains(digest))
            comparison.onlyFirst.append(layer);
        else if (!counted.contains(digest)) {
            counted.insert(digest);
            ++comparison.shared;
            comparison.sharedSize += layer.value(u"size").toInteger();
        }
    }
    for (const QJsonValue &value : second) {
        const QJsonObject layer = value.toObject();
        comparison.secondSize += layer.value(u"size").toInteger();
        if (!inFirst.contains(layer.value(u"digest").toString()))
            comparison.onlySecond.append(layer);
    }
    return comparison;
}

QVariantMap LayerComparison::toMap() const
{
    return { { QStringLiteral("shared"), shared }, { QStringLiteral("sharedSize"), double(sharedSize) },
        { QStringLiteral("onlyFirst"), onlyFirst.toVariantList() },
        { QStringLiteral("onlySecond"), onlySecond.toVariantList() },
        { QStringLiteral("firstSize"), double(firstSize) }, { QStringLiteral("secondSize"), double(secondSize) },
        { QStringLiteral("delta"), double(delta()) } };
}

} // namespace muelle::desktop
