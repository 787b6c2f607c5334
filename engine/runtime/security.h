#pragma once
// Docker's default confinement, as data and the few rules that adjust it:
// the capability set (tweaked by --cap-add/--cap-drop, everything when
// privileged), the seccomp profile (filtered by those capabilities and the
// host's architecture), the masked and read-only /proc and /sys paths and
// the device cgroup rules. Internal to engine/runtime: runtimeSpec() is the
// contract.

#include "base/error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace muelle::engine::runtime {

// What --security-opt asks for, once parsed.
struct SecurityOptions {
    bool noNewPrivileges = false;
    bool seccomp = true; // false: "seccomp=unconfined"
};

// "no-new-privileges[:true|=true]", "seccomp=unconfined", and apparmor=/label=
// (accepted, without effect here). InvalidArgument for anything else,
// including a seccomp profile file.
Result<SecurityOptions> parseSecurityOptions(const QStringList &options);

// The container's capabilities ("CAP_CHOWN", ...): every one this engine
// holds when privileged, else Docker's defaults with `drop` removed and
// `add` added ("ALL" in either; names with or without "CAP_", any case).
// InvalidArgument on an unknown name.
Result<QStringList> containerCapabilities(bool privileged, const QStringList &add, const QStringList &drop);

// process.capabilities for a process running as `uid`: a non-root user gets
// only the bounding set, as execve would leave it.
QJsonObject capabilitiesJson(const QStringList &capabilities, uint uid);

// linux.seccomp: Docker's default profile for a container holding
// `capabilities`, for this host's architecture and kernel.
QJsonObject defaultSeccompProfile(const QStringList &capabilities);

QStringList defaultMaskedPaths();
QStringList defaultReadonlyPaths();

// linux.resources.devices: deny everything but the usual character devices,
// or allow everything when privileged.
QJsonArray deviceCgroupRules(bool privileged);

} // namespace muelle::engine::runtime
