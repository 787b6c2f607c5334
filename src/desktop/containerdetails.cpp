#include "desktop/containerdetails.h"

#include <QJsonDocument>

namespace muelle::desktop {

ContainerDetails::ContainerDetails(EngineClient &client, QObject *parent) : QObject(parent), client_(client)
{
    connect(&client_, &EngineClient::engineEvent, this, [this](const QJsonObject &event) {
        if (!containerId_.isEmpty() && event.value(u"Type").toString() == u"container"
            && event.value(u"Actor").toObject().value(u"ID").toString() == containerId_)
            refresh();
    });
}

void ContainerDetails::open(const QString &containerId)
{
    containerId_ = containerId;
    processTitles_.clear();
    processes_.clear();
    Q_EMIT containerIdChanged();
    Q_EMIT processesChanged();
    refresh();
    refreshProcesses();
}

void ContainerDetails::refresh()
{
    const QString id = containerId_;
    client_.inspectContainer(id, whileAlive(this, [this, id](Result<QJsonObject> inspect) {
        if (id != containerId_)
            return;
        if (!inspect) {
            lastError_ = inspect.error().message;
            return Q_EMIT changed();
        }
        lastError_.clear();
        const QJsonObject state = inspect->value(u"State").toObject();
        const QJsonObject config = inspect->value(u"Config").toObject();
        name_ = inspect->value(u"Name").toString().mid(1);
        image_ = config.value(u"Image").toString();
        state_ = state.value(u"Status").toString();
        exitCode_ = state.value(u"ExitCode").toInt();
        started_ = state.value(u"StartedAt").toString();
        QStringList command;
        for (const QJsonValue &part : config.value(u"Entrypoint").toArray())
            command.append(part.toString());
        for (const QJsonValue &part : config.value(u"Cmd").toArray())
            command.append(part.toString());
        command_ = command.join(u' ');
        ipAddress_ = inspect->value(u"NetworkSettings").toObject().value(u"IPAddress").toString();
        inspectText_ = QString::fromUtf8(QJsonDocument(*inspect).toJson(QJsonDocument::Indented));
        Q_EMIT changed();
    }));
}

void ContainerDetails::refreshProcesses()
{
    const QString id = containerId_;
    client_.containerProcesses(id, {}, whileAlive(this, [this, id](Result<QJsonObject> top) {
        if (id != containerId_)
            return;
        processTitles_.clear();
        processes_.clear();
        if (top) {
            for (const QJsonValue &title : top->value(u"Titles").toArray())
                processTitles_.append(title.toString());
            for (const QJsonValue &row : top->value(u"Processes").toArray())
                processes_.append(QVariant(row.toArray().toVariantList())); // one row, not its cells
        }
        // A stopped container has no processes: not an error to show.
        Q_EMIT processesChanged();
    }));
}

} // namespace muelle::desktop
