#include "registry/storage/paths.h"

#include <QUuid>

namespace muelle::registry::storage {

static QString uniqueName()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

QString Paths::database() const
{
    return root_ + QStringLiteral("/metadata.db");
}
QString Paths::serverLock() const
{
    return root_ + QStringLiteral("/server.lock");
}
QString Paths::blobsDir() const
{
    return root_ + QStringLiteral("/blobs");
}

QString Paths::blob(const oci::Digest &digest) const
{
    const QString &hex = digest.hex();
    return QStringLiteral("%1/blobs/%2/%3/%4").arg(root_, digest.algorithmName(), hex.left(2), hex);
}

QString Paths::uploadsDir() const
{
    return root_ + QStringLiteral("/uploads");
}
QString Paths::upload(const QString &uuid) const
{
    return uploadsDir() + u'/' + uuid;
}
QString Paths::tmpDir() const
{
    return root_ + QStringLiteral("/tmp");
}
QString Paths::tmpFile() const
{
    return tmpDir() + u'/' + uniqueName();
}
QString Paths::trashDir() const
{
    return root_ + QStringLiteral("/trash");
}

QString Paths::trashFile(const oci::Digest &digest) const
{
    return QStringLiteral("%1/%2-%3.%4").arg(trashDir(), digest.algorithmName(), digest.hex(), uniqueName());
}

} // namespace muelle::registry::storage
