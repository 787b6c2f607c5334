#include "engine/content/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <cstdio>

namespace muelle::engine::content {

Ingest::Ingest(blob::BlobWriter writer, QString target) : writer_(std::move(writer)), target_(std::move(target)) { }

Ingest::~Ingest()
{
    if (!writer_ || committed_ || writer_->path().isEmpty()) // moved from
        return;
    const QString path = writer_->path();
    writer_.reset();
    QFile::remove(path);
}

Result<> Ingest::commit(const oci::Digest &expected, qint64 expectedSize)
{
    if (expectedSize >= 0 && writer_->size() != expectedSize)
        return fail(Code::DataLoss,
            QStringLiteral("blob %1: got %2 bytes, want %3")
                .arg(expected.toString())
                .arg(writer_->size())
                .arg(expectedSize));
    if (writer_->digest() != expected)
        return fail(Code::DataLoss,
            QStringLiteral("blob %1: content hashes to %2").arg(expected.toString(), writer_->digest().toString()));
    if (auto synced = writer_->sync(); !synced)
        return synced;
    const QString from = writer_->path();
    const QString to = target_ + u'/' + expected.hex();
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return fail(systemError(QStringLiteral("rename"), from, errno));
    committed_ = true;
    return {};
}

Result<> Store::open()
{
    for (const QString &dir : { paths_.blobsDir(), paths_.ingestDir() }) {
        if (!QDir().mkpath(dir))
            return fail(Code::Internal, QStringLiteral("create \"%1\"").arg(dir));
    }
    QDir ingest(paths_.ingestDir());
    for (const QString &name : ingest.entryList(QDir::Files | QDir::Hidden))
        ingest.remove(name);
    return {};
}

bool Store::has(const oci::Digest &digest) const
{
    return digest.algorithm() == oci::Algorithm::Sha256 && QFileInfo::exists(path(digest));
}

Result<qint64> Store::size(const oci::Digest &digest) const
{
    const QFileInfo info(path(digest));
    if (digest.algorithm() != oci::Algorithm::Sha256 || !info.exists())
        return fail(Code::NotFound, QStringLiteral("blob %1 not found").arg(digest.toString()));
    return info.size();
}

Result<QByteArray> Store::read(const oci::Digest &digest, qint64 limit) const
{
    QFile file(path(digest));
    if (digest.algorithm() != oci::Algorithm::Sha256 || !file.open(QIODevice::ReadOnly))
        return fail(Code::NotFound, QStringLiteral("blob %1 not found").arg(digest.toString()));
    if (file.size() > limit)
        return fail(Code::ResourceExhausted,
            QStringLiteral("blob %1 is %2 bytes, more than %3").arg(digest.toString()).arg(file.size()).arg(limit));
    return file.readAll();
}

Result<Ingest> Store::ingest() const
{
    const QString path = paths_.ingestDir() + u'/' + QUuid::createUuid().toString(QUuid::Id128);
    auto writer = blob::BlobWriter::open(path);
    if (!writer)
        return fail(writer.error());
    return Ingest(std::move(*writer), paths_.blobsDir());
}

Result<> Store::put(QByteArrayView bytes, const oci::Digest &expected) const
{
    if (has(expected))
        return {};
    auto ingest = this->ingest();
    if (!ingest)
        return fail(ingest.error());
    if (auto written = ingest->write(bytes); !written)
        return written;
    return ingest->commit(expected, bytes.size());
}

Result<> Store::remove(const oci::Digest &digest) const
{
    if (!QFile::remove(path(digest)) && QFileInfo::exists(path(digest)))
        return fail(Code::Internal, QStringLiteral("remove \"%1\"").arg(path(digest)));
    return {};
}

QList<oci::Digest> Store::list() const
{
    QList<oci::Digest> digests;
    for (const QString &name : QDir(paths_.blobsDir()).entryList(QDir::Files)) {
        if (auto digest = oci::Digest::parse(QStringLiteral("sha256:") + name))
            digests.append(*digest);
    }
    return digests;
}

} // namespace muelle::engine::content
