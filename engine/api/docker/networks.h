#pragma once
// Networks as Docker's API shows them, and its create and prune bodies,
// over the network service. On the engine's thread.

#include "base/error.h"
#include "engine/api/docker/engine.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace muelle::engine::docker {

// GET /networks's body (filters already checked: name, id, driver, scope,
// type, label).
QJsonArray networksJson(Engine &engine, const QHash<QString, QStringList> &filters = {});
// GET /networks/{id}'s body.
Result<QJsonObject> networkJson(Engine &engine, const QString &name);
// POST /networks/create's answer to a create body.
Result<QJsonObject> createNetwork(Engine &engine, const QJsonObject &body);
// POST /networks/prune's answer.
QJsonObject pruneNetworks(Engine &engine);

} // namespace muelle::engine::docker
