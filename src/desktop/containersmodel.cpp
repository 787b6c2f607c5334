#include "desktop/containersmodel.h"

#include "desktop/runform.h"

#include <QDateTime>
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

QVariantList listOf(const QList<double> &values)
{
    QVariantList list;
    for (double value : values)
        list.append(value);
    return list;
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
    row.anchor = parseStatus(row.status);
    row.created = entry.value(u"Created").toInteger();
    row.ports = portsOf(entry.value(u"Ports").toArray());
    return row;
}

ContainersModel::ContainersModel(EngineClient &client, QObject *parent) : IncrementalList(parent), client_(client)
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
    connect(&client_, &EngineClient::statsSampled, this, &ContainersModel::sampled);
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &ContainersModel::tick);
}

void ContainersModel::Usage::add(const QJsonObject &sample)
{
    cpu.append(sample.value(u"CPU").toDouble());
    memory.append(sample.value(u"Memory").toDouble());
    if (cpu.size() > 60) {
        cpu.removeFirst();
        memory.removeFirst();
    }
}

void ContainersModel::sampled(const QJsonArray &samples)
{
    QSet<QString> seen;
    for (const QJsonValue &value : samples) {
        const QJsonObject sample = value.toObject();
        const QString id = sample.value(u"Id").toString();
        usage_[id].add(sample);
        seen.insert(id);
        if (const int row = rowOf(id); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), { CpuRole, MemoryRole, CpuHistoryRole, MemoryHistoryRole });
    }
    // A container that stopped has no samples any more.
    for (auto it = usage_.begin(); it != usage_.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        const int row = rowOf(it.key());
        it = usage_.erase(it);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), { CpuRole, MemoryRole, CpuHistoryRole, MemoryHistoryRole });
    }
}

void ContainersModel::fillFromHistory()
{
    for (const Row &row : std::as_const(rows_)) {
        if (row.state != u"running" || usage_.contains(row.id))
            continue;
        const QString id = row.id;
        usage_.insert(id, {});
        client_.statsHistory(id, StatsResolution::Second, whileAlive(this, [this, id](Result<QJsonArray> history) {
            if (!history || !usage_.contains(id))
                return;
            const QJsonArray &samples = *history;
            Usage recorded;
            for (qsizetype i = std::max<qsizetype>(0, samples.size() - 60); i < samples.size(); ++i)
                recorded.add(samples.at(i).toObject());
            // Live samples that came meanwhile are the newest.
            for (qsizetype i = 0; i < usage_[id].cpu.size(); ++i)
                recorded.add(QJsonObject{ { QStringLiteral("CPU"), usage_[id].cpu.at(i) },
                    { QStringLiteral("Memory"), usage_[id].memory.at(i) } });
            usage_[id] = recorded;
            if (const int at = rowOf(id); at >= 0)
                Q_EMIT dataChanged(index(at), index(at), { CpuRole, MemoryRole, CpuHistoryRole, MemoryHistoryRole });
        }));
    }
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
        return row.shownStatus;
    case CreatedRole:
        return row.created;
    case PortsRole:
        return row.ports;
    case CpuRole:
        return usage_.value(row.id).cpu.value(usage_.value(row.id).cpu.size() - 1, 0.0);
    case MemoryRole:
        return usage_.value(row.id).memory.value(usage_.value(row.id).memory.size() - 1, 0.0);
    case CpuHistoryRole:
        return listOf(usage_.value(row.id).cpu);
    case MemoryHistoryRole:
        return listOf(usage_.value(row.id).memory);
    default:
        return {};
    }
}

QHash<int, QByteArray> ContainersModel::roleNames() const
{
    return { { IdRole, "containerId" }, { NameRole, "name" }, { ImageRole, "image" }, { StateRole, "containerState" },
        { StatusRole, "status" }, { CreatedRole, "created" }, { PortsRole, "ports" }, { CpuRole, "cpu" },
        { MemoryRole, "memory" }, { CpuHistoryRole, "cpuHistory" }, { MemoryHistoryRole, "memoryHistory" } };
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
    client_.listContainers(true, whileAlive(this, [this](Result<QJsonArray> list) {
        inFlight_ = false;
        if (!list) {
            setError(list.error().message, true);
        } else {
            QList<Row> rows;
            for (const QJsonValue &entry : std::as_const(*list))
                rows.append(Row::of(entry.toObject()));
            apply(std::move(rows), QDateTime::currentMSecsSinceEpoch());
            fillFromHistory();
            listed();
        }
        Q_EMIT refreshed();
        if (std::exchange(again_, false))
            refresh();
    }));
}

