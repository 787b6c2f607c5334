#include "desktop/builds/buildsession.h"

#include "archive/tarwriter.h"
#include "desktop/builds/contextwalk.h"

#include <QLocalSocket>

#include <algorithm>

namespace muelle::desktop {

namespace {

constexpr qint64 waitingAtMost = 1 << 20; // context bytes queued in the socket
constexpr qint64 readAtOnce = 256 << 10;

} // namespace

BuildSession::BuildSession(EngineClient &client, QObject *parent) : QAbstractListModel(parent), client_(client)
{
    connect(&client_, &EngineClient::buildStep, this,
        [this](const QString &job, int number, int total, const QString &instruction, int line) {
            if (job != job_)
                return;
            if (state_ == u"sending")
                setState(QStringLiteral("building"));
            total_ = total;
            beginInsertRows({}, int(steps_.size()), int(steps_.size()));
            steps_.append(Step{ number, instruction, line, false, {}, -1 });
            endInsertRows();
            Q_EMIT progressChanged();
        });
    connect(&client_, &EngineClient::buildStepDone, this,
        [this](const QString &job, int number, bool cached, const QString &image, qint64 milliseconds) {
            if (job != job_)
                return;
            for (qsizetype i = steps_.size() - 1; i >= 0; --i) {
                if (steps_.at(i).number != number)
                    continue;
                steps_[i].cached = cached;
                steps_[i].image = image;
                steps_[i].milliseconds = milliseconds;
                Q_EMIT dataChanged(index(int(i)), index(int(i)));
                break;
            }
            Q_EMIT progressChanged();
        });
    connect(&client_, &EngineClient::buildOutput, this, [this](const QString &job, const QString &text) {
        if (job == job_)
            appendOutput(text);
    });
    connect(&client_, &EngineClient::buildFinished, this,
        [this](const QString &job, const QString &image, const QStringList &tags, const QString &error, int line) {
            if (job != job_)
                return;
            image_ = image;
            tags_ = tags;
            if (!partialLine_.isEmpty())
                appendOutput(QStringLiteral("\n"));
            // A context that could not be read is the reason, whatever the engine then said.
            if (!contextError_.isEmpty())
                return end(QStringLiteral("failed"), contextError_, 0);
            end(error.isEmpty()  ? QStringLiteral("succeeded")
                    : cancelled_ ? QStringLiteral("cancelled")
                                 : QStringLiteral("failed"),
                error, line);
        });
}

BuildSession::~BuildSession() = default;

int BuildSession::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(steps_.size());
}

QVariant BuildSession::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= steps_.size())
        return {};
    const Step &step = steps_.at(index.row());
    switch (role) {
    case NumberRole:
        return step.number;
    case InstructionRole:
        return step.instruction;
    case LineRole:
        return step.line;
    case CachedRole:
        return step.cached;
    case ImageRole:
        return step.image;
    case MillisecondsRole:
        return step.milliseconds;
    case RunningRole:
        return step.milliseconds < 0 && (state_ == u"building" || state_ == u"sending");
    default:
        return {};
    }
}

QHash<int, QByteArray> BuildSession::roleNames() const
{
    return { { NumberRole, "number" }, { InstructionRole, "instruction" }, { LineRole, "line" },
        { CachedRole, "cached" }, { ImageRole, "image" }, { MillisecondsRole, "milliseconds" },
        { RunningRole, "running" } };
}

int BuildSession::finishedSteps() const
{
    return int(std::count_if(steps_.cbegin(), steps_.cend(), [](const Step &step) { return step.milliseconds >= 0; }));
}

int BuildSession::cachedSteps() const
{
    return int(std::count_if(steps_.cbegin(), steps_.cend(), [](const Step &step) { return step.cached; }));
}

void BuildSession::setState(const QString &state)
{
    if (state_ == state)
        return;
    state_ = state;
    Q_EMIT stateChanged();
    if (!steps_.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(steps_.size()) - 1), { RunningRole });
}

