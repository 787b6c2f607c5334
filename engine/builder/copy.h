#pragma once
// COPY and ADD into a mounted image root, as Docker's classic builder does
// them: a directory source's contents go into the destination, a file goes
// to the destination path (into it when it ends with '/' or is a
// directory); what is copied keeps its mode and modification time and is
// owned by root, or by --chown's user, and takes --chmod's mode; missing
// directories on the way are made. ADD unpacks a local tar archive (plain,
// gzip, bzip2, xz, zstd) into the destination. Every path on both sides is
// resolved inside its root. Blocking: run it on a worker thread.

#include "engine/builder/sources.h"

#include <optional>
#include <utility>

namespace muelle::engine::builder {

struct CopyRequest {
    QList<Source> sources; // found in `sourceRoot` (findSources)
    QString destination; // expanded, as written
    QString workingDir; // for a relative destination
    std::optional<std::pair<unsigned, unsigned>> owner; // --chown, resolved
    std::optional<int> mode; // --chmod
    bool unpackArchives = false; // ADD
};

Result<> copyInto(int sourceRoot, int destinationRoot, const CopyRequest &request);

// --chmod's octal mode ("755", "0644"); nullopt for an empty one.
Result<std::optional<int>> parseChmod(const QString &text);

} // namespace muelle::engine::builder
