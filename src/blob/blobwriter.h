#pragma once
// Writes a blob whose digest is not known yet to a file, hashing every byte as
// it goes. Used for uploads (the file is the session's, and may be appended to
// across requests and restarts), monolithic pushes (a temp file), and the
// engine's content store (downloads and loads).

#include "oci/digest.h"

#include <QString>

namespace muelle::blob {

// The digest of a whole file, with the given algorithm (streamed).
Result<oci::Digest> digestOfFile(const QString &path, oci::Algorithm algorithm);

class BlobWriter {
public:
    // Opens `path` for appending, creating it when missing. When the file
    // already holds bytes they are hashed first, so the digest covers them.
    static Result<BlobWriter> open(const QString &path);
    // Continues with a hasher that already covers the file's `size` bytes
    // (fails with FailedPrecondition when the file's size differs).
    static Result<BlobWriter> resume(const QString &path, oci::Hasher hasher);

    BlobWriter(BlobWriter &&other) noexcept;
    BlobWriter &operator=(BlobWriter &&other) noexcept;
    ~BlobWriter();

    Result<> write(QByteArrayView chunk);
    // Flushes the file to disk; after this a crash keeps every byte written.
    Result<> sync();
    qint64 size() const { return hasher_.bytes(); }
    oci::Digest digest() const { return hasher_.digest(); }
    const QString &path() const { return path_; }
    // Gives the hasher back (for a later resume) and closes the file.
    oci::Hasher release();

private:
    BlobWriter(QString path, int fd, oci::Hasher hasher);
    QString path_;
    int fd_ = -1;
    oci::Hasher hasher_;
};

} // namespace muelle::blob
