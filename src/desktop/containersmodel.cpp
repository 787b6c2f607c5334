#include "desktop/containersmodel.h"

#include <QJsonArray>

namespace muelle::desktop {

namespace {

QString portsOf(const QJsonArray &ports)
{
    QStringList shown;
    for (const QJsonValue &value : ports) {
        const QJsonObject port = value.toObject();
        const QString inside
            = QStringLiteral("%1/%2").arg(port.value(u"PrivatePort").toInt()).arg(port.value(u"Type").toString());
        shown.append(port.contains(u"PublicPort") ? QStringLiteral("%1:%2->%3")
                                                        .arg(port.value(u"IP").toString())
                                                        .arg(port.value(u"PublicPort").toInt())
                                                        .arg(inside)
                                                  : inside);
    }
    return shown.join(QStringLiteral(", "));
}

} // namespace

ContainersModel::Row ContainersModel::Row::of(const QJsonObject &entry)
{
    Row row;
    row.id = entry.value(u"Id").toString();
    const QJsonArray names = entry.value(u"Names").toArray();
    row.name = names.isEmpty() ? row.id.left(12) : names.first().toString().mid(1);
    row.image = entry.value(u"Image").toString();
    row.state = entry.value(u"State").toString();
    row.status = entry.value(u"Status").toString();
    row.created = entry.value(u"Created").toInteger();
    row.ports = portsOf(entry.value(u"Ports").toArray());
    return row;
}

ContainersModel::ContainersModel(EngineClient &client, QObject *parent) : QAbstractListModel(parent), client_(client)
{
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(100);
    connect(&coalesce_, &QTimer::timeout, this, &ContainersModel::refresh);
    connect(&client_, &EngineClient::engineEvent, this, [this](const QJsonObject &event) {
        if (event.value(u"Type").toString() == u"container")
            coalesce_.start();
    });
    connect(&client_, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            refresh();
    });
}

int ContainersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ContainersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows_.size())
        return {};
    const Row &row = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case IdRole:
        return row.id;
    case ImageRole:
        return row.image;
    case StateRole:
        return row.state;
    case StatusRole:
        return row.status;
    case CreatedRole:
        return row.created;
    case PortsRole:
        return row.ports;
    default:
        return {};
    }
}

QHash<int, QByteArray> ContainersModel::roleNames() const
{
    return { { IdRole, "containerId" }, { NameRole, "name" }, { ImageRole, "image" }, { StateRole, "containerState" },
        { StatusRole, "status" }, { CreatedRole, "created" }, { PortsRole, "ports" } };
}

int ContainersModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < rows_.size(); ++i) {
        if (rows_.at(i).id == id)
            return int(i);
    }
    return -1;
}

void ContainersModel::refresh()
{
    // One request at a time; events during it ask for one more after.
    if (inFlight_) {
        again_ = true;
        return;
    }
    inFlight_ = true;
    client_.listContainers([this](Result<QJsonArray> list) {
        inFlight_ = false;
        if (!list) {
            setError(list.error().message, true);
        } else {
            QList<Row> rows;
            for (const QJsonValue &entry : std::as_const(*list))
                rows.append(Row::of(entry.toObject()));
            apply(rows);
            // The engine answers again: a listing error is over, an
            // action's error stays until the next action.
            if (errorFromRefresh_)
                setError(QString(), true);
        }
        Q_EMIT refreshed();
        if (std::exchange(again_, false))
            refresh();
    });
}

// Turns the current rows into `rows` a step at a time: the gone ones
// removed, then each wanted row moved or inserted into place and updated.
void ContainersModel::apply(const QList<Row> &rows)
{
    const int before = int(rows_.size());
    QSet<QString> wanted;
    for (const Row &row : rows)
        wanted.insert(row.id);
    for (int i = int(rows_.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(rows_.at(i).id)) {
            beginRemoveRows({}, i, i);
            rows_.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < rows.size(); ++i) {
        const int at = rowOf(rows.at(i).id);
        if (at < 0) {
            beginInsertRows({}, i, i);
            rows_.insert(i, rows.at(i));
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            rows_.move(at, i);
            endMoveRows();
        }
        if (!(rows_.at(i) == rows.at(i))) {
            rows_[i] = rows.at(i);
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
    if (rows_.size() != before)
        Q_EMIT countChanged();
}

void ContainersModel::act(const QString &action, const QString &id)
{
    static const QHash<QString, ContainerAction> actions{ { QStringLiteral("start"), ContainerAction::Start },
        { QStringLiteral("stop"), ContainerAction::Stop }, { QStringLiteral("restart"), ContainerAction::Restart },
        { QStringLiteral("kill"), ContainerAction::Kill }, { QStringLiteral("pause"), ContainerAction::Pause },
        { QStringLiteral("unpause"), ContainerAction::Unpause },
        { QStringLiteral("remove"), ContainerAction::Remove } };
    const auto found = actions.find(action);
    if (found == actions.end())
        return setError(QStringLiteral("unknown action \"%1\"").arg(action), false);
    client_.containerAction(*found, id, [this](Result<> done) {
        setError(done ? QString() : done.error().message, false);
        refresh();
    });
}

void ContainersModel::setError(const QString &error, bool fromRefresh)
{
    errorFromRefresh_ = fromRefresh && !error.isEmpty();
    if (error == lastError_)
        return;
    lastError_ = error;
    Q_EMIT lastErrorChanged();
}

} // namespace muelle::desktop
