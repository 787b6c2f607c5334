#pragma once
// Tar streams built in memory with libarchive's writer, hostile ones
// included, for the extraction tests.

#include <QByteArray>
#include <QList>

#include <sys/types.h>
#include <utility>

struct archive;

namespace muelle::archive::test {

struct TarEntry {
    QByteArray name = {};
    mode_t type = 0100000; // AE_IFREG
    mode_t perm = 0644;
    QByteArray data = {};
    QByteArray symlink = {};
    QByteArray hardlink = {};
    qint64 uid = 0;
    qint64 gid = 0;
    qint64 mtime = 1'600'000'000;
    long mtimeNsec = 0;
    unsigned major = 0;
    unsigned minor = 0;
    QList<std::pair<QByteArray, QByteArray>> xattrs = {};
};

class TarBuilder {
public:
    TarBuilder();
    ~TarBuilder();
    TarBuilder(const TarBuilder &) = delete;
    TarBuilder &operator=(const TarBuilder &) = delete;

    TarBuilder &add(const TarEntry &entry);
    TarBuilder &file(const QByteArray &name, const QByteArray &data, mode_t perm = 0644);
    TarBuilder &dir(const QByteArray &name, mode_t perm = 0755);
    TarBuilder &symlink(const QByteArray &name, const QByteArray &target);
    TarBuilder &hardlink(const QByteArray &name, const QByteArray &target);
    TarBuilder &node(const QByteArray &name, mode_t type, unsigned major, unsigned minor);
    // The uncompressed tar, padded to libarchive's 10 KiB blocks.
    QByteArray finish();

private:
    ::archive *writer_;
    QByteArray out_;
};

enum class Compression { None, Gzip, Zstd };

// `plain` compressed as a whole (the raw format: no tar around it).
QByteArray compress(const QByteArray &plain, Compression compression);
// A compressed tar holding one file of `size` zero bytes, written in 1 MiB
// chunks: the test never holds the file whole.
QByteArray zeroFileTar(const QByteArray &name, qint64 size, Compression compression);

} // namespace muelle::archive::test
