#pragma once
// The containers list as the page shows it: only the rows whose name,
// image or ID hold the search text, and only running or only stopped ones
// when asked.

#include "desktop/containersmodel.h"
#include "desktop/textfilter.h"

#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class ContainersFilter : public TextFilter {
    Q_OBJECT
    QML_NAMED_ELEMENT(ContainersFilter)
    QML_SINGLETON
    Q_PROPERTY(QString state READ state WRITE setState NOTIFY stateChanged) // "", "running", "stopped"
public:
    // The app's one ContainersFilter (DesktopApp's), for QML.
    static ContainersFilter *create(QQmlEngine *, QJSEngine *);
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
