#pragma once
// A list read from a registry through the engine, page by page: whether it
// is still being read, the last error in the engine's words, and a row as a
// map of its roles (for QML and tests). RepositoriesModel and TagsModel.

#include <QAbstractListModel>

namespace muelle::desktop {

class RemoteList : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    using QAbstractListModel::QAbstractListModel;

    bool loading() const { return loading_; }
    QString lastError() const { return lastError_; }
    // A row's roles by name (empty when out of range).
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void loadingChanged();
    void lastErrorChanged();

protected:
    void setLoading(bool loading);
    void setError(const QString &error);

private:
    bool loading_ = false;
    QString lastError_;
};

// `model`'s row as a map of its role names to values.
QVariantMap rowAsMap(const QAbstractItemModel &model, int row);

} // namespace muelle::desktop
