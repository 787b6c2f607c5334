#include "desktop/registries/repositoriesmodel.h"

namespace muelle::desktop {

RepositoriesModel::RepositoriesModel(EngineClient &client, QObject *parent) : RemoteList(parent), client_(client) { }

int RepositoriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(shown_.size());
}

QVariant RepositoriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= shown_.size() || role != NameRole)
        return {};
    return names_.at(shown_.at(index.row()));
}

QHash<int, QByteArray> RepositoriesModel::roleNames() const
{
    return { { NameRole, "name" } };
}

QString RepositoriesModel::nameAt(int row) const
{
    return row >= 0 && row < shown_.size() ? names_.at(shown_.at(row)) : QString();
}

bool RepositoriesModel::matches(const QString &name) const
{
    return filter_.isEmpty() || name.contains(filter_, Qt::CaseInsensitive);
}

void RepositoriesModel::setFilter(const QString &filter)
{
    const QString trimmed = filter.trimmed();
    if (trimmed == filter_)
        return;
    filter_ = trimmed;
    beginResetModel();
    shown_.clear();
    for (int i = 0; i < names_.size(); ++i) {
        if (matches(names_.at(i)))
            shown_.append(i);
    }
    endResetModel();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

void RepositoriesModel::open(const QString &host)
{
    ++generation_;
    beginResetModel();
    names_.clear();
    shown_.clear();
    endResetModel();
    Q_EMIT countChanged();
    setError({});
    if (host_ != host) {
        host_ = host;
        Q_EMIT hostChanged();
    }
    if (host.isEmpty())
        return setLoading(false);
    setLoading(true);
    readPage(generation_, {});
}

void RepositoriesModel::readPage(quint64 generation, const QString &last)
{
    const int limit = last.isEmpty() ? firstPage : laterPage;
    client_.registryCatalog(host_, limit, last, whileAlive(this, [this, generation, last](Result<QJsonObject> page) {
        if (generation != generation_)
            return;
        if (!page) {
            setError(page.error().message);
            return setLoading(false);
        }
        QStringList names;
        for (const QJsonValue &name : page->value(u"repositories").toArray()) {
            if (name.isString())
                names.append(name.toString());
        }
        const bool first = last.isEmpty();
        append(names);
        if (first)
            Q_EMIT firstPageShown();
        const QString next = page->value(u"next").toString();
        // A registry that answers its own `last` again would never end.
        if (next.isEmpty() || next == last || names.isEmpty())
            return setLoading(false);
        if (names_.size() >= maxNames) {
            setError(tr("Only the first %L1 repositories are listed.").arg(maxNames));
            return setLoading(false);
        }
        readPage(generation, next);
    }));
}

void RepositoriesModel::append(const QStringList &names)
{
    QList<int> matching;
    const int start = int(names_.size());
    names_.append(names);
    for (int i = start; i < names_.size(); ++i) {
        if (matches(names_.at(i)))
            matching.append(i);
    }
    if (!matching.isEmpty()) {
        beginInsertRows({}, int(shown_.size()), int(shown_.size() + matching.size() - 1));
        shown_.append(matching);
        endInsertRows();
    }
    Q_EMIT countChanged();
}

} // namespace muelle::desktop
