#pragma once
// The OCI runtime spec (a bundle's config.json) for a container: the image's
// config under the create options, with Docker's default security — its
// capability set, its default seccomp profile, masked and read-only /proc
// paths, no-new-privileges when asked, a read-only rootfs when asked,
// everything opened up when privileged — and its limits.

#include "engine/containerspec/spec.h"
#include "oci/imageconfig.h"

#include <QJsonObject>

namespace muelle::engine::runtime {

// A mount with its host source resolved (a volume's _data directory, a
// bind's host path, nothing for tmpfs).
struct ResolvedMount {
    containerspec::Mount mount;
    QString hostPath;
};

struct Namespaces {
    bool hostNetwork = false; // --network host: no network namespace
    QString networkPath; // join this netns (a bind-mounted /proc/<pid>/ns/net); "" = a new empty one
};

struct BundleInputs {
    QString id; // the container's full ID
    containerspec::Spec spec;
    oci::ImageConfig image;
    QString rootfs; // the mounted root filesystem
    Namespaces namespaces;
    // Files the engine wrote for the container, bind-mounted over the
    // image's: /etc/hosts, /etc/resolv.conf, /etc/hostname ("" = none).
    QString hostsFile;
    QString resolvConfFile;
    QString hostnameFile;
    // --init: this host's init binary (tini), mounted at /sbin/docker-init
    // and run first; "" = none here, and --init cannot start.
    QString initPath;
    QList<ResolvedMount> mounts;
    QString cgroupsPath; // "/muelle/<id>" (cgroupfs, v1 and v2)
    // The host's hard limits, so defaults never ask for more: RLIMIT_NOFILE
    // and RLIMIT_NPROC as getrlimit() reports them.
    qint64 hostNofileHard = 0;
    qint64 hostNprocHard = 0;
};

// The process the container runs: user, env, args, cwd, terminal.
struct Process {
    QStringList args;
    QStringList env;
    QString cwd;
    uint uid = 0;
    uint gid = 0;
    QList<uint> additionalGids;
    bool terminal = false;
};

// What `runc update --resources` takes for the spec's limits: memory, cpu,
// pids, blockIO (linux.resources without the device rules).
QJsonObject updatedResourcesJson(const containerspec::Spec &spec);

// process.consoleSize: {"height": rows, "width": columns}.
QJsonObject consoleSizeJson(const containerspec::ConsoleSize &size);

// Builds config.json. InvalidArgument when the container has nothing to
// run (no entrypoint or cmd) or names a user the image does not have
// ("unable find user x: no matching entries in passwd file").
Result<QJsonObject> runtimeSpec(const BundleInputs &inputs);

// The process part alone, as `runc exec --process` takes it, for an exec
// in a running container (`rootfs` is where its files are).
Result<QJsonObject> execProcess(const QString &rootfs, const Process &process);

// "user", "uid", "user:group", "uid:gid" looked up in the rootfs's
// /etc/passwd and /etc/group (opened inside the rootfs: a symlink cannot
// lead out of it). Numeric IDs need no entry; a name without one is
// InvalidArgument.
struct User {
    uint uid = 0;
    uint gid = 0;
    QList<uint> additionalGids; // the groups that list the user, plus groupAdd
    QString home; // for HOME when the env has none
};
Result<User> resolveUser(const QString &rootfs, const QString &user, const QStringList &groupAdd = {});

// The capabilities Docker gives a container by default ("CAP_CHOWN", ...).
QStringList defaultCapabilities();

} // namespace muelle::engine::runtime
