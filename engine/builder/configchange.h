#pragma once
// What an instruction that changes the image config only does — CMD,
// ENTRYPOINT, ENV, LABEL, EXPOSE, VOLUME, USER, WORKDIR (its config part),
// SHELL, ONBUILD, STOPSIGNAL, HEALTHCHECK, MAINTAINER — and how the image's
// history names it. The builder's steps and docker commit --change share it.

#include "dockerfile/instructions.h"
#include "oci/imageconfig.h"

#include <functional>
#include <optional>

namespace muelle::engine::builder {

struct ConfigChange {
    QString comment; // "ENV A=b": history's words after "#(nop)"
    bool spaced = true; // "#(nop)  ENV" (most) or "#(nop) WORKDIR" (nopCreatedBy)
    std::function<void(oci::ImageConfig &)> apply;
};

// The change an (expanded) instruction makes; nullopt for the others (FROM,
// RUN, COPY, ADD, ARG). `shell` makes shell forms; `cmdSet` says whether a
// CMD came before in the stage (ENTRYPOINT keeps it then). Errors in Docker's
// words ("Invalid containerPort: 80a").
Result<std::optional<ConfigChange>> configChange(
    const dockerfile::Instruction &instruction, const QStringList &shell, bool cmdSet);

// The config's SHELL, or /bin/sh -c.
QStringList shellOf(const oci::ImageConfig &config);
// WORKDIR `path` from the config's working directory.
QString workingDirOf(const oci::ImageConfig &config, const QString &path);
// Go's time.Duration.String(): "30s", "1m30s", "500ms".
QString goDuration(std::chrono::nanoseconds duration);

} // namespace muelle::engine::builder
