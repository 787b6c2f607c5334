#pragma once
// The engine as Docker's API shows it: GET /version, GET /info and GET
// /system/df. infoJson and diskUsageJson run on the engine's thread.

#include "base/error.h"
#include "engine/api/docker/engine.h"

#include <QJsonObject>

namespace muelle::engine::docker {

QJsonObject versionJson(const DaemonFacts &facts);
QJsonObject infoJson(const DaemonFacts &facts, Engine &engine);
Result<QJsonObject> diskUsageJson(Engine &engine);

} // namespace muelle::engine::docker
