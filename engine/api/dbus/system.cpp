#include "engine/api/dbus/system.h"

#include "engine/api/docker/events.h"
#include "engine/api/docker/images.h"
#include "engine/api/docker/system.h"
#include "engine/events/events.h"

#include <QDateTime>
#include <QJsonDocument>

namespace muelle::engine::dbus {

SystemObject::SystemObject(
    CallerCheck &callers, const docker::DaemonFacts &facts, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), facts_(facts), engine_(engine)
{
    // Only what happens from now on; subscribers run on the publishing
    // thread, so the signal is queued to this object's.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    engine_.events.subscribe(now + 1, 0, &subscription_, [this](const events::Event &event) {
        const QString json = compactJson(docker::eventJson(event));
        QMetaObject::invokeMethod(
            this, [this, json] { Q_EMIT Event(json); }, Qt::QueuedConnection);
    });
}

SystemObject::~SystemObject()
{
    engine_.events.unsubscribe(subscription_);
}

QString SystemObject::Version(const QVariantMap &options)
{
    if (!authorised(&SystemObject::Version, options) || !this->options(options, {}))
        return {};
    return compactJson(docker::versionJson(facts_));
}

QString SystemObject::Info(const QVariantMap &options)
{
    if (!authorised(&SystemObject::Info, options) || !this->options(options, {}))
        return {};
    return compactJson(docker::infoJson(facts_, engine_));
}

QString SystemObject::DiskUsage(const QVariantMap &options)
{
    if (!authorised(&SystemObject::DiskUsage, options) || !this->options(options, {}))
        return {};
    return answer(docker::diskUsageJson(engine_));
}

} // namespace muelle::engine::dbus
