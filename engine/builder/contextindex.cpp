#include "engine/builder/contextindex.h"

#include "confine/inroot.h"

#include <climits>
#include <sys/stat.h>

namespace muelle::engine::builder {

namespace {

constexpr mode_t defaultDirectoryMode = S_IFDIR | 0755; // as makeDirInRoot makes them
constexpr qint64 entryOverhead = 160; // a hash node, its strings' headers

} // namespace

ContextIndex::ContextIndex()
{
    entries_.insert({}, { { defaultDirectoryMode, {} }, {} });
}

void ContextIndex::put(const QByteArray &path, Entry entry)
{
    if (!path.isEmpty())
        children_[confine::parentPath(path)].insert(confine::baseName(path));
    bytes_ += 2 * path.size() + entry.node.linkTarget.size() + entry.digest.size() + entryOverhead;
    entries_.insert(path, std::move(entry));
}

namespace {

// What the file system takes (Linux's PATH_MAX and NAME_MAX): longer names
// are left to the extraction, which refuses them.
bool fitsFileSystem(const QByteArray &path, const QByteArray &linkTarget)
{
    if (path.size() >= PATH_MAX || linkTarget.size() >= PATH_MAX)
        return false;
    for (const QByteArray &component : path.split('/')) {
        if (component.size() > NAME_MAX)
            return false;
    }
    return true;
}

} // namespace

bool ContextIndex::add(const archive::ScannedEntry &scanned)
{
    using Type = archive::ScannedEntry::Type;
    const std::optional<QByteArray> path = confine::cleanPath(scanned.name);
    if (!path || !fitsFileSystem(*path, scanned.linkTarget))
        return false;
    if (path->isEmpty()) {
        if (scanned.type != Type::Directory)
            return false;
        entries_[{}].node.mode = S_IFDIR | scanned.mode;
        return true;
    }
    // Its parents: directories, made as the extraction makes them.
    const QList<QByteArray> components = path->split('/');
    QByteArray parent;
    for (qsizetype i = 0; i + 1 < components.size(); ++i) {
        parent = confine::joinPath(parent, components.at(i));
        if (const Entry *existing = find(parent)) {
            if (!S_ISDIR(existing->node.mode))
                return false;
        } else {
            put(parent, { { defaultDirectoryMode, {} }, {} });
        }
    }
    const Entry *existing = find(*path);
    if (existing && !(S_ISDIR(existing->node.mode) && scanned.type == Type::Directory))
        return false;
    switch (scanned.type) {
    case Type::Directory:
        put(*path, { { S_IFDIR | scanned.mode, {} }, {} });
        return true;
    case Type::File:
        put(*path, { { S_IFREG | scanned.mode, {} }, scanned.digest.hex().toLatin1() });
        return true;
    case Type::Symlink:
        if (scanned.linkTarget.isEmpty())
            return false;
        put(*path, { { S_IFLNK | 0777, scanned.linkTarget }, {} });
        return true;
    case Type::Hardlink: {
        // One inode: the same node as its target, a file already in the index.
        const std::optional<QByteArray> target = confine::cleanPath(scanned.linkTarget);
        const Entry *linked = target ? find(*target) : nullptr;
        if (!linked || *target == *path || !S_ISREG(linked->node.mode))
            return false;
        put(*path, Entry(*linked));
        return true;
    }
    case Type::Other:
        return false;
    }
    return false;
}

void ContextIndex::remove(const QByteArray &path)
{
    if (path.isEmpty() || !entries_.contains(path))
        return;
    const QSet<QByteArray> below = children_.take(path);
    for (const QByteArray &name : below)
        remove(confine::joinPath(path, name));
    entries_.remove(path);
    children_[confine::parentPath(path)].remove(confine::baseName(path));
}

const ContextIndex::Entry *ContextIndex::find(const QByteArray &path) const
{
    const auto it = entries_.constFind(path);
    return it == entries_.cend() ? nullptr : &*it;
}

std::optional<QByteArray> ContextIndex::resolveParents(const QByteArray &path) const
{
    if (path.isEmpty())
        return path;
    QList<QByteArray> pending = path.split('/');
    const QByteArray last = pending.takeLast();
    QByteArray resolved;
    int links = 0;
    // As openDirInRoot walks: ".." leaves the directory reached so far (never
    // above the root), a symlink's target is walked in its place.
    while (!pending.isEmpty()) {
        const QByteArray component = pending.takeFirst();
        if (component.isEmpty() || component == ".")
            continue;
        if (component == "..") {
            resolved = confine::parentPath(resolved);
            continue;
        }
        const QByteArray next = confine::joinPath(resolved, component);
        const Entry *entry = find(next);
        if (!entry)
            return std::nullopt;
        if (S_ISLNK(entry->node.mode)) {
            if (++links > 40)
                return std::nullopt;
            const QByteArray &target = entry->node.linkTarget;
            if (target.startsWith('/'))
                resolved.clear();
            pending = target.split('/') + pending;
            continue;
        }
        if (!S_ISDIR(entry->node.mode))
            return std::nullopt;
        resolved = next;
    }
    return confine::joinPath(resolved, last);
}

Result<std::optional<TreeNode>> ContextIndex::node(const QByteArray &path) const
{
    const std::optional<QByteArray> resolved = resolveParents(path);
    const Entry *entry = resolved ? find(*resolved) : nullptr;
    if (!entry)
        return std::optional<TreeNode>();
    return std::optional(entry->node);
}

Result<QList<QByteArray>> ContextIndex::names(const QByteArray &dir) const
{
    // The directory itself is followed too, as openDirInRoot follows it.
    const std::optional<QByteArray> parentsResolved = resolveParents(confine::joinPath(dir, "x"));
    const QByteArray resolved = parentsResolved ? confine::parentPath(*parentsResolved) : QByteArray();
    const Entry *entry = parentsResolved ? find(resolved) : nullptr;
    if (!entry || !S_ISDIR(entry->node.mode))
        return fail(Code::NotFound, QStringLiteral("%1: not a directory of the context").arg(QString::fromUtf8(dir)));
    return children_.value(resolved).values();
}

Result<QByteArray> ContextIndex::fileDigest(const QByteArray &path) const
{
    const std::optional<QByteArray> resolved = resolveParents(path);
    const Entry *entry = resolved ? find(*resolved) : nullptr;
    if (!entry || !S_ISREG(entry->node.mode))
        return fail(Code::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(QString::fromUtf8(path)));
    return entry->digest;
}

} // namespace muelle::engine::builder