void BuildSession::end(const QString &state, const QString &error, int line)
{
    stream_.reset();
    if (context_)
        context_->close();
    context_.reset();
    error_ = error;
    errorLine_ = line;
    setState(state);
    Q_EMIT stateChanged();
    Q_EMIT finished();
}

void BuildSession::appendOutput(const QString &text)
{
    QStringList lines = (partialLine_ + text).split(u'\n');
    partialLine_ = lines.takeLast();
    if (lines.isEmpty())
        return;
    output_.append(lines);
    if (output_.size() > maxOutputLines)
        output_.remove(0, output_.size() - maxOutputLines);
    Q_EMIT outputChanged();
}

QString BuildSession::outputTail(int lines) const
{
    QStringList tail = output_.mid(std::max<qsizetype>(0, output_.size() - lines));
    if (!partialLine_.isEmpty())
        tail.append(partialLine_);
    return tail.join(u'\n');
}

void BuildSession::start(const QString &folder, const BuildOptions &options)
{
    if (state_ == u"sending" || state_ == u"building") {
        error_ = tr("A build is running: wait for it to end, or cancel it.");
        Q_EMIT stateChanged();
        return;
    }
    beginResetModel();
    steps_.clear();
    endResetModel();
    output_.clear();
    partialLine_.clear();
    job_.clear();
    image_.clear();
    tags_.clear();
    total_ = 0;
    contextBytes_ = 0;
    cancelled_ = false;
    contextError_.clear();
    Q_EMIT outputChanged();
    Q_EMIT progressChanged();
    // The folder is checked before the engine is asked: a missing Dockerfile
    // or a bad .dockerignore is said at once.
    if (!QFileInfo(QDir(folder).filePath(options.dockerfile)).isFile())
        return end(QStringLiteral("failed"), tr("There is no %1 in %2.").arg(options.dockerfile, folder), 0);
    auto walk = ContextWalk::open(folder, options.dockerfile);
    if (!walk)
        return end(QStringLiteral("failed"), walk.error().message, 0);
    std::shared_ptr<ContextWalk> producer(std::move(*walk));
    stream_ = std::make_unique<archive::TarStream>(
        [producer](archive::TarWriter &writer) { return producer->step(writer); });
    error_.clear();
    errorLine_ = 0;
    setState(QStringLiteral("sending"));
    client_.buildImage(options, whileAlive(this, [this](Result<BuildStart> started) {
        if (!started)
            return end(QStringLiteral("failed"), started.error().message, 0);
        job_ = started->job;
        context_ = std::move(started->context);
        connect(context_.get(), &QIODevice::bytesWritten, this, &BuildSession::pump);
        Q_EMIT stateChanged();
        if (cancelled_)
            return cancel();
        pump();
    }));
}

void BuildSession::pump()
{
    if (!stream_ || !context_)
        return;
    while (context_->bytesToWrite() < waitingAtMost) {
        auto chunk = stream_->read(readAtOnce);
        if (!chunk) {
            // The context cannot be read: the build stops, with the reason.
            contextError_ = chunk.error().message;
            stream_.reset();
            context_->close();
            client_.cancelJob(job_, [](Result<>) {}); // buildFinished follows
            return;
        }
        if (chunk->isEmpty()) {
            stream_.reset();
            if (auto *socket = qobject_cast<QLocalSocket *>(context_.get()))
                socket->disconnectFromServer(); // after what is queued is written
            else
                context_->close();
            return;
        }
        contextBytes_ += chunk->size();
        context_->write(*chunk);
        Q_EMIT progressChanged();
    }
}

void BuildSession::cancel()
{
    if (state_ != u"sending" && state_ != u"building")
        return;
    cancelled_ = true;
    if (job_.isEmpty())
        return; // cancelled once the engine answers
    client_.cancelJob(job_, whileAlive(this, [this](Result<> done) {
        if (!done && (state_ == u"sending" || state_ == u"building"))
            end(QStringLiteral("failed"), done.error().message, 0);
    }));
}

} // namespace muelle::desktop
