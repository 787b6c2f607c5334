#include "desktop/containersfilter.h"

namespace muelle::desktop {

ContainersFilter::ContainersFilter(ContainersModel &containers, QObject *parent) : TextFilter(containers, parent) { }

void ContainersFilter::setState(const QString &state)
{
    if (state == state_)
        return;
    state_ = state;
    refilter();
    Q_EMIT stateChanged();
}

bool ContainersFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString state = row.data(ContainersModel::StateRole).toString();
    const bool up = state == u"running" || state == u"paused" || state == u"restarting";
    if ((state_ == u"running" && !up) || (state_ == u"stopped" && up))
        return false;
    return holdsText(row.data(ContainersModel::NameRole).toString())
        || holdsText(row.data(ContainersModel::ImageRole).toString())
        || holdsText(row.data(ContainersModel::IdRole).toString());
}

} // namespace muelle::desktop
