#include "desktop/registries/remotelist.h"

namespace muelle::desktop {

QVariantMap rowAsMap(const QAbstractItemModel &model, int row)
{
    QVariantMap map;
    if (row < 0 || row >= model.rowCount())
        return map;
    const QHash<int, QByteArray> names = model.roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), model.data(model.index(row, 0), it.key()));
    return map;
}

QVariantMap RemoteList::get(int row) const
{
    return rowAsMap(*this, row);
}

void RemoteList::setLoading(bool loading)
{
    if (loading_ == loading)
        return;
    loading_ = loading;
    Q_EMIT loadingChanged();
}

void RemoteList::setError(const QString &error)
{
    if (lastError_ == error)
        return;
    lastError_ = error;
    Q_EMIT lastErrorChanged();
}

} // namespace muelle::desktop
