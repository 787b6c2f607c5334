#pragma once
// A filtered view of a list for QML: the rows that match a search text
// (what matches is the subclass's filterAcceptsRow), and how many there are.

#include <QSortFilterProxyModel>

namespace muelle::desktop {

class TextFilter : public QSortFilterProxyModel {
    Q_OBJECT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit TextFilter(QAbstractItemModel &source, QObject *parent = nullptr);

    QString text() const { return text_; }
    void setText(const QString &text);
    int count() const { return rowCount(); }

Q_SIGNALS:
    void textChanged();
    void countChanged();

protected:
    // Filters again after what filterAcceptsRow reads changed.
    void refilter();
    // Whether `value` holds the text (any case); everything does an empty text.
    bool holdsText(const QString &value) const;

private:
    QString text_;
};

} // namespace muelle::desktop
