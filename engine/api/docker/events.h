#pragma once
// An engine event as GET /events streams it (and the D-Bus façade signals it).

#include <QJsonObject>

namespace muelle::engine::events {
struct Event;
}

namespace muelle::engine::docker {

QJsonObject eventJson(const events::Event &event);

} // namespace muelle::engine::docker
