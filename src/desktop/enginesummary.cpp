#include "desktop/enginesummary.h"

#include <QDateTime>
#include <QLocale>

namespace muelle::desktop {

QString eventLine(const QJsonObject &event)
{
    const QJsonObject actor = event.value(u"Actor").toObject();
    const QJsonObject attributes = actor.value(u"Attributes").toObject();
    QString who = attributes.value(u"name").toString();
    if (who.isEmpty())
        who = actor.value(u"ID").toString().left(12);
    const QDateTime when = QDateTime::fromSecsSinceEpoch(event.value(u"time").toInteger());
    QString action = event.value(u"Action").toString();
    if (action == u"die" && attributes.contains(u"exitCode"))
        action += QStringLiteral(" (%1)").arg(attributes.value(u"exitCode").toString());
    return QStringLiteral("%1  %2 %3: %4")
        .arg(when.toString(QStringLiteral("HH:mm:ss")), event.value(u"Type").toString(), who, action);
}

EngineSummary::EngineSummary(EngineClient &client, QObject *parent) : QObject(parent), client_(client)
{
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(300);
    connect(&coalesce_, &QTimer::timeout, this, &EngineSummary::refresh);
    connect(&client_, &EngineClient::engineEvent, this, [this](const QJsonObject &event) {
        remember(event);
        coalesce_.start();
    });
    connect(&client_, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            refresh();
    });
}

void EngineSummary::remember(const QJsonObject &event)
{
    // Exec and attach chatter is left out: what changed is what matters.
    const QString action = event.value(u"Action").toString();
    if (action.startsWith(u"exec_") || action == u"attach" || action == u"resize" || action == u"top")
        return;
    recentEvents_.prepend(eventLine(event));
    if (recentEvents_.size() > eventsKept)
        recentEvents_.removeLast();
    Q_EMIT eventsChanged();
}

void EngineSummary::refresh()
{
    if (answersDue_ > 0)
        return coalesce_.start();
    answersDue_ = 3;
    const auto answered = [this](const Result<QJsonObject> &answer) {
        if (!answer)
            lastError_ = answer.error().message;
        if (--answersDue_ == 0) {
            Q_EMIT changed();
            Q_EMIT refreshed();
        }
    };
    client_.version(whileAlive(this, [this, answered](Result<QJsonObject> v) {
        if (v) {
            version_ = v->value(u"Version").toString();
            apiVersion_ = v->value(u"ApiVersion").toString();
        }
        answered(v);
    }));
    client_.info(whileAlive(this, [this, answered](Result<QJsonObject> info) {
        if (info) {
            const QJsonObject &o = *info;
            running_ = o.value(u"ContainersRunning").toInt();
            paused_ = o.value(u"ContainersPaused").toInt();
            stopped_ = o.value(u"ContainersStopped").toInt();
            images_ = o.value(u"Images").toInt();
            host_ = tr("%1, kernel %2, %n CPU(s), %3", nullptr, o.value(u"NCPU").toInt())
                        .arg(o.value(u"OperatingSystem").toString(), o.value(u"KernelVersion").toString(),
                            QLocale().formattedDataSize(qint64(o.value(u"MemTotal").toDouble())));
            lastError_.clear();
        }
        answered(info);
    }));
    client_.diskUsage(whileAlive(this, [this, answered](Result<QJsonObject> df) {
        if (df) {
            const QJsonObject &o = *df;
            imagesSize_ = o.value(u"LayersSize").toDouble();
            containersSize_ = 0;
            for (const QJsonValue &container : o.value(u"Containers").toArray())
                containersSize_ += container.toObject().value(u"SizeRw").toDouble();
            volumesSize_ = 0;
            const QJsonArray volumes = o.value(u"Volumes").toArray();
            volumes_ = int(volumes.size());
            for (const QJsonValue &volume : volumes)
                volumesSize_
                    += std::max(0.0, volume.toObject().value(u"UsageData").toObject().value(u"Size").toDouble());
        }
        answered(df);
    }));
}

} // namespace muelle::desktop
