#pragma once
// The /networks endpoints: Docker's wire format over the network service.

#include "engine/api/rest/restapi.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace muelle::engine::rest {

void listNetworks(Engine &engine, http::Exchange &exchange); // GET /networks
void inspectNetwork(Engine &engine, http::Exchange &exchange); // GET /networks/{id}
void createNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/create
void removeNetwork(Engine &engine, http::Exchange &exchange); // DELETE /networks/{id}
void connectNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/{id}/connect
void disconnectNetwork(Engine &engine, http::Exchange &exchange); // POST /networks/{id}/disconnect
void pruneNetworks(Engine &engine, http::Exchange &exchange); // POST /networks/prune
// On the engine's thread (the D-Bus façade calls these too): GET
// /networks/{id}'s body; POST /networks/create's answer to a create body;
// POST /networks/prune's answer.
Result<QJsonObject> networkJson(Engine &engine, const QString &name);
Result<QJsonObject> createNetwork(Engine &engine, const QJsonObject &body);
QJsonObject pruneNetworks(Engine &engine);
// GET /networks's body (filters already checked), on the engine's thread.
QJsonArray networksJson(Engine &engine, const QHash<QString, QStringList> &filters = {});

} // namespace muelle::engine::rest
