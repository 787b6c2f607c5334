#include "desktop/resourcemodels.h"

#include <QDateTime>

namespace muelle::desktop {

ImagesModel::ImagesModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("id"), QStringLiteral("reference"), QStringLiteral("tags"),
            QStringLiteral("repository"), QStringLiteral("tag"), QStringLiteral("shortId"), QStringLiteral("size"),
            QStringLiteral("created") },
        QStringLiteral("image"), parent)
{
}

std::pair<QString, QString> splitRepoTag(const QString &repoTag)
{
    const QString none = QStringLiteral("<none>");
    const qsizetype colon = repoTag.lastIndexOf(u':');
    if (colon < 0 || colon < repoTag.lastIndexOf(u'/'))
        return { repoTag.isEmpty() ? none : repoTag, none };
    const QString repository = repoTag.left(colon), tag = repoTag.mid(colon + 1);
    return { repository.isEmpty() ? none : repository, tag.isEmpty() ? none : tag };
}

void ImagesModel::list(Listed done)
{
    client_.listImages(listedAs<QJsonArray>(std::move(done)));
}

QList<QVariantMap> ImagesModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    for (const QJsonValue &value : answer.toArray()) {
        const QJsonObject image = value.toObject();
        const QString id = image.value(u"Id").toString();
        QStringList tags;
        for (const QJsonValue &tag : image.value(u"RepoTags").toArray()) {
            if (tag.toString() != u"<none>:<none>")
                tags.append(tag.toString());
        }
        // A row per name, as docker images lists them; an image without one
        // (dangling) is a row of its own, by its ID.
        const QStringList references = tags.isEmpty() ? QStringList{ QString() } : tags;
        for (const QString &reference : references) {
            const auto [repository, tag] = splitRepoTag(reference);
            rows.append({ { QStringLiteral("key"), reference.isEmpty() ? id : reference }, { QStringLiteral("id"), id },
                { QStringLiteral("reference"), reference },
                { QStringLiteral("tags"), tags.isEmpty() ? QStringLiteral("<none>") : tags.join(QStringLiteral(", ")) },
                { QStringLiteral("repository"), repository }, { QStringLiteral("tag"), tag },
                { QStringLiteral("shortId"), id.section(u':', -1).left(12) },
                { QStringLiteral("size"), image.value(u"Size").toDouble() },
                { QStringLiteral("created"), image.value(u"Created").toInteger() } });
        }
    }
    // Newest first, as docker images lists them.
    std::stable_sort(rows.begin(), rows.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("created")).toLongLong() > b.value(QStringLiteral("created")).toLongLong();
    });
    return rows;
}

QString ImagesModel::nameOf(const QString &key) const
{
    const QVariantMap row = get(rowOf(key));
    if (row.isEmpty())
        return key;
    const QString reference = row.value(QStringLiteral("reference")).toString();
    return reference.isEmpty() ? row.value(QStringLiteral("shortId")).toString() : reference;
}

void ImagesModel::remove(const QString &image, bool force)
{
    client_.removeImage(image, force, acted<QJsonArray>(tr("Removed %1").arg(nameOf(image))));
}

void ImagesModel::tag(const QString &image, const QString &target)
{
    client_.tagImage(image, target.trimmed(), acted(tr("Tagged %1 as %2").arg(nameOf(image), target.trimmed())));
}

ImageHistoryModel::ImageHistoryModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("createdBy"), QStringLiteral("size"), QStringLiteral("created"),
            QStringLiteral("comment") },
        QStringLiteral("image"), parent)
{
}

void ImageHistoryModel::open(const QString &image)
{
    image_ = image;
    Q_EMIT imageChanged();
    refresh();
}

void ImageHistoryModel::list(Listed done)
{
    client_.imageHistory(image_, listedAs<QJsonArray>(std::move(done)));
}

