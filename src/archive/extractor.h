#pragma once
// The state of one layer's extraction, entry by entry. Private to
// src/archive: extractLayer() (extract.h) is the contract.
//
// Every entry goes to a Slot: its parent directory, resolved inside the root
// by confine/inroot.h (the only resolver), and its last component, which is
// never followed: what is there is replaced, or merged for a directory.

#include "archive/extract.h"
#include "confine/fd.h"

#include <QHash>
#include <QList>

#include <set>
#include <sys/stat.h>
#include <utility>

struct archive_entry;

namespace muelle::archive {

class TarReader;

struct Slot {
    confine::Fd dir; // the parent directory
    QByteArray name; // in `dir`; "." for the root itself
    QByteArray path; // root path, for messages
};

// What an entry says about its file besides the contents.
struct Metadata {
    uid_t uid = 0;
    gid_t gid = 0;
    mode_t mode = 0; // permission bits, setuid/setgid/sticky included
    timespec times[2] = {}; // atime, mtime
    QList<std::pair<QByteArray, QByteArray>> xattrs;

    static Metadata of(archive_entry *entry);
};

enum class Kind { Directory, File, Symlink, Other };

class Extractor {
public:
    Extractor(confine::Fd root, const ExtractOptions &options, TarReader &reader);
    // Extracts one entry; errors name it.
    Result<> extract(archive_entry *entry);
    // After the last entry: opaque directories (copy mode), then directory
    // modes and times.
    Result<> finish();
    int skipped() const { return skipped_; }

private:
    // extractor_linux.cpp
    Result<> extractAt(archive_entry *entry, const QByteArray &path);
    Result<Slot> slotFor(const QByteArray &path, bool createParents);
    Result<bool> clearSlot(const Slot &slot, bool keepDirectory);
    Result<> makeDirectory(const Slot &slot, archive_entry *entry);
    Result<> writeFile(const Slot &slot, archive_entry *entry);
    Result<> copyData(int fd, const Slot &slot, qint64 size);
    Result<> makeSymlink(const Slot &slot, archive_entry *entry);
    Result<> makeHardlink(const Slot &slot, const QByteArray &target);
    Result<> makeNode(const Slot &slot, archive_entry *entry);
    Result<> skip(const QByteArray &path, const QString &why);
    Result<> applyDirectoryMetadata();

    // metadata_linux.cpp
    Result<> finishEntry(const Slot &slot, const Metadata &metadata, Kind kind);
    Result<> applyOwner(const Slot &slot, const Metadata &metadata);
    Result<> applyXattrs(const Slot &slot, const Metadata &metadata, Kind kind);
    Result<> applyModeAndTimes(const Slot &slot, const Metadata &metadata, Kind kind);
    bool xattrAllowed(const QByteArray &name, Kind kind) const;
    Result<> recordWritten(const Slot &slot);

    // whiteout_linux.cpp
    Result<> applyWhiteout(const QByteArray &path);
    Result<> markOpaque(const QByteArray &dir);
    Result<> pruneOpaqueDirs();
    Result<bool> pruneUnwritten(int dirFd, const QByteArray &path);

    confine::Fd root_;
    ExtractOptions options_;
    TarReader &reader_;
    bool privileged_;
    int skipped_ = 0;
    QHash<QByteArray, Metadata> directories_; // set after their contents
    QList<QByteArray> opaqueDirs_; // copy mode: pruned at the end
    std::set<std::pair<dev_t, ino_t>> written_; // copy mode: what this layer wrote
};

// checkArchive()'s test of one entry against the tree at `rootFd`.
Result<> checkEntry(archive_entry *entry, int rootFd, const ExtractOptions &options);

// ".wh.<name>" and ".wh..wh..opq": OCI whiteouts, never extracted as files.
bool isWhiteout(const QByteArray &path);

} // namespace muelle::archive
