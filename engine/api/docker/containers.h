#pragma once
// Containers as Docker's API shows them: inspect and list entries.

#include "engine/api/docker/engine.h"
#include "engine/containers/container.h"
#include "engine/paths.h"
#include "oci/imageconfig.h"

#include <QJsonObject>

namespace muelle::engine::docker {

// `networks`: the names of the networks it is configured to join.
QJsonObject inspectJson(const containers::Container &container, const oci::ImageConfig &image, const Paths &paths,
    const QStringList &networks);
QJsonObject listEntryJson(
    const containers::Container &container, const oci::ImageConfig &image, const QStringList &networks);
// SizeRw (the bytes its writable layer holds, walked) and SizeRootFs (with
// its image's), as docker ps --size and inspect --size show them.
void insertSizes(QJsonObject &entry, Engine &engine, const containers::Container &container);
// The entrypoint + cmd the container runs.
QStringList commandOf(const containers::Container &container, const oci::ImageConfig &image);

} // namespace muelle::engine::docker
