#include "tarbuilder.h"

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>

namespace muelle::archive::test {

namespace {

la_ssize_t append(::archive *, void *out, const void *buffer, size_t size)
{
    static_cast<QByteArray *>(out)->append(static_cast<const char *>(buffer), qsizetype(size));
    return la_ssize_t(size);
}

void check(int status, ::archive *writer)
{
    if (status < ARCHIVE_WARN)
        throw std::runtime_error(archive_error_string(writer));
}

::archive *newWriter(QByteArray *out, Compression compression, bool raw)
{
    ::archive *writer = archive_write_new();
    check(raw ? archive_write_set_format_raw(writer) : archive_write_set_format_pax_restricted(writer), writer);
    if (compression == Compression::Gzip)
        check(archive_write_add_filter_gzip(writer), writer);
    if (compression == Compression::Zstd)
        check(archive_write_add_filter_zstd(writer), writer);
    if (compression != Compression::None) // no zero padding after the compressed stream
        check(archive_write_set_bytes_in_last_block(writer, 1), writer);
    check(archive_write_open2(writer, out, nullptr, &append, nullptr, nullptr), writer);
    return writer;
}

void writeHeader(::archive *writer, const TarEntry &entry, qint64 size)
{
    archive_entry *header = archive_entry_new();
    archive_entry_set_pathname(header, entry.name.constData());
    archive_entry_set_filetype(header, entry.type);
    archive_entry_set_perm(header, entry.perm);
    archive_entry_set_size(header, size);
    archive_entry_set_uid(header, entry.uid);
    archive_entry_set_gid(header, entry.gid);
    archive_entry_set_mtime(header, entry.mtime, entry.mtimeNsec);
    if (!entry.symlink.isEmpty())
        archive_entry_set_symlink(header, entry.symlink.constData());
    if (!entry.hardlink.isEmpty())
        archive_entry_set_hardlink(header, entry.hardlink.constData());
    archive_entry_set_rdevmajor(header, entry.major);
    archive_entry_set_rdevminor(header, entry.minor);
    for (const auto &[name, value] : entry.xattrs)
        archive_entry_xattr_add_entry(header, name.constData(), value.constData(), size_t(value.size()));
    check(archive_write_header(writer, header), writer);
    archive_entry_free(header);
}

} // namespace

TarBuilder::TarBuilder() : writer_(newWriter(&out_, Compression::None, false)) { }

TarBuilder::~TarBuilder()
{
    archive_write_free(writer_);
}

TarBuilder &TarBuilder::add(const TarEntry &entry)
{
    writeHeader(writer_, entry, entry.data.size());
    if (!entry.data.isEmpty())
        archive_write_data(writer_, entry.data.constData(), size_t(entry.data.size()));
    return *this;
}

TarBuilder &TarBuilder::file(const QByteArray &name, const QByteArray &data, mode_t perm)
{
    return add({ .name = name, .perm = perm, .data = data });
}

TarBuilder &TarBuilder::dir(const QByteArray &name, mode_t perm)
{
    return add({ .name = name, .type = 0040000, .perm = perm });
}

TarBuilder &TarBuilder::symlink(const QByteArray &name, const QByteArray &target)
{
    return add({ .name = name, .type = 0120000, .perm = 0777, .symlink = target });
}

TarBuilder &TarBuilder::hardlink(const QByteArray &name, const QByteArray &target)
{
    return add({ .name = name, .hardlink = target });
}

TarBuilder &TarBuilder::node(const QByteArray &name, mode_t type, unsigned major, unsigned minor)
{
    return add({ .name = name, .type = type, .perm = 0600, .major = major, .minor = minor });
}

QByteArray TarBuilder::finish()
{
    check(archive_write_close(writer_), writer_);
    return out_;
}

QByteArray compress(const QByteArray &plain, Compression compression)
{
    QByteArray out;
    ::archive *writer = newWriter(&out, compression, true);
    writeHeader(writer, { .name = "data" }, plain.size());
    archive_write_data(writer, plain.constData(), size_t(plain.size()));
    check(archive_write_close(writer), writer);
    archive_write_free(writer);
    return out;
}

QByteArray zeroFileTar(const QByteArray &name, qint64 size, Compression compression)
{
    QByteArray out;
    ::archive *writer = newWriter(&out, compression, false);
    writeHeader(writer, { .name = name }, size);
    const QByteArray zeros(1 << 20, '\0');
    for (qint64 left = size; left > 0; left -= zeros.size())
        archive_write_data(writer, zeros.constData(), size_t(std::min<qint64>(left, zeros.size())));
    check(archive_write_close(writer), writer);
    archive_write_free(writer);
    return out;
}

} // namespace muelle::archive::test
