#include "engine/api/docker/events.h"

#include "engine/events/events.h"

namespace muelle::engine::docker {

QJsonObject eventJson(const events::Event &event)
{
    QJsonObject attributes;
    for (auto it = event.attributes.cbegin(); it != event.attributes.cend(); ++it)
        attributes.insert(it.key(), it.value());
    return { { QStringLiteral("status"), event.action }, { QStringLiteral("id"), event.actorId },
        { QStringLiteral("Type"), event.type }, { QStringLiteral("Action"), event.action },
        { QStringLiteral("Actor"),
            QJsonObject{ { QStringLiteral("ID"), event.actorId }, { QStringLiteral("Attributes"), attributes } } },
        { QStringLiteral("scope"), QStringLiteral("local") }, { QStringLiteral("time"), event.timeNano / 1000000000 },
        { QStringLiteral("timeNano"), event.timeNano } };
}

} // namespace muelle::engine::docker
