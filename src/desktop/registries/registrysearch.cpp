#include "desktop/registries/registrysearch.h"

#include "desktop/registries/remotelist.h"

#include <QJsonArray>

namespace muelle::desktop {

RegistrySearch::RegistrySearch(EngineClient &client, QObject *parent) : QAbstractListModel(parent), client_(client)
{
    debounce_.setSingleShot(true);
    debounce_.setInterval(debounceMs);
    connect(&debounce_, &QTimer::timeout, this, &RegistrySearch::start);
    connect(&client_, &EngineClient::searchResults, this,
        [this](const QString &job, const QString &registry, const QJsonArray &results) {
            QList<Row> rows;
            for (const QJsonValue &result : results)
                rows.append(Row{ registry, QStringLiteral("result"), result.toObject(), {} });
            if (rows.isEmpty())
                rows.append(Row{ registry, QStringLiteral("none"), {}, {} });
            answered(job, registry, rows);
        });
    connect(&client_, &EngineClient::searchFailed, this,
        [this](const QString &job, const QString &registry, const QString &message) {
            answered(job, registry, { Row{ registry, QStringLiteral("failed"), {}, message } });
        });
    connect(&client_, &EngineClient::searchFinished, this, [this](const QString &job) {
        if (awaitingJob_) {
            early_.append([this, job] {
                if (job != job_)
                    return;
                setSearching(false);
                Q_EMIT finished();
            });
            return;
        }
        if (job != job_)
            return;
        setSearching(false);
        Q_EMIT finished();
    });
}

int RegistrySearch::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant RegistrySearch::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows_.size())
        return {};
    const Row &row = rows_.at(index.row());
    const QJsonObject &result = row.result;
    switch (role) {
    case RegistryRole:
        return row.registry;
    case KindRole:
        return row.kind;
    case NameRole:
        return result.value(u"name").toString();
    case ReferenceRole: {
        if (row.kind != u"result")
            return QString();
        const QString tag = result.value(u"latest_tag").toString();
        return row.registry + u'/' + result.value(u"name").toString() + (tag.isEmpty() ? QString() : u':' + tag);
    }
    case DescriptionRole:
        return row.kind == u"failed" ? row.problem : result.value(u"description").toString();
    case StarsRole:
        return result.value(u"stars").toInt();
    case OfficialRole:
        return result.value(u"official").toBool();
    case LatestTagRole:
        return result.value(u"latest_tag").toString();
    case SizeRole:
        return double(result.value(u"size").toInteger());
    case PlatformsRole: {
        QStringList platforms;
        for (const QJsonValue &platform : result.value(u"platforms").toArray())
            platforms.append(platform.toString());
        return platforms.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> RegistrySearch::roleNames() const
{
    return { { RegistryRole, "registry" }, { KindRole, "kind" }, { NameRole, "name" }, { ReferenceRole, "reference" },
        { DescriptionRole, "description" }, { StarsRole, "stars" }, { OfficialRole, "official" },
        { LatestTagRole, "latestTag" }, { SizeRole, "size" }, { PlatformsRole, "platforms" } };
}

QVariantMap RegistrySearch::get(int row) const
{
    return rowAsMap(*this, row);
}

int RegistrySearch::results() const
{
    return int(std::count_if(rows_.cbegin(), rows_.cend(), [](const Row &row) { return row.kind == u"result"; }));
}

void RegistrySearch::setTerms(const QString &terms)
{
    const QString cut = terms.left(maxTerms);
    if (cut == terms_)
        return;
    terms_ = cut;
    Q_EMIT termsChanged();
    debounce_.start();
}

void RegistrySearch::searchNow()
{
    debounce_.stop();
    start();
}

void RegistrySearch::setSearching(bool searching)
{
    if (searching_ == searching)
        return;
    searching_ = searching;
    Q_EMIT searchingChanged();
}

void RegistrySearch::start()
{
    const quint64 asked = ++asked_;
    job_.clear();
    early_.clear();
    beginResetModel();
    rows_.clear();
    endResetModel();
    Q_EMIT countChanged();
    if (!lastError_.isEmpty()) {
        lastError_.clear();
        Q_EMIT lastErrorChanged();
    }
    if (terms_.trimmed().isEmpty()) {
        awaitingJob_ = false;
        return setSearching(false);
    }
    setSearching(true);
    awaitingJob_ = true;
    client_.searchRegistries(terms_.trimmed(), whileAlive(this, [this, asked](Result<QString> job) {
        if (asked != asked_)
            return;
        awaitingJob_ = false;
        if (!job) {
            lastError_ = job.error().message;
            Q_EMIT lastErrorChanged();
            return setSearching(false);
        }
        job_ = *job;
        const QList<std::function<void()>> early = std::exchange(early_, {});
        for (const auto &replay : early)
            replay();
    }));
}

void RegistrySearch::answered(const QString &job, const QString &registry, QList<Row> rows)
{
    if (awaitingJob_) {
        early_.append([this, job, registry, rows] { answered(job, registry, rows); });
        return;
    }
    if (job != job_ || job.isEmpty())
        return;
    // The group goes where its host sorts; a registry answers once.
    qsizetype at = 0;
    while (at < rows_.size() && rows_.at(at).registry < registry)
        ++at;
    beginInsertRows({}, int(at), int(at + rows.size() - 1));
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows_.insert(at + i, rows.at(i));
    endInsertRows();
    Q_EMIT countChanged();
}

} // namespace muelle::desktop
