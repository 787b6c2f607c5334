#pragma once
// Unpacking an image layer — a tar stream, gzip or zstd compressed or not —
// into a directory, safely: whatever the layer says, nothing is created,
// linked, changed or removed outside that directory. Entry names and link
// targets are paths inside it, and the symlinks met on the way are resolved
// as if it were "/" (confine/inroot.h). The uncompressed stream is hashed on
// the way through: its sha256 is the layer's diff ID.
//
// OCI whiteouts are applied as the snapshot driver needs them. For overlayfs
// the layer gets its own empty directory, and ".wh.<name>" becomes an overlay
// whiteout (char device 0/0 <name>), ".wh..wh..opq" the xattr
// trusted.overlay.opaque="y" on its directory. A copying driver unpacks each
// layer onto a copy of its parent: ".wh.<name>" deletes <name>, and
// ".wh..wh..opq" deletes from its directory everything this layer did not
// write (at the end of the layer, so the marker's place in the tar does not
// matter).
//
// Linux only. Blocking system calls: run it on a worker thread.

#include "base/error.h"
#include "confine/fd.h"
#include "oci/digest.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

class QIODevice;

namespace muelle::archive {

// None: ".wh." names are ordinary files (docker cp's archives).
enum class WhiteoutMode { Overlay, Copy, None };

struct ExtractOptions {
    WhiteoutMode whiteouts = WhiteoutMode::Overlay;
    // Character and block devices other than the overlay whiteout (char 0/0)
    // are skipped with a warning unless this is set; even then they are only
    // created when running as root.
    bool allowDevices = false;
    // Give entries the uid/gid recorded in the layer; only root can, so
    // others ignore it.
    bool preserveOwnership = true;
    // With preserveOwnership: every entry gets this uid and gid instead
    // (docker cp -a into a container that runs as a user).
    std::optional<std::pair<unsigned, unsigned>> owner = std::nullopt;
    // Fail, rather than replace, where a directory would become a
    // non-directory or the other way round (docker cp's default).
    bool noOverwriteDirNonDir = false;
};

struct ExtractReport {
    oci::Digest diffId; // sha256 of the whole uncompressed stream
    qint64 uncompressedSize = 0;
    int entries = 0; // tar entries read, whiteouts and skipped ones included
    int skipped = 0; // devices and unsupported types left out, each logged
};

// Pulls the next bytes of a stream: at most maxBytes, an empty array at its end.
using ChunkSource = std::function<Result<QByteArray>(qint64 maxBytes)>;

// Unpacks the layer pulled from `source` into `targetDir`, which must exist.
// A malformed or hostile layer fails with InvalidArgument and a message that
// names the entry: `layer entry "../../etc/passwd": climbs out of the layer`,
// a bad compression or tar with "read layer: ..."; the source's errors and
// the system's (systemError) keep their codes. Entries replace what is at
// their path (a directory merges with an existing directory). Directory
// modes and times are set after their contents. On failure `targetDir`
// holds part of the layer: the caller discards it.
Result<ExtractReport> extractLayer(
    const ChunkSource &source, const QString &targetDir, const ExtractOptions &options = {});
// The same into an open directory (one resolved inside a container's root).
Result<ExtractReport> extractLayer(
    const ChunkSource &source, confine::Fd targetDir, const ExtractOptions &options = {});
// Reads the whole stream without writing anything: a malformed archive, a
// name that climbs out of `targetDir` and, with noOverwriteDirNonDir, an
// entry that would replace a directory by a non-directory (or the other way
// round) there now, fail as extractLayer would, before it changes anything.
Result<> checkArchive(const ChunkSource &source, int targetDir, const ExtractOptions &options = {});
// The same, reading a device open for reading. A sequential device (socket,
// pipe, process) is waited on, blocking, until it has data or ends.
Result<ExtractReport> extractLayer(QIODevice &device, const QString &targetDir, const ExtractOptions &options = {});

} // namespace muelle::archive
