#pragma once
// Containers as Docker's API shows them: inspect and list entries.

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
// The entrypoint + cmd the container runs.
QStringList commandOf(const containers::Container &container, const oci::ImageConfig &image);

} // namespace muelle::engine::docker
