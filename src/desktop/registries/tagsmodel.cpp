#include "desktop/registries/tagsmodel.h"

#include <QDateTime>

namespace muelle::desktop {

TagsModel::TagsModel(EngineClient &client, QObject *parent) : RemoteList(parent), client_(client)
{
    resort_.setSingleShot(true);
    resort_.setInterval(200);
    connect(&resort_, &QTimer::timeout, this, &TagsModel::resort);
}

int TagsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(tags_.size());
}

QVariant TagsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= tags_.size())
        return {};
    const Tag &tag = tags_.at(index.row());
    switch (role) {
    case TagRole:
        return tag.name;
    case ReferenceRole:
        return host_ + u'/' + repository_ + u':' + tag.name;
    case DigestRole:
        return tag.digest;
    case CreatedRole:
        return tag.created;
    case SizeRole:
        return double(tag.size);
    case PlatformsRole:
        return tag.platforms;
    case DescribedRole:
        return tag.described;
    case ProblemRole:
        return tag.problem;
    default:
        return {};
    }
}

QHash<int, QByteArray> TagsModel::roleNames() const
{
    return { { TagRole, "tag" }, { ReferenceRole, "reference" }, { DigestRole, "digest" }, { CreatedRole, "created" },
        { SizeRole, "size" }, { PlatformsRole, "platforms" }, { DescribedRole, "described" },
        { ProblemRole, "problem" } };
}

int TagsModel::rowOf(const QString &tag) const
{
    for (qsizetype i = 0; i < tags_.size(); ++i) {
        if (tags_.at(i).name == tag)
            return int(i);
    }
    return -1;
}

void TagsModel::open(const QString &host, const QString &repository)
{
    ++generation_;
    resort_.stop();
    beginResetModel();
    tags_.clear();
    endResetModel();
    toDescribe_.clear();
    inFlight_ = 0;
    Q_EMIT countChanged();
    setError({});
    host_ = host;
    repository_ = repository;
    Q_EMIT repositoryChanged();
    if (host.isEmpty() || repository.isEmpty())
        return setLoading(false);
    setLoading(true);
    readPage(generation_, {});
}

void TagsModel::readPage(quint64 generation, const QString &last)
{
    client_.registryTags(
        host_, repository_, 1000, last, whileAlive(this, [this, generation, last](Result<QJsonObject> page) {
            if (generation != generation_)
                return;
            if (!page) {
                setError(page.error().message);
                return setLoading(false);
            }
            QList<Tag> added;
            for (const QJsonValue &name : page->value(u"tags").toArray()) {
                if (name.isString() && rowOf(name.toString()) < 0)
                    added.append(Tag{ name.toString(), {}, 0, 0, {}, false, {} });
            }
            if (!added.isEmpty()) {
                beginInsertRows({}, int(tags_.size()), int(tags_.size() + added.size() - 1));
                tags_.append(added);
                endInsertRows();
                Q_EMIT countChanged();
            }
            const QString next = page->value(u"next").toString();
            if (!next.isEmpty() && next != last && !added.isEmpty() && tags_.size() < maxTags)
                return readPage(generation, next);
            if (tags_.size() >= maxTags)
                setError(tr("Only the first %L1 tags are listed.").arg(maxTags));
            // Newest names first, by their order, until described.
            resort();
            for (const Tag &tag : std::as_const(tags_).first(std::min<qsizetype>(tags_.size(), maxDescribed)))
                toDescribe_.append(tag.name);
            for (int i = 0; i < describing; ++i)
                describeNext(generation);
            if (inFlight_ == 0)
                setLoading(false);
        }));
}

void TagsModel::describeNext(quint64 generation)
{
    if (toDescribe_.isEmpty())
        return;
    const QString name = toDescribe_.takeFirst();
    ++inFlight_;
    client_.describeReference(host_ + u'/' + repository_ + u':' + name, {},
        whileAlive(this, [this, generation, name](Result<QJsonObject> described) {
            if (generation != generation_)
                return;
            --inFlight_;
            const int row = rowOf(name);
            if (row >= 0) {
                Tag &tag = tags_[row];
                tag.described = true;
                if (described) {
                    tag.digest = described->value(u"digest").toString();
                    tag.size = described->value(u"size").toInteger();
                    const QJsonObject config = described->value(u"config").toObject();
                    tag.created = QDateTime::fromString(config.value(u"created").toString(), Qt::ISODateWithMs)
                                      .toSecsSinceEpoch();
                    QStringList platforms;
                    for (const QJsonValue &platform : described->value(u"platforms").toArray())
                        platforms.append(platform.toObject().value(u"platform").toString());
                    tag.platforms = platforms.join(QStringLiteral(", "));
                } else {
                    tag.problem = described.error().message;
                }
                Q_EMIT dataChanged(index(row), index(row));
                resort_.start();
            }
            describeNext(generation);
            if (inFlight_ == 0 && toDescribe_.isEmpty()) {
                resort_.stop();
                resort();
                setLoading(false);
            }
        }));
}

void TagsModel::resort()
{
    const auto newerFirst = [](const Tag &a, const Tag &b) {
        if (a.created != b.created)
            return a.created > b.created;
        return a.name > b.name; // v2 before v1, 2024-06 before 2024-05
    };
    if (std::is_sorted(tags_.cbegin(), tags_.cend(), newerFirst))
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QStringList names;
    for (const QModelIndex &index : before)
        names.append(tags_.at(index.row()).name);
    std::stable_sort(tags_.begin(), tags_.end(), newerFirst);
    for (qsizetype i = 0; i < before.size(); ++i)
        changePersistentIndex(before.at(i), index(rowOf(names.at(i))));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace muelle::desktop
