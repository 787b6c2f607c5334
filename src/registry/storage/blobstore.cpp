#include "registry/storage/blobstore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::registry::storage {

static Result<> makeDirectory(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return fail(Code::Internal, QStringLiteral("create directory \"%1\"").arg(dir));
    return {};
}

static void removeEntriesOlderThan(const QString &dir, std::chrono::seconds age)
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-age.count());
    const auto entries = QDir(dir).entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (age.count() == 0 || entry.lastModified() < before)
            QFile::remove(entry.filePath());
    }
}

Result<> BlobStore::createTree()
{
    for (const QString &dir :
        { paths_.root(), paths_.blobsDir(), paths_.uploadsDir(), paths_.tmpDir(), paths_.trashDir() }) {
        if (auto made = makeDirectory(dir); !made)
            return made;
    }
    return {};
}

Result<> BlobStore::recover(const std::function<bool(const oci::Digest &)> &stillWanted, std::chrono::seconds tmpAge)
{
    removeEntriesOlderThan(paths_.tmpDir(), tmpAge);
    // A gc killed between moving a blob to trash and committing the metadata
    // leaves the blob in trash while it is still recorded: put it back.
    const auto trashed = QDir(paths_.trashDir()).entryList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QString &name : trashed) {
        const QString path = paths_.trashDir() + u'/' + name;
        auto digest = oci::Digest::parse(name.section(u'.', 0, 0).replace(u'-', u':'));
        if (digest && stillWanted(*digest) && !QFileInfo::exists(paths_.blob(*digest))) {
            if (auto made = makeDirectory(QFileInfo(paths_.blob(*digest)).path()); !made)
                return made;
            if (::rename(QFile::encodeName(path).constData(), QFile::encodeName(paths_.blob(*digest)).constData()) != 0)
                return fail(systemError(QStringLiteral("restore"), path, errno));
            continue;
        }
        QFile::remove(path);
    }
    return {};
}

Result<qint64> BlobStore::stat(const oci::Digest &digest) const
{
    const QString path = paths_.blob(digest);
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return fail(systemError(QStringLiteral("stat"), path, errno));
    return qint64(st.st_size);
}

Result<quint64> BlobStore::fileIdentity(const oci::Digest &digest) const
{
    const QString path = paths_.blob(digest);
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return fail(systemError(QStringLiteral("stat"), path, errno));
    const quint64 changed = quint64(st.st_ctim.tv_sec) * 1'000'000'000u + quint64(st.st_ctim.tv_nsec);
    return (quint64(st.st_ino) * 0x9E3779B97F4A7C15u) ^ changed;
}

Result<std::unique_ptr<http::FileSource>> BlobStore::open(const oci::Digest &digest, qint64 offset, qint64 length) const
{
    return http::FileSource::open(paths_.blob(digest), offset, length);
}

Result<> BlobStore::syncDirectory(const QString &dir) const
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(systemError(QStringLiteral("open"), dir, errno));
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        return fail(systemError(QStringLiteral("sync"), dir, error));
    return {};
}

Result<> BlobStore::place(const QString &file, const oci::Digest &digest)
{
    const QString target = paths_.blob(digest);
    if (QFileInfo::exists(target)) {
        QFile::remove(file);
        return {};
    }
    const QString dir = QFileInfo(target).path();
    if (auto made = makeDirectory(dir); !made)
        return made;
    if (::rename(QFile::encodeName(file).constData(), QFile::encodeName(target).constData()) != 0)
        return fail(systemError(QStringLiteral("rename"), file, errno));
    return syncDirectory(dir);
}

Result<QString> BlobStore::moveToTrash(const oci::Digest &digest)
{
    const QString source = paths_.blob(digest);
    const QString target = paths_.trashFile(digest);
    if (::rename(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) != 0)
        return fail(systemError(QStringLiteral("move to trash"), source, errno));
    return target;
}

Result<QList<oci::Digest>> BlobStore::list() const
{
    QList<oci::Digest> digests;
    QDirIterator it(paths_.blobsDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString algorithm = it.fileInfo().dir().path().section(u'/', -2, -2);
        auto digest = oci::Digest::parse(algorithm + u':' + it.fileName());
        if (digest)
            digests.append(*digest);
    }
    return digests;
}

} // namespace muelle::registry::storage
