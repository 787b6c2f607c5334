#pragma once
// A container as the engine keeps it: what it was created with, where it
// lives, and its state — an explicit machine that refuses what cannot
// happen ("cannot pause a created container") before anything is touched.

#include "engine/containerspec/spec.h"
#include "engine/network/network.h"
#include "oci/digest.h"

#include <QDateTime>
#include <QJsonObject>

namespace muelle::engine::containers {

// A container is made from a spec (engine/containerspec); its code names the
// spec's types as its own.
using containerspec::ConsoleSize;
using containerspec::Mount;
using containerspec::MountFrom;
using containerspec::MountType;
using containerspec::parseRestartPolicy;
using containerspec::PortBinding;
using containerspec::Resources;
using containerspec::RestartPolicy;
using containerspec::Spec;
using containerspec::updatedResources;

enum class Status { Created, Running, Paused, Restarting, Exited, Removing, Dead };

// Now in RFC 3339 with nanoseconds, as Docker writes times: "2026-11-30T02:45:25.123456789Z".
QString nowRfc3339Nano();
// A new random 64-hex ID (containers, execs).
QString randomId();

// A signal by name ("SIGTERM", "term", "KILL") or number ("9"); nullopt
// when it is none.
std::optional<int> signalNumber(const QString &text);

// Docker's names: "created", "running", "paused", "restarting", "exited", "removing", "dead".
QString statusName(Status status);

struct State {
    Status status = Status::Created;
    int pid = 0;
    int exitCode = 0;
    bool oomKilled = false;
    QString error;
    QString startedAt; // RFC 3339 with nanoseconds, "" = never
    QString finishedAt;
    int restartCount = 0;
    // docker stop / kill by the user: restart policies leave it stopped.
    bool stoppedByUser = false;
};

struct PublishedPort {
    int containerPort = 0;
    QString protocol;
    QString hostIp;
    int hostPort = 0;
};

// A running container's place on a network (dropped when it exits).
struct NetworkAttachment {
    QString networkId;
    QString networkName;
    network::Endpoint endpoint;
    QStringList aliases;
};

// 1: the spec as Docker's create body; 2: the spec in containerspec/record.h's shape.
inline constexpr int currentRecordVersion = 2;

struct Container {
    QString id; // 64 hex
    QString name; // without docker's leading '/'
    oci::Digest image;
    QString imageName; // as the client named it
    QDateTime created;
    Spec spec;
    State state;
    QString driver; // the storage driver its layer was made with
    QList<PublishedPort> ports; // what -p / -P bound, while running
    QList<NetworkAttachment> attachments; // while running
    QStringList extraNetworks; // IDs of networks joined with `network connect`, besides spec.networkMode
    // Anonymous volumes made at create for `-v /path` and the image's
    // VOLUMEs: target -> volume name. --mount volumes are in spec.mounts.
    QMap<QString, QString> anonymousVolumes;
    QStringList execIds;

    QString shortId() const { return id.left(12); }
    bool running() const
    {
        return state.status == Status::Running || state.status == Status::Paused || state.status == Status::Restarting;
    }
    // The record kept in metadata.db, in the engine's own shape (version 2).
    QByteArray toRecord() const;
    // Reads records of every version so far; `outdated` tells whether it was
    // an older one, to be written again. DataLoss for a damaged record or one
    // newer than this muelled.
    static Result<Container> fromRecord(const QByteArray &record, bool *outdated = nullptr);
};

// The state machine: moves `state` to `to` when the edge exists (Docker's
// states, the edges muelled takes), else FailedPrecondition and `state` is
// left as it was. Staying in a state is no transition, and allowed.
//   created    -> running (started), removing
//   running    -> paused, exited
//   paused     -> running (unpaused), exited
//   restarting -> running (restarted), exited (stopped, or its start failed)
//   exited     -> running, restarting (its restart policy), removing
//   removing   -> dead (its files could not be deleted)
//   dead       -> removing
// Every status change goes through here (ContainerStore::move).
Result<> transition(State &state, Status to);

// The transitions users ask for, checked against the state with Docker's
// wording ("Container abc is not running", "cannot pause a created container").
enum class Action { Start, Stop, Kill, Pause, Unpause, Restart, Remove, Exec, Attach, Resize };
Result<> allowed(const Container &container, Action action);

} // namespace muelle::engine::containers
