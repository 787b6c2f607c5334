#pragma once
// Reading a tar stream's entries without writing anything: each entry's
// name, type, mode and link target, and the sha256 of its contents, for
// callers that index an archive rather than unpack it (the build context:
// its digests decide the build cache before any file is written). The
// stream is read once, never held whole; compression as extract.h.

#include "archive/extract.h"
#include "oci/digest.h"

#include <QByteArray>

#include <functional>
#include <sys/types.h>

namespace muelle::archive {

struct ScannedEntry {
    enum class Type { Directory, File, Symlink, Hardlink, Other };
    QByteArray name; // as the archive writes it, not cleaned
    Type type = Type::Other; // Other: devices, fifos, sparse files
    mode_t mode = 0; // permission bits, setuid/setgid/sticky included
    QByteArray linkTarget; // a symlink's or hardlink's, as written
    qint64 size = 0;
    oci::Digest digest; // a file's contents
    QByteArray data; // a file's contents, when keepData asked for them
};

struct ScanOptions {
    // Whether to keep a file's contents in ScannedEntry::data (small ones:
    // a Dockerfile). Never by default.
    std::function<bool(const QByteArray &name, qint64 size)> keepData;
};

// Reads the archive pulled from `source`, entry by entry, and gives each to
// `visit`; its error stops the scan. A malformed stream fails with
// InvalidArgument ("read layer: ..."), as extractLayer does.
Result<> scanArchive(const ChunkSource &source, const std::function<Result<>(const ScannedEntry &)> &visit,
    const ScanOptions &options = {});

} // namespace muelle::archive
