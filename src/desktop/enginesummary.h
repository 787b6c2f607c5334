#pragma once
// The dashboard's facts, for QML: the engine's version and host, its
// containers by state, images, disk use, and its latest events in words.
// Kept current from the engine's events (coalesced).

#include "desktop/engineclient.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class EngineSummary : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Summary)
    QML_SINGLETON
    Q_PROPERTY(QString version MEMBER version_ NOTIFY changed)
    Q_PROPERTY(QString apiVersion MEMBER apiVersion_ NOTIFY changed)
    Q_PROPERTY(QString host MEMBER host_ NOTIFY changed) // "Debian GNU/Linux 12, kernel 6.1, 2 CPUs, 24 GiB"
    Q_PROPERTY(int running MEMBER running_ NOTIFY changed)
    Q_PROPERTY(int paused MEMBER paused_ NOTIFY changed)
    Q_PROPERTY(int stopped MEMBER stopped_ NOTIFY changed)
    Q_PROPERTY(int images MEMBER images_ NOTIFY changed)
    Q_PROPERTY(int volumes MEMBER volumes_ NOTIFY changed)
    Q_PROPERTY(double imagesSize MEMBER imagesSize_ NOTIFY changed) // bytes, every layer once
    Q_PROPERTY(double containersSize MEMBER containersSize_ NOTIFY changed) // their writable layers
    Q_PROPERTY(double volumesSize MEMBER volumesSize_ NOTIFY changed)
    Q_PROPERTY(QStringList recentEvents MEMBER recentEvents_ NOTIFY eventsChanged) // newest first
    Q_PROPERTY(QString lastError MEMBER lastError_ NOTIFY changed)
public:
    // The app's one Summary (DesktopApp's), for QML.
    static EngineSummary *create(QQmlEngine *, QJSEngine *);
    static constexpr int eventsKept = 50;

    explicit EngineSummary(EngineClient &client, QObject *parent = nullptr);

    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void changed();
    void eventsChanged();
    void refreshed();

private:
    void remember(const QJsonObject &event);

    EngineClient &client_;
    QTimer coalesce_;
    QString version_, apiVersion_, host_, lastError_;
    int running_ = 0, paused_ = 0, stopped_ = 0, images_ = 0, volumes_ = 0;
    double imagesSize_ = 0, containersSize_ = 0, volumesSize_ = 0;
    QStringList recentEvents_;
    int answersDue_ = 0;
};

// An engine event in a few words: "12:03:01  container web: start".
QString eventLine(const QJsonObject &event);

} // namespace muelle::desktop
