#include "desktop/resourcemodels.h"

#include <QDateTime>
#include <QJsonDocument>

namespace muelle::desktop {
namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

ImagesModel::ImagesModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("tags"), QStringLiteral("shortId"), QStringLiteral("size"),
            QStringLiteral("created") },
        QStringLiteral("image"), parent)
{
}

Request ImagesModel::listRequest() const
{
    return { QStringLiteral("Images"), QStringLiteral("List"), {} };
}

QList<QVariantMap> ImagesModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    for (const QJsonValue &value : answer.toArray()) {
        const QJsonObject image = value.toObject();
        const QString id = image.value(u"Id").toString();
        QStringList tags;
        for (const QJsonValue &tag : image.value(u"RepoTags").toArray())
            tags.append(tag.toString());
        rows.append({ { QStringLiteral("key"), id },
            { QStringLiteral("tags"), tags.isEmpty() ? QStringLiteral("<none>") : tags.join(QStringLiteral(", ")) },
            { QStringLiteral("shortId"), id.section(u':', -1).left(12) },
            { QStringLiteral("size"), image.value(u"Size").toDouble() },
            { QStringLiteral("created"), image.value(u"Created").toInteger() } });
    }
    // Newest first, as docker images lists them.
    std::stable_sort(rows.begin(), rows.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("created")).toLongLong() > b.value(QStringLiteral("created")).toLongLong();
    });
    return rows;
}

void ImagesModel::remove(const QString &id, bool force)
{
    act({ QStringLiteral("Images"), QStringLiteral("Remove"), { id }, { { QStringLiteral("force"), force } } });
}

void ImagesModel::tag(const QString &id, const QString &target)
{
    act({ QStringLiteral("Images"), QStringLiteral("Tag"), { id, target.trimmed() } });
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

Request ImageHistoryModel::listRequest() const
{
    return { QStringLiteral("Images"), QStringLiteral("History"), { image_ } };
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

Request VolumesModel::listRequest() const
{
    return { QStringLiteral("Volumes"), QStringLiteral("List"), {} };
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
    act({ QStringLiteral("Volumes"), QStringLiteral("Create"),
        { compact({ { QStringLiteral("Name"), name.trimmed() } }) } });
}

void VolumesModel::remove(const QString &name)
{
    act({ QStringLiteral("Volumes"), QStringLiteral("Remove"), { name } });
}

void VolumesModel::prune()
{
    act({ QStringLiteral("Volumes"), QStringLiteral("Prune"), {}, { { QStringLiteral("all"), true } } });
}

NetworksModel::NetworksModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("name"), QStringLiteral("driver"), QStringLiteral("subnet"),
            QStringLiteral("predefined") },
        QStringLiteral("network"), parent)
{
}

Request NetworksModel::listRequest() const
{
    return { QStringLiteral("Networks"), QStringLiteral("List"), {} };
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
    act({ QStringLiteral("Networks"), QStringLiteral("Create"), { compact(body) } });
}

void NetworksModel::remove(const QString &id)
{
    act({ QStringLiteral("Networks"), QStringLiteral("Remove"), { id } });
}

void NetworksModel::prune()
{
    act({ QStringLiteral("Networks"), QStringLiteral("Prune"), {} });
}

} // namespace muelle::desktop
