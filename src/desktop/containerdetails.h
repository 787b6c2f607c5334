#pragma once
// The container page's facts, for QML: the container's inspect document
// (its summary and the whole JSON), kept current from its events, and its
// processes (Containers.Top) on demand.

#include "desktop/engineclient.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class ContainerDetails : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Details)
    QML_SINGLETON
    Q_PROPERTY(QString containerId READ containerId NOTIFY containerIdChanged)
    Q_PROPERTY(QString name MEMBER name_ NOTIFY changed)
    Q_PROPERTY(QString image MEMBER image_ NOTIFY changed)
    Q_PROPERTY(QString state MEMBER state_ NOTIFY changed) // "running", "exited", ...
    Q_PROPERTY(QString command MEMBER command_ NOTIFY changed)
    Q_PROPERTY(QString started MEMBER started_ NOTIFY changed)
    Q_PROPERTY(int exitCode MEMBER exitCode_ NOTIFY changed)
    Q_PROPERTY(QString ipAddress MEMBER ipAddress_ NOTIFY changed)
    Q_PROPERTY(QString inspectText MEMBER inspectText_ NOTIFY changed) // the whole document, indented
    Q_PROPERTY(QStringList processTitles MEMBER processTitles_ NOTIFY processesChanged)
    Q_PROPERTY(QVariantList processes MEMBER processes_ NOTIFY processesChanged) // rows of strings
    Q_PROPERTY(QString lastError MEMBER lastError_ NOTIFY changed)
public:
    // The app's one Details (DesktopApp's), for QML.
    static ContainerDetails *create(QQmlEngine *, QJSEngine *);
    explicit ContainerDetails(EngineClient &client, QObject *parent = nullptr);

    QString containerId() const { return containerId_; }
    Q_INVOKABLE void open(const QString &containerId);
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void refreshProcesses();

Q_SIGNALS:
    void containerIdChanged();
    void changed();
    void processesChanged();

private:
    EngineClient &client_;
    QString containerId_, name_, image_, state_, command_, started_, ipAddress_, inspectText_, lastError_;
    int exitCode_ = 0;
    QStringList processTitles_;
    QVariantList processes_;
};

} // namespace muelle::desktop
