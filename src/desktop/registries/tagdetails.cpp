#include "desktop/registries/tagdetails.h"

#include "desktop/registries/layercomparison.h"

#include <QJsonArray>

namespace muelle::desktop {

namespace {

// The reference's "host/name" and tag, split at the last ':' after the last '/'.
std::pair<QString, QString> splitReference(const QString &reference)
{
    const qsizetype at = reference.indexOf(u'@');
    if (at >= 0)
        return { reference.left(at), QString() };
    const qsizetype colon = reference.lastIndexOf(u':');
    if (colon > reference.lastIndexOf(u'/'))
        return { reference.left(colon), reference.mid(colon + 1) };
    return { reference, QString() };
}

} // namespace

QString referrerKind(const QString &artifactType)
{
    const QString type = artifactType.toLower();
    if (type.contains(u"signature") || type.contains(u"cosign") || type.contains(u"notary")
        || type.contains(u"notation"))
        return QStringLiteral("signature");
    if (type.contains(u"spdx") || type.contains(u"cyclonedx") || type.contains(u"sbom") || type.contains(u"syft"))
        return QStringLiteral("sbom");
    if (type.contains(u"in-toto") || type.contains(u"attestation") || type.contains(u"provenance")
        || type.contains(u"slsa"))
        return QStringLiteral("attestation");
    return QStringLiteral("artifact");
}

TagDetails::TagDetails(EngineClient &client, QObject *parent) : QObject(parent), client_(client) { }

QString TagDetails::repository() const
{
    return splitReference(reference_).first;
}

QString TagDetails::tag() const
{
    return splitReference(reference_).second;
}

QVariantList TagDetails::platforms() const
{
    QVariantList platforms;
    for (const QJsonValue &value : described_.value(u"platforms").toArray()) {
        const QJsonObject platform = value.toObject();
        platforms.append(QVariantMap{ { QStringLiteral("platform"), platform.value(u"platform").toString() },
            { QStringLiteral("digest"), platform.value(u"digest").toString() },
            { QStringLiteral("size"), double(platform.value(u"size").toInteger()) } });
    }
    return platforms;
}

QVariantList TagDetails::layers() const
{
    QVariantList layers;
    for (const QJsonValue &value : described_.value(u"layers").toArray()) {
        const QJsonObject layer = value.toObject();
        const QString digest = layer.value(u"digest").toString();
        layers.append(QVariantMap{ { QStringLiteral("digest"), digest },
            { QStringLiteral("shortDigest"), digest.section(u':', -1).left(12) },
            { QStringLiteral("size"), double(layer.value(u"size").toInteger()) },
            { QStringLiteral("mediaType"), layer.value(u"media_type").toString() },
            { QStringLiteral("local"), layer.value(u"local").toBool() } });
    }
    return layers;
}

int TagDetails::localLayers() const
{
    const QJsonArray layers = described_.value(u"layers").toArray();
    return int(std::count_if(layers.cbegin(), layers.cend(),
        [](const QJsonValue &layer) { return layer.toObject().value(u"local").toBool(); }));
}

QVariantList TagDetails::labels() const
{
    const QJsonObject labels = described_.value(u"config").toObject().value(u"labels").toObject();
    QVariantList list;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) // QJsonObject keeps keys sorted
        list.append(
            QVariantMap{ { QStringLiteral("key"), it.key() }, { QStringLiteral("value"), it.value().toString() } });
    return list;
}

QVariantList TagDetails::history() const
{
    QVariantList steps;
    for (const QJsonValue &value : described_.value(u"config").toObject().value(u"history").toArray()) {
        const QJsonObject step = value.toObject();
        steps.append(QVariantMap{ { QStringLiteral("createdBy"), step.value(u"created_by").toString() },
            { QStringLiteral("created"), step.value(u"created").toString() },
            { QStringLiteral("empty"), step.value(u"empty_layer").toBool() } });
    }
    return steps;
}

QVariantList TagDetails::referrers() const
{
    QVariantList referrers;
    for (const QJsonValue &value : described_.value(u"referrers").toArray()) {
        const QJsonObject referrer = value.toObject();
        const QString type = referrer.value(u"artifact_type").toString();
        referrers.append(QVariantMap{ { QStringLiteral("digest"), referrer.value(u"digest").toString() },
            { QStringLiteral("kind"), referrerKind(type) }, { QStringLiteral("artifactType"), type },
            { QStringLiteral("size"), double(referrer.value(u"size").toInteger()) },
            { QStringLiteral("created"),
                referrer.value(u"annotations").toObject().value(u"org.opencontainers.image.created").toString() } });
    }
    return referrers;
}

void TagDetails::open(const QString &reference, const QString &platform)
{
    const quint64 generation = ++generation_;
    if (reference != reference_) {
        comparison_.clear();
        Q_EMIT comparisonChanged();
    }
    reference_ = reference;
    described_ = {};
    error_.clear();
    loading_ = !reference.isEmpty();
    Q_EMIT changed();
    if (reference.isEmpty())
        return;
    client_.describeReference(reference, platform, whileAlive(this, [this, generation](Result<QJsonObject> answer) {
        if (generation != generation_)
            return;
        loading_ = false;
        if (answer)
            described_ = *answer;
        else
            error_ = answer.error().message;
        Q_EMIT changed();
    }));
}

void TagDetails::compareWith(const QString &other)
{
    const QString otherReference = repository() + u':' + other;
    comparison_ = { { QStringLiteral("other"), other }, { QStringLiteral("loading"), true } };
    Q_EMIT comparisonChanged();
    const QJsonArray mine = described_.value(u"layers").toArray();
    client_.describeReference(otherReference, platform(),
        whileAlive(this, [this, other, mine, reference = reference_](Result<QJsonObject> answer) {
            if (reference != reference_)
                return;
            if (answer) {
                comparison_ = compareLayers(mine, answer->value(u"layers").toArray()).toMap();
                comparison_.insert(QStringLiteral("error"), QString());
            } else {
                comparison_ = { { QStringLiteral("error"), answer.error().message } };
            }
            comparison_.insert(QStringLiteral("other"), other);
            comparison_.insert(QStringLiteral("loading"), false);
            Q_EMIT comparisonChanged();
        }));
}

void TagDetails::deleteTag()
{
    client_.deleteRegistryTag(reference_, whileAlive(this, [this, reference = reference_](Result<> gone) {
        if (gone)
            Q_EMIT deleted(reference);
        else
            Q_EMIT deleteFailed(gone.error().message);
    }));
}

} // namespace muelle::desktop
