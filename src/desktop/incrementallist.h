#pragma once
// A list model whose rows are replaced by the engine's latest list a step at
// a time — the gone rows removed, then each wanted row moved or inserted
// into place and changed — never a reset, so views keep their scroll
// position and selection. Rows are told apart by a key (an ID, a name).
// It also keeps the list's last error, in the engine's words: a failed
// listing's until the engine lists again, an action's until the next action.
// An action that worked says so in a short sentence for a toast: succeeded().

#include <QAbstractListModel>
#include <QSet>

namespace muelle::desktop {

class IncrementalList : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    using QAbstractListModel::QAbstractListModel;

    QString lastError() const { return lastError_; }

Q_SIGNALS:
    void lastErrorChanged();
    // An action worked: what happened, in words ("Removed alpine:3.19").
    void succeeded(const QString &message);

protected:
    // `fromRefresh`: the error (or success) of a listing, else of an action.
    void setError(const QString &error, bool fromRefresh)
    {
        errorFromRefresh_ = fromRefresh && !error.isEmpty();
        if (error == lastError_)
            return;
        lastError_ = error;
        Q_EMIT lastErrorChanged();
    }
    // The engine listed again: a listing's error is over, an action's stays.
    void listed()
    {
        if (errorFromRefresh_)
            setError({}, true);
    }

    // Turns `current` into `wanted`; keyOf(row) is a row's key. Returns
    // whether the number of rows changed.
    template <typename Row, typename KeyOf> bool applyRows(QList<Row> &current, const QList<Row> &wanted, KeyOf keyOf)
    {
        const qsizetype before = current.size();
        QSet<QString> keys;
        for (const Row &row : wanted)
            keys.insert(keyOf(row));
        for (int i = int(current.size()) - 1; i >= 0; --i) {
            if (!keys.contains(keyOf(current.at(i)))) {
                beginRemoveRows({}, i, i);
                current.removeAt(i);
                endRemoveRows();
            }
        }
        for (int i = 0; i < wanted.size(); ++i) {
            const QString key = keyOf(wanted.at(i));
            int at = -1;
            for (int j = i; j < current.size() && at < 0; ++j)
                at = keyOf(current.at(j)) == key ? j : -1;
            if (at < 0) {
                beginInsertRows({}, i, i);
                current.insert(i, wanted.at(i));
                endInsertRows();
                continue;
            }
            if (at != i) {
                beginMoveRows({}, at, at, {}, i);
                current.move(at, i);
                endMoveRows();
            }
            if (!(current.at(i) == wanted.at(i))) {
                current[i] = wanted.at(i);
                Q_EMIT dataChanged(index(i), index(i));
            }
        }
        return current.size() != before;
    }

private:
    QString lastError_;
    bool errorFromRefresh_ = false;
};

} // namespace muelle::desktop
