#pragma once
// A build context known from its archive, not unpacked: every entry's
// type, mode, link target and content digest, read as the context streams
// in (upload.h). COPY's cache key comes from it, so a cached rebuild writes
// no file of the context; only a step that needs the files unpacks it.
//
// It stands for the archive unpacked only when the archive is plain: each
// path once (a directory may be repeated), no entry below a symlink, files,
// directories, symlinks and hardlinks to files, and not too many of them
// (upload.cpp). add() says when an entry is not; the context is then
// unpacked, as before. Not thread-safe while it is
// built; read-only afterwards.

#include "archive/scan.h"
#include "engine/builder/sources.h"

#include <QHash>
#include <QSet>

namespace muelle::engine::builder {

class ContextIndex : public SourceTree {
public:
    ContextIndex(); // the root alone
    // False when the entry makes the index unable to stand for the archive.
    bool add(const archive::ScannedEntry &entry);
    // The entry at `path` (a root path, not resolved) and everything below it.
    void remove(const QByteArray &path);
    qsizetype size() const { return entries_.size(); }
    qint64 bytes() const { return bytes_; } // about what it holds in memory

    Result<std::optional<TreeNode>> node(const QByteArray &path) const override;
    Result<QList<QByteArray>> names(const QByteArray &dir) const override;
    Result<QByteArray> fileDigest(const QByteArray &path) const override;

private:
    struct Entry {
        TreeNode node;
        QByteArray digest; // a file's, hex
    };
    // `path` with the symlinks on its parents resolved; nullopt when one is
    // missing or not a directory.
    std::optional<QByteArray> resolveParents(const QByteArray &path) const;
    const Entry *find(const QByteArray &path) const;
    void put(const QByteArray &path, Entry entry);

    QHash<QByteArray, Entry> entries_; // root paths; the root is ""
    QHash<QByteArray, QSet<QByteArray>> children_; // directory -> names
    qint64 bytes_ = 0;
};

} // namespace muelle::engine::builder
