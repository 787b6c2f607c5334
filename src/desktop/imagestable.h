#pragma once
// The images as the page's table shows them: sorted by a column (one of the
// images model's roles: repository, tag, shortId, size, created), either way.
// Numbers compare as numbers, text in the user's language's order, any
// case; "<none>" comes last both ways. It stays sorted as the list changes.

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class ImagesTable : public QSortFilterProxyModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(ImagesTable)
    QML_SINGLETON
    // A role name of the source; another is refused (a warning).
    Q_PROPERTY(QString sortColumn READ sortColumn WRITE setSortColumn NOTIFY sortColumnChanged)
    Q_PROPERTY(bool ascending READ ascending WRITE setAscending NOTIFY ascendingChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    // The app's one ImagesTable (DesktopApp's), for QML.
    static ImagesTable *create(QQmlEngine *, QJSEngine *);
    // Newest first: by "created", descending.
    explicit ImagesTable(QAbstractItemModel &images, QObject *parent = nullptr);

    QString sortColumn() const { return sortColumn_; }
    void setSortColumn(const QString &column);
    bool ascending() const { return ascending_; }
    void setAscending(bool ascending);
    int count() const { return rowCount(); }

    // A row's roles, for QML (empty when out of range).
    Q_INVOKABLE QVariantMap get(int row) const;
    // A column header's click: the same column again turns the order round;
    // another starts ascending for text, descending for size and created.
    Q_INVOKABLE void sortBy(const QString &column);

Q_SIGNALS:
    void sortColumnChanged();
    void ascendingChanged();
    void countChanged();

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool isColumn(const QString &column) const;
    void resort();

    QString sortColumn_ = QStringLiteral("created");
    bool ascending_ = false;
    QCollator collator_;
};

} // namespace muelle::desktop
