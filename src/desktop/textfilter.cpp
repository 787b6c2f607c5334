#include "desktop/textfilter.h"

namespace muelle::desktop {

TextFilter::TextFilter(QAbstractItemModel &source, QObject *parent) : QSortFilterProxyModel(parent)
{
    setSourceModel(&source);
    // A changed row may move in or out of the filter.
    setDynamicSortFilter(true);
    connect(this, &QAbstractItemModel::rowsInserted, this, &TextFilter::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &TextFilter::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &TextFilter::countChanged);
}

void TextFilter::setText(const QString &text)
{
    if (text == text_)
        return;
    text_ = text;
    refilter();
    Q_EMIT textChanged();
}

void TextFilter::refilter()
{
    invalidateFilter();
    Q_EMIT countChanged();
}

bool TextFilter::holdsText(const QString &value) const
{
    return text_.isEmpty() || value.contains(text_, Qt::CaseInsensitive);
}

} // namespace muelle::desktop
