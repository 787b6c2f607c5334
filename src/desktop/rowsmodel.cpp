#include "desktop/rowsmodel.h"

namespace muelle::desktop {

RowsModel::RowsModel(EngineClient &client, QStringList roles, QString eventType, QObject *parent)
    : IncrementalList(parent), client_(client), roles_(std::move(roles))
{
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(100);
    connect(&coalesce_, &QTimer::timeout, this, &RowsModel::refresh);
    connect(&client_, &EngineClient::engineEvent, this, [this, eventType](const QJsonObject &event) {
        if (event.value(u"Type").toString() == eventType)
            coalesce_.start();
    });
    connect(&client_, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            refresh();
    });
}

int RowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant RowsModel::data(const QModelIndex &index, int role) const
{
    const int column = role - (Qt::UserRole + 1);
    if (!index.isValid() || index.row() >= rows_.size() || column < 0 || column >= roles_.size())
        return {};
    return rows_.at(index.row()).value(roles_.at(column));
}

QHash<int, QByteArray> RowsModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < roles_.size(); ++i)
        names.insert(Qt::UserRole + 1 + i, roles_.at(i).toUtf8());
    return names;
}

int RowsModel::rowOf(const QString &key) const
{
    for (qsizetype i = 0; i < rows_.size(); ++i) {
        if (rows_.at(i).value(QStringLiteral("key")).toString() == key)
            return int(i);
    }
    return -1;
}

QVariantMap RowsModel::get(int row) const
{
    return row >= 0 && row < rows_.size() ? rows_.at(row) : QVariantMap();
}

void RowsModel::refresh()
{
    if (inFlight_) {
        again_ = true;
        return;
    }
    inFlight_ = true;
    list(whileAlive(this, [this](Result<QJsonValue> answer) {
        inFlight_ = false;
        if (answer) {
            apply(rowsOf(*answer));
            listed();
        } else {
            setError(answer.error().message, true);
        }
        Q_EMIT refreshed();
        if (std::exchange(again_, false))
            refresh();
    }));
}

void RowsModel::apply(const QList<QVariantMap> &rows)
{
    if (applyRows(rows_, rows, [](const QVariantMap &row) { return row.value(QStringLiteral("key")).toString(); }))
        Q_EMIT countChanged();
}

void RowsModel::actionEnded(const QString &error, const QString &message)
{
    setError(error, false);
    if (error.isEmpty())
        Q_EMIT succeeded(message);
    refresh();
}

} // namespace muelle::desktop
