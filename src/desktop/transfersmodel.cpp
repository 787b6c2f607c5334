#include "desktop/transfersmodel.h"

namespace muelle::desktop {

TransfersModel::TransfersModel(EngineClient &client, QObject *parent) : QAbstractListModel(parent), client_(client)
{
    connect(&client_, &EngineClient::jobProgress, this, &TransfersModel::progress);
    connect(&client_, &EngineClient::jobFinished, this, &TransfersModel::finish);
}

int TransfersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(transfers_.size());
}

double TransfersModel::fractionOf(const Transfer &transfer)
{
    qint64 current = 0, total = 0;
    for (const Layer &layer : transfer.layers) {
        current += std::min(layer.current, layer.total);
        total += layer.total;
    }
    if (transfer.done && transfer.error.isEmpty())
        return 1;
    return total > 0 ? double(current) / double(total) : -1;
}

QVariant TransfersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= transfers_.size())
        return {};
    const Transfer &transfer = transfers_.at(index.row());
    switch (role) {
    case JobRole:
        return transfer.job;
    case KindRole:
        return transfer.kind;
    case Qt::DisplayRole:
    case ReferenceRole:
        return transfer.reference;
    case StatusRole:
        return transfer.status;
    case FractionRole:
        return fractionOf(transfer);
    case LayersRole: {
        QVariantList layers;
        for (const QString &id : transfer.layerOrder) {
            const Layer &layer = transfer.layers.value(id);
            layers.append(QVariantMap{ { QStringLiteral("id"), id }, { QStringLiteral("status"), layer.status },
                { QStringLiteral("current"), double(layer.current) },
                { QStringLiteral("total"), double(layer.total) } });
        }
        return layers;
    }
    case DoneRole:
        return transfer.done;
    case ErrorRole:
        return transfer.error;
    default:
        return {};
    }
}

QHash<int, QByteArray> TransfersModel::roleNames() const
{
    return { { JobRole, "job" }, { KindRole, "kind" }, { ReferenceRole, "reference" }, { StatusRole, "status" },
        { FractionRole, "fraction" }, { LayersRole, "layers" }, { DoneRole, "done" }, { ErrorRole, "error" } };
}

int TransfersModel::active() const
{
    return int(
        std::count_if(transfers_.begin(), transfers_.end(), [](const Transfer &transfer) { return !transfer.done; }));
}

void TransfersModel::pull(const QString &reference)
{
    start(QStringLiteral("pull"), reference.trimmed());
}

void TransfersModel::push(const QString &reference)
{
    start(QStringLiteral("push"), reference.trimmed());
}

void TransfersModel::cancel(const QString &job)
{
    client_.cancelJob(job, [](Result<>) {});
}

void TransfersModel::start(const QString &kind, const QString &reference)
{
    const int serial = ++serials_;
    beginInsertRows({}, 0, 0);
    transfers_.prepend({ serial, QString(), kind, reference, tr("Starting"), {}, {}, {}, false });
    endInsertRows();
    Q_EMIT countChanged();
    Q_EMIT activeChanged();
    const EngineClient::TextReply started = whileAlive(this, [this, serial](Result<QString> answer) {
        const auto found = std::find_if(transfers_.begin(), transfers_.end(),
            [serial](const Transfer &transfer) { return transfer.serial == serial; });
        if (found == transfers_.end())
            return;
        const int row = int(found - transfers_.begin());
        if (!answer) {
            found->done = true;
            found->error = answer.error().message;
            found->status = tr("Failed");
            Q_EMIT dataChanged(index(row), index(row));
            Q_EMIT activeChanged();
            Q_EMIT finished(found->kind, found->reference, found->error);
            return;
        }
        found->job = *answer;
        Q_EMIT dataChanged(index(row), index(row));
    });
    if (kind == u"pull")
        client_.pullImage(reference, {}, started);
    else
        client_.pushImage(reference, started);
}

int TransfersModel::rowOfJob(const QString &job) const
{
    for (qsizetype i = 0; i < transfers_.size(); ++i) {
        if (transfers_.at(i).job == job)
            return int(i);
    }
    return -1;
}

void TransfersModel::progress(const QString &job, const QJsonArray &messages)
{
    const int row = rowOfJob(job);
    if (row < 0)
        return;
    Transfer &transfer = transfers_[row];
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        const QString id = message.value(u"id").toString();
        const QString status = message.value(u"status").toString();
        if (id.isEmpty() || status.startsWith(u"Pulling from") || status.startsWith(u"The push refers")) {
            if (!status.isEmpty())
                transfer.status = status;
            continue;
        }
        if (!transfer.layers.contains(id))
            transfer.layerOrder.append(id);
        Layer &layer = transfer.layers[id];
        layer.status = status;
        const QJsonObject detail = message.value(u"progressDetail").toObject();
        if (detail.contains(u"total")) {
            layer.total = detail.value(u"total").toInteger();
            layer.current = detail.value(u"current").toInteger();
        } else if (status.contains(u"complete") || status == u"Already exists" || status == u"Pushed"
            || status == u"Layer already exists") {
            layer.current = layer.total;
        }
    }
    Q_EMIT dataChanged(index(row), index(row));
}

void TransfersModel::finish(const QString &job, const QString &error)
{
    const int row = rowOfJob(job);
    if (row < 0)
        return;
    Transfer &transfer = transfers_[row];
    transfer.done = true;
    transfer.error = error;
    if (!error.isEmpty())
        transfer.status = tr("Failed");
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT activeChanged();
    // Copies: a slot may change the list.
    const QString kind = transfer.kind, reference = transfer.reference;
    Q_EMIT finished(kind, reference, error);
    if (error.isEmpty())
        Q_EMIT succeeded(kind == u"pull" ? tr("Pulled %1").arg(reference) : tr("Pushed %1").arg(reference));
}

} // namespace muelle::desktop
