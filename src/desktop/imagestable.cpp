#include "desktop/imagestable.h"

#include <QLoggingCategory>

namespace muelle::desktop {
namespace {

Q_LOGGING_CATEGORY(lcImagesTable, "muelle.desktop.imagestable")

bool isNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Float:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

bool isNone(const QVariant &value)
{
    return value.typeId() == QMetaType::QString && value.toString() == u"<none>";
}

} // namespace

ImagesTable::ImagesTable(QAbstractItemModel &images, QObject *parent) : QSortFilterProxyModel(parent)
{
    collator_.setCaseSensitivity(Qt::CaseInsensitive);
    collator_.setNumericMode(true); // "v9" before "v10"
    setSourceModel(&images);
    setDynamicSortFilter(true);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ImagesTable::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ImagesTable::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ImagesTable::countChanged);
    // A source that names its roles only once it is set up (or reset).
    connect(this, &QAbstractItemModel::modelReset, this, &ImagesTable::resort);
    resort();
}

bool ImagesTable::isColumn(const QString &column) const
{
    if (roleNames().values().contains(column.toUtf8()))
        return true;
    qCWarning(lcImagesTable, "no column \"%s\" to sort by: ignored", qPrintable(column));
    return false;
}

void ImagesTable::setSortColumn(const QString &column)
{
    if (column == sortColumn_ || !isColumn(column))
        return;
    sortColumn_ = column;
    resort();
    Q_EMIT sortColumnChanged();
}

void ImagesTable::setAscending(bool ascending)
{
    if (ascending == ascending_)
        return;
    ascending_ = ascending;
    resort();
    Q_EMIT ascendingChanged();
}

void ImagesTable::sortBy(const QString &column)
{
    if (column == sortColumn_)
        return setAscending(!ascending_);
    if (!isColumn(column))
        return;
    const bool ascending = column != u"size" && column != u"created";
    const bool turned = ascending != ascending_;
    sortColumn_ = column;
    ascending_ = ascending;
    resort();
    Q_EMIT sortColumnChanged();
    if (turned)
        Q_EMIT ascendingChanged();
}

void ImagesTable::resort()
{
    const int role = roleNames().key(sortColumn_.toUtf8(), -1);
    if (role < 0)
        return;
    setSortRole(role);
    sort(0, ascending_ ? Qt::AscendingOrder : Qt::DescendingOrder);
}

bool ImagesTable::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole()), b = right.data(sortRole());
    // Descending order asks lessThan(right, left): "<none>" stays last
    // when it is the smaller one there.
    if (isNone(a) != isNone(b))
        return isNone(a) == (sortOrder() == Qt::DescendingOrder);
    if (isNumber(a) && isNumber(b))
        return a.toDouble() < b.toDouble();
    return collator_.compare(a.toString(), b.toString()) < 0;
}

QVariantMap ImagesTable::get(int row) const
{
    QVariantMap roles;
    if (row < 0 || row >= rowCount())
        return roles;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        roles.insert(QString::fromUtf8(it.value()), index(row, 0).data(it.key()));
    return roles;
}

} // namespace muelle::desktop
