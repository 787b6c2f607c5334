#pragma once
// The containers list as the page shows it: only the rows whose name,
// image or ID hold the search text, and only running or only stopped ones
// when asked.

#include "desktop/containersmodel.h"
#include "desktop/textfilter.h"

namespace muelle::desktop {

class ContainersFilter : public TextFilter {
    Q_OBJECT
    Q_PROPERTY(QString state READ state WRITE setState NOTIFY stateChanged) // "", "running", "stopped"
public:
    explicit ContainersFilter(ContainersModel &containers, QObject *parent = nullptr);

    QString state() const { return state_; }
    void setState(const QString &state);

Q_SIGNALS:
    void stateChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString state_;
};

} // namespace muelle::desktop
