#include "desktop/logmodel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLocalSocket>
#include <QtEndian>

namespace muelle::desktop {

LogModel::LogModel(EngineClient &client, QObject *parent) : QAbstractListModel(parent), client_(client) { }

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(lines_.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= lines_.size())
        return {};
    const Line &line = lines_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return line.text;
    case StreamRole:
        return line.stderrLine ? QStringLiteral("stderr") : QStringLiteral("stdout");
    case TimeRole:
        return line.time;
    default:
        return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    return { { TextRole, "line" }, { StreamRole, "stream" }, { TimeRole, "time" } };
}

void LogModel::open(const QString &containerId)
{
    close();
    if (!lines_.isEmpty()) {
        beginResetModel(); // another container's log: nothing of the old one stays
        lines_.clear();
        endResetModel();
        Q_EMIT countChanged();
    }
    containerId_ = containerId;
    Q_EMIT containerIdChanged();
    setError({});
    const int generation = ++generation_;
    const LogOptions options{ .follow = true, .timestamps = true };
    client_.containerLogs(containerId, options, whileAlive(this, [this, generation](Result<LogStream> stream) {
        if (generation != generation_)
            return;
        if (!stream)
            return setError(stream.error().message);
        device_ = std::move(stream->device);
        framed_ = stream->framed;
        connect(device_.get(), &QIODevice::readyRead, this, &LogModel::readAvailable);
        // The engine closes the stream when the log ends (the container stopped).
        if (auto *socket = qobject_cast<QLocalSocket *>(device_.get()))
            connect(socket, &QLocalSocket::disconnected, this, &LogModel::streamEnded);
        else
            connect(device_.get(), &QIODevice::readChannelFinished, this, &LogModel::streamEnded);
        Q_EMIT followingChanged();
        readAvailable();
    }));
}

void LogModel::streamEnded()
{
    readAvailable();
    device_->disconnect(this);
    device_.release()->deleteLater(); // in its own signal
    Q_EMIT followingChanged();
}

void LogModel::close()
{
    ++generation_;
    if (device_) {
        device_->disconnect(this);
        device_.reset();
        Q_EMIT followingChanged();
    }
    pending_.clear();
}

void LogModel::readAvailable()
{
    if (!device_ || !device_->isOpen()) // a socket closes itself when its peer does
        return;
    pending_ += device_->readAll();
    QList<Line> batch;
    qsizetype at = 0;
    // One entry: a frame's payload, or (raw) a line.
    const auto next = [this, &at](QByteArray &payload, bool &stderrLine) {
        if (!framed_) {
            const qsizetype end = pending_.indexOf('\n', at);
            if (end < 0)
                return false;
            payload = pending_.mid(at, end - at + 1);
            stderrLine = false;
            at = end + 1;
            return true;
        }
        if (pending_.size() - at < 8)
            return false;
        const quint32 size = qFromBigEndian<quint32>(pending_.constData() + at + 4);
        if (pending_.size() - at < 8 + qsizetype(size))
            return false;
        payload = pending_.mid(at + 8, size);
        stderrLine = pending_.at(at) == 2;
        at += 8 + size;
        return true;
    };
    QByteArray payload;
    bool stderrLine = false;
    while (next(payload, stderrLine)) {
        Line line;
        line.stderrLine = stderrLine;
        if (payload.endsWith('\n'))
            payload.chop(1);
        // "2026-11-30T12:00:00.123456789Z the line": timestamps were asked for.
        const qsizetype space = payload.indexOf(' ');
        if (space > 0 && payload.at(space - 1) == 'Z') {
            line.time = QString::fromLatin1(payload.left(space));
            payload.remove(0, space + 1);
        }
        line.text = QString::fromUtf8(payload);
        batch.append(std::move(line));
    }
    pending_.remove(0, at);
    if (batch.isEmpty())
        return;
    const qsizetype overflow = lines_.size() + batch.size() - maxLines;
    if (overflow > 0) {
        const int drop = int(std::min(overflow, lines_.size()));
        beginRemoveRows({}, 0, drop - 1);
        lines_.remove(0, drop);
        endRemoveRows();
        if (batch.size() > maxLines)
            batch.remove(0, batch.size() - maxLines);
    }
    beginInsertRows({}, int(lines_.size()), int(lines_.size() + batch.size() - 1));
    lines_.append(std::move(batch));
    endInsertRows();
    Q_EMIT countChanged();
}

QString LogModel::text(int first, int last, bool withTimes) const
{
    QStringList text;
    for (int i = std::max(0, first); i <= last && i < lines_.size(); ++i)
        text.append(withTimes ? lines_.at(i).time + u' ' + lines_.at(i).text : lines_.at(i).text);
    return text.join(u'\n');
}

void LogModel::copy(int first, int last, bool withTimes) const
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text(first, last, withTimes));
}

void LogModel::setError(const QString &error)
{
    if (error == lastError_)
        return;
    lastError_ = error;
    Q_EMIT lastErrorChanged();
}

LogSearch::LogSearch(LogModel &log, QObject *parent) : TextFilter(log, parent) { }

int LogSearch::sourceRow(int row) const
{
    return mapToSource(index(row, 0)).row();
}

bool LogSearch::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return holdsText(sourceModel()->index(sourceRow, 0, sourceParent).data(LogModel::TextRole).toString());
}

} // namespace muelle::desktop
