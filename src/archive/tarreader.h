#pragma once
// Reads a layer in one pass, never holding it whole. Private to src/archive.
//
// libarchive's tar reader hands out entries, not the uncompressed bytes they
// were parsed from, and the diff ID is the hash of those bytes. So two
// readers are chained: the first (raw format, gzip and zstd filters
// autodetected) pulls compressed chunks from a ChunkSource and produces the
// uncompressed stream; every block of it is hashed and given, by pointer, to
// the second reader, which parses it as tar. After the tar's end, whatever
// follows (zero padding) is read and hashed too. No block is copied, and none
// outlives the next read.

#include "archive/extract.h"

#include <optional>

struct archive;
struct archive_entry;

namespace muelle::archive {

struct DataBlock {
    const char *data = nullptr;
    qsizetype size = 0; // 0 at the end of the entry's data
    qint64 offset = 0; // where the block goes in the file (sparse files skip ranges)
};

// An entry's name and link targets: in the locale's encoding, or as UTF-8
// when they do not convert; null when absent.
const char *pathnameOf(archive_entry *entry);
const char *hardlinkOf(archive_entry *entry);
const char *symlinkOf(archive_entry *entry);

class TarReader {
public:
    // Without hashStream the diff ID is not computed (finish() then gives
    // an invalid digest): for readers that hash entries, not the stream.
    explicit TarReader(ChunkSource source, bool hashStream = true);
    ~TarReader();
    TarReader(const TarReader &) = delete;
    TarReader &operator=(const TarReader &) = delete;

    // Starts both readers; reads the first chunks to detect the compression.
    Result<> open();
    // The next entry, valid until the next call; nullptr after the last one.
    Result<archive_entry *> next();
    // The next block of the current entry's data.
    Result<DataBlock> readData();
    // After next() gave nullptr: hashes the rest of the stream and returns
    // the diff ID.
    Result<oci::Digest> finish();
    qint64 uncompressedSize() const { return uncompressed_; }

private:
    struct Callbacks;
    qint64 pullCompressed(const void **buffer);
    qint64 pullUncompressed(const void **buffer);
    Error failure(::archive *reader, const QString &what) const;

    ChunkSource source_;
    QByteArray chunk_; // the compressed chunk libarchive is reading
    ::archive *raw_ = nullptr; // decompresses
    ::archive *tar_ = nullptr; // parses
    oci::Hasher hasher_;
    bool hashStream_ = true;
    qint64 uncompressed_ = 0;
    std::optional<Error> error_; // the first error libarchive only saw as -1
};

} // namespace muelle::archive
