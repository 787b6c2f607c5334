#pragma once
// Volumes: Docker's "local" volume driver and the service in front of it —
// create, inspect, list, remove, prune, disk usage, and the copy-up that
// fills a new volume from the image the first time it is mounted.
//
// On disk (beside the rest of the data root, see engine/paths.h):
//
//   volumes/                    0701
//     <name>/
//       _data/                  the volume's files: what containers mount
//       volume.json             the volume's record, written last and
//                               atomically; a <name>/ without a valid one
//                               is unfinished work, removed by open()
//     .trash-<random>/          a volume being removed (renamed here first,
//                               so a crash never leaves half a volume)
//
// A volume exists once its volume.json does: every change below is on disk
// (QSaveFile, renamed into place) before the method returns, and visible to
// the next call on any thread.
//
// Threads: the service lives on the daemon's main thread. Every method may
// also be called from another thread (they share one mutex), and
// fillFromImage() is meant to be: it copies on the caller's thread, and the
// engine calls it from a worker. The usersOf callback is called without
// the mutex held, on the thread of the method that needs it.
//
// Not supported yet: the local driver's options type/device/o (tmpfs, NFS
// or bind mounts made at first mount) and size; create() refuses them with
// Unimplemented rather than make a volume that would not behave as asked.

#include "base/error.h"
#include "engine/events/events.h"
#include "engine/paths.h"

#include <QMap>
#include <QMutex>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

namespace muelle::engine::volumes {

// The label Docker (23+) puts on volumes created without a name; prune
// without `all` removes only volumes that carry it.
inline constexpr QLatin1StringView anonymousLabel{ "com.docker.volume.anonymous" };

struct Volume {
    QString name; // [a-zA-Z0-9][a-zA-Z0-9_.-]+, or 64 hex digits when anonymous
    QString driver = QStringLiteral("local");
    QString mountpoint; // <data-root>/volumes/<name>/_data
    QString createdAt; // RFC 3339, UTC: "2024-05-01T12:00:00Z"
    QMap<QString, QString> labels;
    QMap<QString, QString> options; // the driver's options (none are accepted yet)
    QString scope = QStringLiteral("local");
    bool anonymous = false; // created without a name (or with anonymousLabel)
    bool filled = false; // fillFromImage() has copied into it once: never again

    bool operator==(const Volume &) const = default;
};

// docker volume ls' filters; an empty field filters nothing.
struct Filters {
    std::optional<bool> dangling; // true: used by no container (per usersOf)
    QStringList names; // substrings; a volume matches when any is in its name
    QStringList labels; // "key" or "key=value"; a volume must match all
    QStringList drivers; // a volume matches when its driver is any of them
};

struct PruneReport {
    QStringList removed; // names, in the order removed
    qint64 bytesReclaimed = 0;
};

// Whether `name` is a name Docker's local driver accepts; "" is not.
bool isValidName(const QString &name);

class VolumeService {
public:
    // The container IDs using volume `name` (any state, running or not);
    // empty when none.
    using UsersOf = std::function<QStringList(const QString &name)>;

    VolumeService(const Paths &paths, events::EventBus &events);

    // Set by the engine once the container service exists. Until then (or
    // when unset) every volume counts as unused.
    void setUsersOf(UsersOf usersOf);

    // Creates volumes/ when missing, removes unfinished work (directories
    // without a valid volume.json, .trash-*), and loads every volume.
    // Internal when volumes/ cannot be created or read; a bad volume is
    // logged and removed, never fatal.
    Result<> open();

    // Creates volume `name` ("" = anonymous: a random 64-hex-digit name and
    // anonymousLabel), or returns the existing one unchanged when the name
    // is taken, as Docker does — Conflict when labels or options were
    // given and differ from the existing volume's. InvalidArgument for a
    // bad name ("create x: \"x\" includes invalid characters ..."), a
    // driver other than "local", or an unknown option; Unimplemented for
    // the options type, device, o and size. Publishes volume "create"
    // (attribute driver) on every success, existing volume or not, like
    // Docker. Visible to get()/list() when it returns.
    Result<Volume> create(const QString &name, const QMap<QString, QString> &labels = {},
        const QMap<QString, QString> &driverOpts = {}, const QString &driver = QStringLiteral("local"));

    // NotFound "get x: no such volume" when missing.
    Result<Volume> get(const QString &name) const;

    // The volumes matching `filters`, sorted by name. InvalidArgument when a
    // label filter is empty ("label=").
    Result<QList<Volume>> list(const Filters &filters = {}) const;

    // Removes the volume and its files (symlinks inside are removed, never
    // followed). NotFound "get x: no such volume" when missing, unless
    // `force`; Conflict "remove x: volume is in use - [id1, id2]" when
    // containers use it, even with `force` (as Docker). Publishes volume
    // "destroy". Gone from get()/list() when it returns, even when deleting
    // the files then failed (they are cleared by the next open()).
    Result<> remove(const QString &name, bool force = false);

    // Removes every unused volume that matches `labelFilters` ("key",
    // "key=value", all must match): anonymous ones only, or every one when
    // `all` (Docker 23+). A volume that fails to go is skipped and logged.
    Result<PruneReport> prune(bool all = false, const QStringList &labelFilters = {});

    // Bytes used by the volume's files, as Docker counts them: the apparent
    // size of every non-directory entry, each inode once, symlinks not
    // followed. NotFound when missing.
    Result<qint64> usage(const QString &name) const;

    // Docker's copy-up. When the volume has never been filled and is still
    // empty, and `containerPath` is a directory in `imageRootfs` (resolved
    // inside it: no ".." or symlink leads out), copies that directory's
    // content into the volume — files, directories, symlinks as symlinks,
    // hardlinks as hardlinks, devices and fifos; owners, modes, times and
    // xattrs (best effort) — and gives the volume's root the directory's
    // owner and mode. Returns true when it copied (the volume is then
    // marked filled, on disk, and never filled again even if emptied);
    // false when there was nothing to do: already filled, not empty, or no
    // directory at `containerPath`. NotFound when the volume is missing,
    // InvalidArgument when `containerPath` climbs out with "..", Conflict
    // when another fill of the same volume is running. Blocking I/O on the
    // caller's thread; a failed copy may leave the volume partly filled.
    Result<bool> fillFromImage(const QString &name, const QString &imageRootfs, const QString &containerPath);

private:
    QString dir(const QString &name) const { return paths_.volume(name); }
    QString dataDir(const QString &name) const { return dir(name) + QStringLiteral("/_data"); }
    QString recordFile(const QString &name) const { return dir(name) + QStringLiteral("/volume.json"); }

    Result<> createFiles(const Volume &volume) const;
    Result<> save(const Volume &volume) const;
    std::optional<Volume> load(const QString &name) const;
    // Renames the volume's directory to .trash-<random> (atomic: the volume
    // is gone) and returns that path; removeTrash() then deletes it.
    Result<QString> moveToTrash(const QString &name) const;
    void removeTrash(const QString &trash) const;
    QStringList usersOf(const QString &name) const;
    void publish(const QString &action, const Volume &volume);

    Paths paths_;
    events::EventBus &events_;
    UsersOf usersOf_;
    mutable QMutex mutex_;
    QMap<QString, Volume> volumes_;
    QSet<QString> filling_;
};

} // namespace muelle::engine::volumes
