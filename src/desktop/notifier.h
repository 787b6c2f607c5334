#pragma once
// Desktop notifications (org.freedesktop.Notifications on the user's
// session bus): a container died with a non-zero code, was OOM-killed or
// became unhealthy; a pull, push or build ended (a build's step containers
// are the build's business, not notified on their own). Each container can be muted (by
// name, kept in the app's settings). Without a notification server the
// app goes on: the failure is logged once.

#include "desktop/engineclient.h"

#include <QDBusConnection>
#include <QObject>
#include <QSet>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class TransfersModel;

class Notifier : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Notifier)
    QML_SINGLETON
    Q_PROPERTY(QStringList muted READ muted NOTIFY mutedChanged)
public:
    // The app's one Notifier (DesktopApp's), for QML.
    static Notifier *create(QQmlEngine *, QJSEngine *);
    Notifier(EngineClient &client, TransfersModel &transfers, QDBusConnection session, QObject *parent = nullptr);
    // A build ended: "succeeded" (its tags), "failed" (the error) or "cancelled".
    void buildEnded(const QString &state, const QStringList &tags, const QString &error);

    QStringList muted() const;
    Q_INVOKABLE bool isMuted(const QString &container) const;
    Q_INVOKABLE void setMuted(const QString &container, bool muted);

Q_SIGNALS:
    void mutedChanged();
    // Each notification sent (the app also shows it in its window).
    void notified(const QString &summary, const QString &body);
    // The desktop's notification server showed it, under this ID.
    void delivered(const QString &summary, uint id);

private:
    void onEvent(const QJsonObject &event);
    void notify(const QString &summary, const QString &body);

    QDBusConnection session_;
    QSet<QString> muted_;
    QSet<QString> oomKilled_; // its die event follows
    bool warned_ = false;
};

} // namespace muelle::desktop
