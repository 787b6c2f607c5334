#include "archive/scan.h"

#include "archive/tarreader.h"

#include <archive_entry.h>

namespace muelle::archive {

namespace {

ScannedEntry::Type typeOf(archive_entry *entry)
{
    if (hardlinkOf(entry))
        return ScannedEntry::Type::Hardlink;
    switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
        return ScannedEntry::Type::Directory;
    case AE_IFREG:
        return archive_entry_sparse_count(entry) > 0 ? ScannedEntry::Type::Other : ScannedEntry::Type::File;
    case AE_IFLNK:
        return ScannedEntry::Type::Symlink;
    default:
        return ScannedEntry::Type::Other;
    }
}

// The file's blocks hashed (and kept when asked); a file whose blocks leave
// holes is not one the caller can index by digest: Other.
Result<> readContents(TarReader &reader, ScannedEntry &scanned, bool keep)
{
    oci::Hasher hash;
    qint64 position = 0;
    for (;;) {
        Result<DataBlock> block = reader.readData();
        if (!block)
            return fail(block.error());
        if (block->size == 0)
            break;
        if (block->offset != position)
            scanned.type = ScannedEntry::Type::Other;
        hash.update(QByteArrayView(block->data, block->size));
        if (keep)
            scanned.data.append(block->data, block->size);
        position = block->offset + block->size;
    }
    if (position != scanned.size)
        scanned.type = ScannedEntry::Type::Other;
    scanned.digest = hash.digest();
    return {};
}

} // namespace

Result<> scanArchive(
    const ChunkSource &source, const std::function<Result<>(const ScannedEntry &)> &visit, const ScanOptions &options)
{
    TarReader reader(source, false);
    if (Result<> opened = reader.open(); !opened)
        return opened;
    for (;;) {
        Result<archive_entry *> entry = reader.next();
        if (!entry)
            return fail(entry.error());
        if (!*entry)
            break;
        ScannedEntry scanned;
        const char *name = pathnameOf(*entry);
        scanned.name = name ? QByteArray(name) : QByteArray();
        scanned.type = typeOf(*entry);
        scanned.mode = archive_entry_perm(*entry) & 07777;
        if (const char *target = scanned.type == ScannedEntry::Type::Hardlink ? hardlinkOf(*entry) : symlinkOf(*entry))
            scanned.linkTarget = target;
        scanned.size = archive_entry_size(*entry);
        if (scanned.type == ScannedEntry::Type::File) {
            const bool keep = options.keepData && options.keepData(scanned.name, scanned.size);
            if (Result<> read = readContents(reader, scanned, keep); !read)
                return read;
        }
        if (Result<> visited = visit(scanned); !visited)
            return visited;
    }
    if (Result<oci::Digest> end = reader.finish(); !end)
        return fail(end.error());
    return {};
}

} // namespace muelle::archive
