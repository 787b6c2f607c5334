#include "desktop/notifier.h"

#include "desktop/transfersmodel.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QSettings>

namespace muelle::desktop {

Q_LOGGING_CATEGORY(lcNotifier, "muelle.desktop.notifications")

Notifier::Notifier(EngineClient &client, TransfersModel &transfers, QDBusConnection session, QObject *parent)
    : QObject(parent), session_(std::move(session))
{
    const QStringList saved = QSettings().value(QStringLiteral("notifications/muted")).toStringList();
    muted_ = QSet<QString>(saved.begin(), saved.end());
    connect(&client, &EngineClient::engineEvent, this, &Notifier::onEvent);
    connect(&transfers, &TransfersModel::finished, this,
        [this](const QString &kind, const QString &reference, const QString &error) {
            if (!error.isEmpty())
                notify(
                    kind == u"pull" ? tr("Pull of %1 failed").arg(reference) : tr("Push of %1 failed").arg(reference),
                    error);
            else
                notify(kind == u"pull" ? tr("Pulled %1").arg(reference) : tr("Pushed %1").arg(reference), QString());
        });
}

void Notifier::buildEnded(const QString &state, const QStringList &tags, const QString &error)
{
    if (state == u"succeeded")
        notify(tags.isEmpty() ? tr("The build succeeded") : tr("Built %1").arg(tags.join(QStringLiteral(", "))), {});
    else if (state == u"failed")
        notify(tr("The build failed"), error);
    else if (state == u"cancelled")
        notify(tr("The build was cancelled"), {});
}

QStringList Notifier::muted() const
{
    QStringList names(muted_.begin(), muted_.end());
    names.sort();
    return names;
}

bool Notifier::isMuted(const QString &container) const
{
    return muted_.contains(container);
}

void Notifier::setMuted(const QString &container, bool muted)
{
    if (muted == muted_.contains(container))
        return;
    if (muted)
        muted_.insert(container);
    else
        muted_.remove(container);
    QSettings().setValue(QStringLiteral("notifications/muted"), this->muted());
    Q_EMIT mutedChanged();
}

void Notifier::onEvent(const QJsonObject &event)
{
    if (event.value(u"Type").toString() != u"container")
        return;
    const QJsonObject attributes = event.value(u"Actor").toObject().value(u"Attributes").toObject();
    const QString name = attributes.value(u"name").toString();
    if (muted_.contains(name) || attributes.contains(u"org.muelle.build.step"))
        return;
    const QString action = event.value(u"Action").toString();
    if (action == u"die") {
        const QString code = attributes.value(u"exitCode").toString();
        if (oomKilled_.remove(name))
            return; // said already, in words that tell why
        if (!code.isEmpty() && code != u"0")
            notify(tr("%1 exited with code %2").arg(name, code), attributes.value(u"image").toString());
    } else if (action == u"oom") {
        oomKilled_.insert(name);
        notify(tr("%1 ran out of memory").arg(name), tr("The kernel killed a process of the container."));
    } else if (action == u"health_status: unhealthy") {
        notify(tr("%1 is unhealthy").arg(name), tr("Its health check fails."));
    }
}

void Notifier::notify(const QString &summary, const QString &body)
{
    Q_EMIT notified(summary, body);
    if (!session_.isConnected())
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"), QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("Notify"));
    call << QStringLiteral("Muelle") << uint(0) << QStringLiteral("muelle") << summary << body << QStringList()
         << QVariantMap() << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(session_.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, summary] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (!reply.isError())
            return Q_EMIT delivered(summary, reply.value());
        if (!std::exchange(warned_, true))
            qCWarning(lcNotifier).noquote() << "no desktop notifications:" << reply.error().message();
    });
}

} // namespace muelle::desktop
