#include "registry/metadata/metadata.h"

#include "registry/metadata/database.h"

#include <QLoggingCategory>

namespace muelle::registry::metadata {

ThreadConnections &threadConnections()
{
    thread_local ThreadConnections connections;
    return connections;
}

Metadata::Metadata() : d(std::make_unique<Private>()) { }
Metadata::~Metadata()
{
    auto it = threadConnections().byOwner.find(d.get());
    if (it != threadConnections().byOwner.end()) {
        const QString name = it->second->name;
        threadConnections().byOwner.erase(it);
        QSqlDatabase::removeDatabase(name);
    }
}

Result<std::unique_ptr<Metadata>> Metadata::open(const QString &path)
{
    std::unique_ptr<Metadata> metadata(new Metadata());
    metadata->d->path = path;
    for (const char *statement : schema::tables) {
        if (auto created = metadata->d->run(statement, {}); !created)
            return fail(created.error().context(QStringLiteral("create schema in \"%1\"").arg(path)));
    }
    auto indexed = metadata->d->write<void>([&] { return metadata->d->indexUnsearched(); });
    if (!indexed)
        return fail(indexed.error().context(QStringLiteral("index \"%1\" for search").arg(path)));
    return metadata;
}

Result<bool> Metadata::repositoryExists(const QString &repository)
{
    auto found = d->scalar("SELECT 1 FROM repositories r WHERE r.name = ? AND (EXISTS"
                           " (SELECT 1 FROM manifests m WHERE m.repository = r.id) OR EXISTS"
                           " (SELECT 1 FROM links l WHERE l.repository = r.id))",
        { repository });
    if (!found)
        return fail(found.error());
    return found->has_value();
}

Result<std::optional<LinkedBlob>> Metadata::linkedBlob(const QString &repository, const oci::Digest &digest)
{
    auto query = d->exec("SELECT b.size, l.linked FROM links l JOIN repositories r ON r.id = l.repository"
                         " JOIN blobs b ON b.digest = l.digest WHERE r.name = ? AND l.digest = ?",
        { repository, digest.toString() });
    if (!query)
        return fail(query.error());
    std::optional<LinkedBlob> linked;
    if ((*query)->next())
        linked = LinkedBlob{ (*query)->value(0).toLongLong(),
            QDateTime::fromMSecsSinceEpoch((*query)->value(1).toLongLong(), Qt::UTC) };
    (*query)->finish();
    return linked;
}

Result<> Metadata::touchLink(const QString &repository, const oci::Digest &digest)
{
    return d->write<void>([&]() -> Result<> {
        return d->run("UPDATE links SET linked = ? WHERE digest = ?"
                      " AND repository = (SELECT id FROM repositories WHERE name = ?)",
            { nowMillis(), digest.toString(), repository });
    });
}

Result<bool> Metadata::blobRecorded(const oci::Digest &digest)
{
    auto found = d->scalar("SELECT 1 FROM blobs WHERE digest = ?", { digest.toString() });
    if (!found)
        return fail(found.error());
    return found->has_value();
}

Result<std::optional<ManifestRecord>> Metadata::manifest(const QString &repository, const oci::Digest &digest)
{
    return d->manifestRow("SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject, m.annotations"
                          " FROM manifests m JOIN repositories r ON r.id = m.repository"
                          " WHERE r.name = ? AND m.digest = ?",
        { repository, digest.toString() });
}

Result<std::optional<ManifestRecord>> Metadata::taggedManifest(const QString &repository, const QString &tag)
{
    return d->manifestRow("SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject, m.annotations"
                          " FROM tags t JOIN repositories r ON r.id = t.repository"
                          " JOIN manifests m ON m.repository = t.repository AND m.digest = t.manifest"
                          " WHERE r.name = ? AND t.name = ?",
        { repository, tag });
}

Result<QStringList> Metadata::tags(const QString &repository, const Page &page)
{
    return d->strings("SELECT t.name FROM tags t JOIN repositories r ON r.id = t.repository"
                      " WHERE r.name = ? AND t.name > ? ORDER BY t.name LIMIT ?",
        { repository, nonNull(page.last), page.limit });
}

Result<QStringList> Metadata::repositories(const Page &page)
{
    return d->strings("SELECT r.name FROM repositories r WHERE r.name > ?"
                      " AND EXISTS (SELECT 1 FROM manifests m WHERE m.repository = r.id)"
                      " ORDER BY r.name LIMIT ?",
        { nonNull(page.last), page.limit });
}

Result<QList<ManifestRecord>> Metadata::referrers(const QString &repository, const oci::Digest &subject)
{
    auto query = d->exec("SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject, m.annotations"
                         " FROM manifests m JOIN repositories r ON r.id = m.repository"
                         " WHERE r.name = ? AND m.subject = ? ORDER BY m.created, m.digest",
        { repository, subject.toString() });
    if (!query)
        return fail(query.error());
    QList<ManifestRecord> records;
    while ((*query)->next())
        records.append(Private::readManifest(**query));
    (*query)->finish();
    return records;
}

Result<std::optional<UploadRecord>> Metadata::upload(const QString &uuid)
{
    auto query = d->exec("SELECT u.uuid, r.name, u.started FROM uploads u"
                         " JOIN repositories r ON r.id = u.repository WHERE u.uuid = ?",
        { uuid });
    if (!query)
        return fail(query.error());
    std::optional<UploadRecord> record;
    if ((*query)->next())
        record = Private::readUpload(**query);
    (*query)->finish();
    return record;
}

Result<> Metadata::createUpload(const QString &uuid, const QString &repository)
{
    return d->write<void>([&]() -> Result<> {
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        return d->run("INSERT INTO uploads(uuid, repository, started) VALUES(?, ?, ?)", { uuid, *id, nowMillis() });
    });
}

Result<> Metadata::deleteUpload(const QString &uuid)
{
    return d->write<void>([&]() -> Result<> {
        auto found = d->scalar("SELECT 1 FROM uploads WHERE uuid = ?", { uuid });
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Code::NotFound, QStringLiteral("upload %1 unknown").arg(uuid));
        return d->run("DELETE FROM uploads WHERE uuid = ?", { uuid });
    });
}