void ContainersModel::apply(QList<Row> rows, qint64 listedMs)
{
    // A status the engine words as before keeps its anchor: re-anchoring
    // each listing would set the clock back to the engine's rounding.
    QHash<QString, const Row *> before;
    for (const Row &row : std::as_const(rows_))
        before.insert(row.id, &row);
    bool ticking = false;
    for (Row &row : rows) {
        const Row *known = before.value(row.id);
        if (known && known->status == row.status) {
            row.startMs = known->startMs;
            row.shownStatus = known->shownStatus;
        } else {
            row.startMs = listedMs - row.anchor.elapsed.value_or(0) * 1000;
            row.shownStatus = statusAfter(row.anchor, (listedMs - row.startMs) / 1000);
        }
        ticking = ticking || row.anchor.elapsed.has_value();
    }
    if (applyRows(rows_, rows, [](const Row &row) { return row.id; }))
        Q_EMIT countChanged();
    if (!ticking)
        ticker_.stop();
    else if (!ticker_.isActive())
        ticker_.start();
}

void ContainersModel::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < rows_.size(); ++i) {
        Row &row = rows_[i];
        if (!row.anchor.elapsed)
            continue;
        QString shown = statusAfter(row.anchor, (now - row.startMs) / 1000);
        if (shown == row.shownStatus)
            continue;
        row.shownStatus = std::move(shown);
        Q_EMIT dataChanged(index(int(i)), index(int(i)), { StatusRole });
    }
}

QString ContainersModel::nameOf(const QString &id) const
{
    const int row = rowOf(id);
    return row >= 0 ? rows_.at(row).name : id.left(12);
}

void ContainersModel::act(const QString &action, const QString &id)
{
    // Stop and restart wait the container's own timeout; kill sends
    // SIGKILL; remove forces and keeps volumes. The name is taken now: a
    // removed container is no longer listed when the answer comes.
    const QString name = nameOf(id);
    const auto saying = [this](QString message) -> EngineClient::Done {
        return whileAlive(this, [this, message = std::move(message)](Result<> acted) {
            setError(acted ? QString() : acted.error().message, false);
            if (acted)
                Q_EMIT succeeded(message);
            refresh();
        });
    };
    if (action == u"start")
        client_.startContainer(id, saying(tr("%1 started").arg(name)));
    else if (action == u"stop")
        client_.stopContainer(id, std::nullopt, saying(tr("%1 stopped").arg(name)));
    else if (action == u"restart")
        client_.restartContainer(id, std::nullopt, saying(tr("%1 restarted").arg(name)));
    else if (action == u"kill")
        client_.killContainer(id, {}, saying(tr("%1 killed").arg(name)));
    else if (action == u"pause")
        client_.pauseContainer(id, saying(tr("%1 paused").arg(name)));
    else if (action == u"unpause")
        client_.unpauseContainer(id, saying(tr("%1 resumed").arg(name)));
    else if (action == u"remove")
        client_.removeContainer(id, true, false, saying(tr("%1 removed").arg(name)));
    else
        setError(QStringLiteral("unknown action \"%1\"").arg(action), false);
}

QVariantMap ContainersModel::get(int row) const
{
    QVariantMap roles;
    if (row < 0 || row >= rows_.size())
        return roles;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        roles.insert(QString::fromUtf8(it.value()), data(index(row), it.key()));
    return roles;
}

void ContainersModel::run(const QVariantMap &form)
{
    auto body = createBodyOf(RunForm::of(form));
    if (!body)
        return setError(body.error().message, false);
    const QString name = form.value(QStringLiteral("name")).toString().trimmed();
    client_.createContainer(*body, name, whileAlive(this, [this, name](Result<QJsonObject> created) {
        if (!created)
            return setError(created.error().message, false);
        const QString id = created->value(u"Id").toString();
        client_.startContainer(id, whileAlive(this, [this, id, name](Result<> started) {
            setError(started ? QString() : started.error().message, false);
            refresh();
            if (!started)
                return;
            Q_EMIT ran(id);
            Q_EMIT succeeded(tr("%1 is running").arg(name.isEmpty() ? id.left(12) : name));
        }));
    }));
}

} // namespace muelle::desktop
