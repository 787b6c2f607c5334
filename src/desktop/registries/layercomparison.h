#pragma once
// Two images' layers compared, for the tag page's Compare: which layers
// they share (by digest: stored once, pulled once), which each has alone,
// and how their sizes differ. Layers as Registries.Describe lists them:
// [{"digest", "size", ...}].

#include <QJsonArray>
#include <QVariantMap>

namespace muelle::desktop {

struct LayerComparison {
    int shared = 0;
    qint64 sharedSize = 0;
    QJsonArray onlyFirst; // in the first image's order
    QJsonArray onlySecond;
    qint64 firstSize = 0;
    qint64 secondSize = 0;

    // second - first: what moving from the first to the second adds.
    qint64 delta() const { return secondSize - firstSize; }
    // For QML: shared, sharedSize, onlyFirst, onlySecond, firstSize, secondSize, delta.
    QVariantMap toMap() const;
};

LayerComparison compareLayers(const QJsonArray &first, const QJsonArray &second);

} // namespace muelle::desktop