Result<> Metadata::commitBlob(const QString &repository, const oci::Digest &digest, qint64 size, const QString &uuid,
    const std::function<Result<>()> &place)
{
    return d->write<void>([&]() -> Result<> {
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        if (auto placed = place(); !placed)
            return placed;
        if (auto recorded = d->run("INSERT INTO blobs(digest, size, created) VALUES(?, ?, ?) ON CONFLICT DO NOTHING",
                { digest.toString(), size, nowMillis() });
            !recorded)
            return recorded;
        if (auto linked = d->run("INSERT INTO links(repository, digest, linked) VALUES(?, ?, ?)"
                                 " ON CONFLICT(repository, digest) DO UPDATE SET linked = excluded.linked",
                { *id, digest.toString(), nowMillis() });
            !linked)
            return linked;
        if (uuid.isEmpty())
            return {};
        return d->run("DELETE FROM uploads WHERE uuid = ?", { uuid });
    });
}

Result<> Metadata::mountBlob(const QString &repository, const QString &from, const oci::Digest &digest)
{
    return d->write<void>([&]() -> Result<> {
        auto size = linkedBlob(from, digest);
        if (!size)
            return fail(size.error());
        if (!*size)
            return fail(Code::NotFound, QStringLiteral("blob %1 unknown in \"%2\"").arg(digest.toString(), from));
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        return d->run("INSERT INTO links(repository, digest, linked) VALUES(?, ?, ?)"
                      " ON CONFLICT(repository, digest) DO UPDATE SET linked = excluded.linked",
            { *id, digest.toString(), nowMillis() });
    });
}

Result<> Metadata::unlinkBlob(const QString &repository, const oci::Digest &digest)
{
    return d->write<void>([&]() -> Result<> {
        auto size = linkedBlob(repository, digest);
        if (!size)
            return fail(size.error());
        if (!*size)
            return fail(Code::NotFound, QStringLiteral("blob %1 unknown").arg(digest.toString()));
        return d->run(
            "DELETE FROM links WHERE digest = ? AND repository = (SELECT id FROM repositories WHERE name = ?)",
            { digest.toString(), repository });
    });
}

Result<> Metadata::putManifest(const QString &repository, const ManifestRecord &manifest,
    const ManifestReferences &refs, const std::optional<QString> &tag, const ManifestSummary &summary,
    const std::function<Result<>()> &place)
{
    return d->write<void>([&]() -> Result<> {
        for (const oci::Digest &blob : refs.blobs) {
            auto size = linkedBlob(repository, blob);
            if (!size)
                return fail(size.error());
            if (!*size)
                return fail(
                    Code::FailedPrecondition, QStringLiteral("blob %1 unknown to repository").arg(blob.toString()));
        }
        for (const oci::Digest &child : refs.manifests) {
            auto found = this->manifest(repository, child);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Code::FailedPrecondition,
                    QStringLiteral("manifest %1 unknown to repository").arg(child.toString()));
        }
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        if (auto placed = place(); !placed)
            return placed;
        const QString digest = manifest.digest.toString();
        const qint64 now = nowMillis();
        if (auto recorded = d->run("INSERT INTO blobs(digest, size, created) VALUES(?, ?, ?) ON CONFLICT DO NOTHING",
                { digest, manifest.size, now });
            !recorded)
            return recorded;
        const QVariant subject
            = manifest.subject ? QVariant(manifest.subject->toString()) : QVariant(QMetaType(QMetaType::QString));
        if (auto stored
            = d->run("INSERT INTO manifests(repository, digest, media_type, size, artifact_type,"
                     " subject, annotations, created) VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                { *id, digest, nonNull(manifest.mediaType), manifest.size, nonNull(manifest.artifactType), subject,
                    manifest.annotations, now });
            !stored)
            return stored;
        for (const auto *list : { &refs.blobs, &refs.manifests }) {
            for (const oci::Digest &ref : *list) {
                if (auto linked = d->run("INSERT INTO manifest_refs(repository, manifest, digest) VALUES(?, ?, ?)"
                                         " ON CONFLICT DO NOTHING",
                        { *id, digest, ref.toString() });
                    !linked)
                    return linked;
            }
        }
        if (auto summarized = d->storeSummary(*id, digest, summary, refs.manifests); !summarized)
            return summarized;
        if (!tag)
            return {};
        if (auto tagged = d->run(
                "INSERT INTO tags(repository, name, manifest, updated) VALUES(?, ?, ?, ?) ON CONFLICT(repository, name)"
                " DO UPDATE SET manifest = excluded.manifest, updated = excluded.updated",
                { *id, *tag, digest, now });
            !tagged)
            return tagged;
        return d->refreshSearch(*id, repository);
    });
}

