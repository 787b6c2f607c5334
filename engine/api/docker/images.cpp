#include "engine/api/docker/images.h"

#include "engine/api/docker/json.h"
#include "engine/distribution/progress.h"
#include "engine/images/images.h"

#include <QJsonDocument>

namespace muelle::engine::docker {
namespace {

using images::familiar;

QJsonArray familiarTags(const metadata::Image &image)
{
    QJsonArray tags;
    for (const QString &tag : image.tags)
        tags.append(familiar(tag));
    return tags;
}

QJsonArray repoDigests(const metadata::Image &image)
{
    QJsonArray digests;
    for (const metadata::RepoDigest &digest : image.repoDigests)
        digests.append(familiar(digest.repository) + u'@' + digest.digest.toString());
    return digests;
}

} // namespace

Result<oci::Reference> referenceOf(const QString &name, const QString &tag)
{
    QString text = name;
    if (!tag.isEmpty())
        text += (tag.startsWith(u"sha256:") ? u'@' : u':') + tag;
    auto reference = oci::Reference::parse(text);
    if (!reference)
        return fail(
            Code::InvalidArgument, QStringLiteral("invalid reference format: %1").arg(reference.error().message));
    return reference;
}

QJsonObject progressJson(const distribution::Progress &progress)
{
    QJsonObject line;
    if (!progress.aux.isEmpty()) {
        line.insert(QStringLiteral("progressDetail"), QJsonObject{});
        line.insert(QStringLiteral("aux"), progress.aux);
        return line;
    }
    line.insert(QStringLiteral("status"), progress.status);
    if (!progress.id.isEmpty()) {
        line.insert(QStringLiteral("id"), progress.id);
        QJsonObject detail;
        if (progress.current >= 0) {
            detail.insert(QStringLiteral("current"), progress.current);
            if (progress.total > 0)
                detail.insert(QStringLiteral("total"), progress.total);
        }
        line.insert(QStringLiteral("progressDetail"), detail);
    }
    return line;
}

QJsonObject imageSummaryJson(const metadata::Image &image, const QMap<QString, QString> &labels, qint64 sharedSize)
{
    QJsonObject labelObject;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        labelObject.insert(it.key(), it.value());
    return { { QStringLiteral("Id"), image.id.toString() },
        { QStringLiteral("ParentId"), image.parent.isValid() ? image.parent.toString() : QString() },
        { QStringLiteral("RepoTags"), familiarTags(image) }, { QStringLiteral("RepoDigests"), repoDigests(image) },
        { QStringLiteral("Created"), image.created.toSecsSinceEpoch() }, { QStringLiteral("Size"), image.size },
        { QStringLiteral("VirtualSize"), image.size }, { QStringLiteral("SharedSize"), sharedSize },
        { QStringLiteral("Labels"), labelObject }, { QStringLiteral("Containers"), -1 } };
}

Result<QJsonObject> imageJson(Engine &engine, const QString &name)
{
    auto details = engine.images.inspect(name);
    if (!details)
        return fail(details.error());
    const metadata::Image &image = details->image;
    const oci::ImageConfig &config = details->config;
    QJsonArray layers;
    for (const metadata::Layer &layer : image.layers)
        layers.append(layer.diffId.toString());
    QJsonObject body{ { QStringLiteral("Id"), image.id.toString() },
        { QStringLiteral("RepoTags"), familiarTags(image) }, { QStringLiteral("RepoDigests"), repoDigests(image) },
        { QStringLiteral("Parent"), image.parent.isValid() ? image.parent.toString() : QString() },
        { QStringLiteral("Comment"), config.raw.value(u"comment").toString() },
        { QStringLiteral("Created"), rfc3339(config.created.isValid() ? config.created : image.created) },
        { QStringLiteral("DockerVersion"), config.raw.value(u"docker_version").toString() },
        { QStringLiteral("Author"), config.author },
        { QStringLiteral("Config"), config.raw.value(u"config").toObject() },
        { QStringLiteral("Architecture"), config.platform.architecture }, { QStringLiteral("Os"), config.platform.os },
        { QStringLiteral("Size"), image.size }, { QStringLiteral("VirtualSize"), image.size },
        { QStringLiteral("GraphDriver"),
            QJsonObject{ { QStringLiteral("Name"), engine.images.storageDriver() },
                { QStringLiteral("Data"), QJsonObject{} } } },
        { QStringLiteral("RootFS"),
            QJsonObject{ { QStringLiteral("Type"), QStringLiteral("layers") }, { QStringLiteral("Layers"), layers } } },
        { QStringLiteral("Metadata"), QJsonObject{ { QStringLiteral("LastTagTime"), rfc3339(image.added) } } } };
    if (!config.platform.variant.isEmpty())
        body.insert(QStringLiteral("Variant"), config.platform.variant);
    return body;
}

Result<QJsonArray> imageHistoryJson(Engine &engine, const QString &name)
{
    auto details = engine.images.inspect(name);
    if (!details)
        return fail(details.error());
    const metadata::Image &image = details->image;
    QList<oci::HistoryEntry> history = details->config.history;
    if (history.isEmpty()) {
        for (int i = 0; i < image.layers.size(); ++i)
            history.append(oci::HistoryEntry{ details->config.created, {}, {}, {}, false });
    }
    // Each entry that made a layer takes the next layer's size.
    QJsonArray entries;
    int layer = 0;
    for (const oci::HistoryEntry &entry : std::as_const(history)) {
        const qint64 size = entry.emptyLayer || layer >= image.layers.size() ? 0 : image.layers[layer++].size;
        entries.prepend(QJsonObject{ { QStringLiteral("Id"), QStringLiteral("<missing>") },
            { QStringLiteral("Created"), entry.created.toSecsSinceEpoch() },
            { QStringLiteral("CreatedBy"), entry.createdBy }, { QStringLiteral("Tags"), QJsonValue::Null },
            { QStringLiteral("Size"), size }, { QStringLiteral("Comment"), entry.comment } });
    }
    // As Docker: the entries from the top take the IDs of the image and its
    // parents (the steps of a build), one each, while there are parents.
    std::optional<metadata::Image> step = image;
    for (qsizetype i = 0; i < entries.size() && step; ++i) {
        QJsonObject entry = entries.at(i).toObject();
        entry.insert(QStringLiteral("Id"), step->id.toString());
        entry.insert(QStringLiteral("Tags"), step->tags.isEmpty() ? QJsonValue(QJsonValue::Null) : familiarTags(*step));
        entries.replace(i, entry);
        auto parent = step->parent.isValid() ? engine.images.metadata().image(step->parent)
                                             : Result<metadata::Image>(fail(Code::NotFound, QString()));
        step = parent ? std::optional(*parent) : std::nullopt;
    }
    return entries;
}

QJsonArray removalsJson(const QList<images::Removal> &removals)
{
    QJsonArray list;
    for (const images::Removal &removal : removals) {
        list.append(removal.deleted.isEmpty() ? QJsonObject{ { QStringLiteral("Untagged"), removal.untagged } }
                                              : QJsonObject{ { QStringLiteral("Deleted"), removal.deleted } });
    }
    return list;
}

} // namespace muelle::engine::docker
