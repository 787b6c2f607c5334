#pragma once
// What a container is created with: docker's container Config and
// HostConfig, as typed values. fromDockerJson() is where a create request
// (POST /containers/create) is validated — bad names, ports, mounts and
// limits are refused here with Docker's wording, before anything is stored.
// The same JSON shape is what the engine persists and what inspect shows,
// so toDockerJson(fromDockerJson(x)) keeps every field the engine honours.

#include "base/error.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace muelle::engine::containerspec {

// A terminal's size when its process starts (HostConfig.ConsoleSize, an
// exec's ConsoleSize): [0, 0] leaves it to the first resize.
struct ConsoleSize {
    int height = 0;
    int width = 0;
    bool operator==(const ConsoleSize &) const = default;
};

// "-p 127.0.0.1:8080:80/tcp": one binding of a container port on the host.
struct PortBinding {
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp"); // "tcp" | "udp" | "sctp"
    QString hostIp; // "" = every address
    int hostPort = 0; // 0 = pick a free port at start

    bool operator==(const PortBinding &) const = default;
};

enum class MountType { Bind, Volume, Tmpfs };

// The HostConfig field a mount was asked in, so inspect shows it back there.
enum class MountFrom { Binds, Mounts, Tmpfs }; // -v, --mount, --tmpfs

struct Mount {
    MountType type = MountType::Bind;
    QString source; // bind: an absolute host path; volume: a name ("" = anonymous); tmpfs: unused
    QString target; // absolute path in the container
    bool readOnly = false;
    QString propagation; // bind: "rprivate" (default), "private", "rshared", ...
    bool noCopy = false; // volume: do not fill a new volume from the image
    qint64 tmpfsSize = 0; // bytes, 0 = the kernel's default
    int tmpfsMode = 0; // 0 = 01777
    QStringList tmpfsOptions; // "noexec", "nosuid", "uid=1000"... (size, mode and ro are above)
    MountFrom from = MountFrom::Mounts;

    bool operator==(const Mount &) const = default;
};

struct Ulimit {
    QString name; // "nofile", as docker names them
    qint64 soft = 0;
    qint64 hard = 0;

    bool operator==(const Ulimit &) const = default;
};

enum class RestartPolicy { No, OnFailure, Always, UnlessStopped };

struct Resources {
    qint64 memory = 0; // bytes, 0 = unlimited
    qint64 memorySwap = 0; // memory + swap; -1 = unlimited swap; 0 = twice memory
    qint64 memoryReservation = 0;
    qint64 nanoCpus = 0; // --cpus 1.5 -> 1500000000
    qint64 cpuShares = 0;
    qint64 cpuPeriod = 0; // µs
    qint64 cpuQuota = 0; // µs
    QString cpusetCpus;
    QString cpusetMems;
    qint64 pidsLimit = 0; // 0 or -1 = unlimited
    qint64 blkioWeight = 0;
    bool oomKillDisable = false;
    QList<Ulimit> ulimits;

    bool operator==(const Resources &) const = default;
};

struct Spec {
    // Config
    QString image; // as the client named it
    QString hostname; // "" = the ID's first 12 characters
    QString domainname;
    QString user; // "name", "uid", "uid:gid", "name:group"
    QStringList env; // "KEY=value"
    std::optional<QStringList> cmd; // nullopt = the image's
    std::optional<QStringList> entrypoint; // nullopt = the image's; [] or [""] = none
    QString workingDir;
    QMap<QString, QString> labels;
    QStringList exposedPorts; // "80/tcp", the image's added at create
    bool tty = false;
    bool openStdin = false;
    bool stdinOnce = false;
    bool attachStdin = false;
    bool attachStdout = false;
    bool attachStderr = false;
    QString stopSignal; // "" = the image's, else SIGTERM
    std::optional<int> stopTimeout; // seconds
    QStringList volumes; // anonymous volume targets asked with -v /path

    // HostConfig
    QString networkMode
        = QStringLiteral("default"); // "default", "bridge", "none", "host", a network name, "container:<id>"
    QList<PortBinding> portBindings;
    bool publishAllPorts = false;
    QList<Mount> mounts; // -v, --mount and --tmpfs, in that order
    RestartPolicy restartPolicy = RestartPolicy::No;
    int restartMaxRetries = 0; // on-failure:N
    bool autoRemove = false;
    bool privileged = false;
    bool readonlyRootfs = false;
    QStringList capAdd; // "NET_ADMIN" (a "CAP_" prefix is dropped), or "ALL"
    QStringList capDrop;
    QStringList securityOpt; // "no-new-privileges", "seccomp=unconfined", ...
    QStringList dns;
    QStringList dnsSearch;
    QStringList dnsOptions;
    QStringList extraHosts; // "name:ip"
    QStringList groupAdd;
    qint64 shmSize = 0; // bytes, 0 = 64 MiB
    bool init = false;
    ConsoleSize consoleSize;
    QString logType = QStringLiteral("json-file"); // "json-file" | "none"
    qint64 logMaxSize = 0; // bytes per file, 0 = unlimited
    int logMaxFile = 1;
    Resources resources;

    // NetworkingConfig: aliases per network name
    QMap<QString, QStringList> networkAliases;
    QMap<QString, QString> networkIps; // --ip: the IPv4 address asked on a network

    // `body` is the POST /containers/create body (Config fields at the top,
    // "HostConfig" and "NetworkingConfig" inside). InvalidArgument with
    // Docker's message on anything malformed.
    static Result<Spec> fromDockerJson(const QJsonObject &body);
    // The same shape back: {Config fields..., "HostConfig": {...},
    // "NetworkingConfig": {...}}.
    QJsonObject toDockerJson() const;
    // Docker's inspect views of the same values.
    QJsonObject configJson() const;
    QJsonObject hostConfigJson() const;

    bool operator==(const Spec &) const = default;
};

// "on-failure:3" -> {OnFailure, 3}; InvalidArgument on anything else.
Result<std::pair<RestartPolicy, int>> parseRestartPolicy(const QString &name, int maxRetries);
QString restartPolicyName(RestartPolicy policy);
// POST /containers/{id}/update's resources: each field the body gives
// (not zero) replaces `current`'s; Docker's checks on the result.
Result<Resources> updatedResources(const QJsonObject &body, const Resources &current);
// [height, width] of non-negative integers up to 65535, or null/absent;
// InvalidArgument naming `where` otherwise.
Result<ConsoleSize> parseConsoleSize(const QJsonValue &value, const QString &where);

} // namespace muelle::engine::containerspec
