#pragma once
// A list model whose rows are replaced by the engine's latest list a step at
// a time — the gone rows removed, then each wanted row moved or inserted
// into place and changed — never a reset, so views keep their scroll
// position and selection. Rows are told apart by a key (an ID, a name).

#include <QAbstractListModel>
#include <QSet>

namespace muelle::desktop {

class IncrementalList : public QAbstractListModel {
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

protected:
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
};

} // namespace muelle::desktop
