#pragma once
// docker commit: a container's writable layer becomes a layer of a new
// image whose parent is the container's image, its config the container's
// (the image's, with what the container was created with) with --change's
// instructions applied (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL,
// ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), and a history entry naming
// the container's command, --message and --author. A running container is
// paused meanwhile unless asked not to be. Overlay only.

#include "oci/imageconfig.h"
#include "oci/reference.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace muelle::engine::builder {

struct CommitOptions {
    QString container;
    std::optional<oci::Reference> tag;
    QString comment;
    QString author;
    bool pause = true;
    QStringList changes; // Dockerfile lines
};

// The config `changes` make of `config`: InvalidArgument "run is not a
// valid change command" for an instruction commit does not take, and the
// parser's words for a line that does not parse.
Result<oci::ImageConfig> applyChanges(oci::ImageConfig config, const QStringList &changes);

} // namespace muelle::engine::builder