QList<QVariantMap> ImageHistoryModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    const QJsonArray steps = answer.toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        rows.append({ { QStringLiteral("key"), QString::number(i) },
            { QStringLiteral("createdBy"), step.value(u"CreatedBy").toString() },
            { QStringLiteral("size"), step.value(u"Size").toDouble() },
            { QStringLiteral("created"), step.value(u"Created").toInteger() },
            { QStringLiteral("comment"), step.value(u"Comment").toString() } });
    }
    return rows;
}

VolumesModel::VolumesModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("driver"), QStringLiteral("mountpoint"), QStringLiteral("created") },
        QStringLiteral("volume"), parent)
{
}

void VolumesModel::list(Listed done)
{
    client_.listVolumes(listedAs<QJsonObject>(std::move(done)));
}

QList<QVariantMap> VolumesModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    for (const QJsonValue &value : answer.toObject().value(u"Volumes").toArray()) {
        const QJsonObject volume = value.toObject();
        rows.append({ { QStringLiteral("key"), volume.value(u"Name").toString() },
            { QStringLiteral("driver"), volume.value(u"Driver").toString() },
            { QStringLiteral("mountpoint"), volume.value(u"Mountpoint").toString() },
            { QStringLiteral("created"), volume.value(u"CreatedAt").toString() } });
    }
    std::sort(rows.begin(), rows.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("key")).toString() < b.value(QStringLiteral("key")).toString();
    });
    return rows;
}

void VolumesModel::create(const QString &name)
{
    const QString trimmed = name.trimmed();
    client_.createVolume({ { QStringLiteral("Name"), trimmed } },
        acted<QJsonObject>(trimmed.isEmpty() ? tr("Created a volume") : tr("Created volume %1").arg(trimmed)));
}

void VolumesModel::remove(const QString &name)
{
    client_.removeVolume(name, false, acted(tr("Removed volume %1").arg(name)));
}

void VolumesModel::prune()
{
    client_.pruneVolumes(true, acted<QJsonObject>(tr("Removed unused volumes")));
}

NetworksModel::NetworksModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("name"), QStringLiteral("driver"), QStringLiteral("subnet"),
            QStringLiteral("predefined") },
        QStringLiteral("network"), parent)
{
}

void NetworksModel::list(Listed done)
{
    client_.listNetworks(listedAs<QJsonArray>(std::move(done)));
}

QList<QVariantMap> NetworksModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    for (const QJsonValue &value : answer.toArray()) {
        const QJsonObject network = value.toObject();
        const QString name = network.value(u"Name").toString();
        const QJsonArray config = network.value(u"IPAM").toObject().value(u"Config").toArray();
        rows.append({ { QStringLiteral("key"), network.value(u"Id").toString() }, { QStringLiteral("name"), name },
            { QStringLiteral("driver"), network.value(u"Driver").toString() },
            { QStringLiteral("subnet"),
                config.isEmpty() ? QString() : config.first().toObject().value(u"Subnet").toString() },
            { QStringLiteral("predefined"), name == u"bridge" || name == u"host" || name == u"none" } });
    }
    std::sort(rows.begin(), rows.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("name")).toString() < b.value(QStringLiteral("name")).toString();
    });
    return rows;
}

void NetworksModel::create(const QString &name, const QString &subnet)
{
    QJsonObject body{ { QStringLiteral("Name"), name.trimmed() } };
    if (!subnet.trimmed().isEmpty())
        body.insert(QStringLiteral("IPAM"),
            QJsonObject{ { QStringLiteral("Config"),
                QJsonArray{ QJsonObject{ { QStringLiteral("Subnet"), subnet.trimmed() } } } } });
    client_.createNetwork(body, acted<QJsonObject>(tr("Created network %1").arg(name.trimmed())));
}

QString NetworksModel::nameOf(const QString &id) const
{
    const QVariantMap row = get(rowOf(id));
    return row.isEmpty() ? id : row.value(QStringLiteral("name")).toString();
}

void NetworksModel::remove(const QString &id)
{
    client_.removeNetwork(id, acted(tr("Removed network %1").arg(nameOf(id))));
}

void NetworksModel::prune()
{
    client_.pruneNetworks(acted<QJsonObject>(tr("Removed unused networks")));
}

} // namespace muelle::desktop