Result<> Metadata::deleteManifest(const QString &repository, const oci::Digest &digest)
{
    return d->write<void>([&]() -> Result<> {
        auto found = manifest(repository, digest);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Code::NotFound, QStringLiteral("manifest %1 unknown").arg(digest.toString()));
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        const QVariantList key{ *id, digest.toString() };
        for (const char *sql : { "DELETE FROM tags WHERE repository = ? AND manifest = ?",
                 "DELETE FROM manifest_refs WHERE repository = ? AND manifest = ?",
                 "DELETE FROM manifest_summaries WHERE repository = ? AND digest = ?",
                 "DELETE FROM manifests WHERE repository = ? AND digest = ?" }) {
            if (auto deleted = d->run(sql, key); !deleted)
                return deleted;
        }
        return d->refreshSearch(*id, repository);
    });
}

Result<> Metadata::deleteTag(const QString &repository, const QString &tag)
{
    return d->write<void>([&]() -> Result<> {
        auto found = d->scalar("SELECT 1 FROM tags t JOIN repositories r ON r.id = t.repository"
                               " WHERE r.name = ? AND t.name = ?",
            { repository, tag });
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Code::NotFound, QStringLiteral("tag \"%1\" unknown").arg(tag));
        auto id = d->repositoryId(repository);
        if (!id)
            return fail(id.error());
        if (auto deleted = d->run("DELETE FROM tags WHERE name = ? AND repository = ?", { tag, *id }); !deleted)
            return deleted;
        return d->refreshSearch(*id, repository);
    });
}

// A blob is in use while a manifest is it or references it, or while a
// repository linked it recently (its manifest may still be on its way).
static const char *const unreferencedCondition
    = " NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = b.digest)"
      " AND NOT EXISTS (SELECT 1 FROM manifest_refs f WHERE f.digest = b.digest)"
      " AND NOT EXISTS (SELECT 1 FROM links l WHERE l.digest = b.digest AND l.linked >= ?)";

Result<QList<oci::Digest>> Metadata::unreferencedBlobs(const QDateTime &linkedBefore)
{
    static const QByteArray sql = QByteArray("SELECT b.digest FROM blobs b WHERE") + unreferencedCondition;
    auto names = d->strings(sql.constData(), { toMillis(linkedBefore) });
    if (!names)
        return fail(names.error());
    QList<oci::Digest> digests;
    for (const QString &name : *names) {
        if (auto digest = oci::Digest::parse(name))
            digests.append(*digest);
    }
    return digests;
}

Result<bool> Metadata::sweepBlob(
    const oci::Digest &digest, const QDateTime &linkedBefore, const std::function<Result<>()> &remove)
{
    static const QByteArray sql = QByteArray("SELECT 1 FROM blobs b WHERE b.digest = ? AND") + unreferencedCondition;
    return d->write<bool>([&]() -> Result<bool> {
        auto unreferenced = d->scalar(sql.constData(), { digest.toString(), toMillis(linkedBefore) });
        if (!unreferenced)
            return fail(unreferenced.error());
        if (!*unreferenced)
            return false;
        for (const char *forget : { "DELETE FROM links WHERE digest = ?", "DELETE FROM blobs WHERE digest = ?" }) {
            if (auto deleted = d->run(forget, { digest.toString() }); !deleted)
                return fail(deleted.error());
        }
        if (auto removed = remove(); !removed)
            return fail(removed.error());
        return true;
    });
}

Result<bool> Metadata::sweepUnrecorded(const oci::Digest &digest, const std::function<Result<>()> &remove)
{
    return d->write<bool>([&]() -> Result<bool> {
        auto recorded = blobRecorded(digest);
        if (!recorded)
            return fail(recorded.error());
        if (*recorded)
            return false;
        if (auto removed = remove(); !removed)
            return fail(removed.error());
        return true;
    });
}

Result<QList<UploadRecord>> Metadata::uploadsStartedBefore(const QDateTime &time)
{
    auto query = d->exec("SELECT u.uuid, r.name, u.started FROM uploads u JOIN repositories r ON r.id = u.repository"
                         " WHERE u.started < ?",
        { toMillis(time) });
    if (!query)
        return fail(query.error());
    QList<UploadRecord> records;
    while ((*query)->next())
        records.append(Private::readUpload(**query));
    (*query)->finish();
    return records;
}

} // namespace muelle::registry::metadata
