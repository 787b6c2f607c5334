#include "engine/metadata/metadata.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace muelle::engine::metadata {

namespace {

const char *const schema[] = {
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "CREATE TABLE IF NOT EXISTS images (id TEXT PRIMARY KEY, created INTEGER NOT NULL, added INTEGER NOT NULL,"
    " size INTEGER NOT NULL, os TEXT NOT NULL, architecture TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS layers (image TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, chain_id TEXT NOT NULL, diff_id TEXT NOT NULL, blob TEXT NOT NULL,"
    " media_type TEXT NOT NULL, blob_size INTEGER NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (image, position))",
    "CREATE TABLE IF NOT EXISTS repo_digests (image TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
    " repository TEXT NOT NULL, digest TEXT NOT NULL, manifest TEXT NOT NULL, media_type TEXT NOT NULL,"
    " PRIMARY KEY (repository, digest))",
    "CREATE TABLE IF NOT EXISTS tags (name TEXT PRIMARY KEY,"
    " image TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE, updated INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS blob_sources (blob TEXT NOT NULL, registry TEXT NOT NULL, repository TEXT NOT NULL,"
    " PRIMARY KEY (blob, registry, repository))",
    "CREATE TABLE IF NOT EXISTS containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image TEXT NOT NULL,"
    " record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS build_cache (key TEXT PRIMARY KEY,"
    " image TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE, created INTEGER NOT NULL,"
    " last_used INTEGER NOT NULL, description TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS tags_by_image ON tags(image)",
    "CREATE INDEX IF NOT EXISTS build_cache_by_image ON build_cache(image)",
    "CREATE INDEX IF NOT EXISTS repo_digests_by_image ON repo_digests(image)",
};

Error sqlError(const QString &what, const QSqlError &error)
{
    return { Code::Internal, QStringLiteral("metadata: %1: %2").arg(what, error.text()) };
}

oci::Digest digestOf(const QVariant &value)
{
    return oci::Digest::parse(value.toString()).value_or(oci::Digest());
}

QDateTime timeOf(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace

struct Metadata::Private {
    QString connection = QStringLiteral("engine-") + QUuid::createUuid().toString(QUuid::Id128);
    QSqlDatabase db;

    // Runs `sql` with positional `values`; the query, positioned before its first row.
    Result<QSqlQuery> run(const char *sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(QString::fromLatin1(sql)))
            return fail(sqlError(QString::fromLatin1(sql), query.lastError()));
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return fail(sqlError(QString::fromLatin1(sql), query.lastError()));
        return query;
    }

    // Runs `body` in one transaction: committed when it succeeds, rolled back otherwise.
    template <typename T> Result<T> transaction(const std::function<Result<T>()> &body)
    {
        if (!db.transaction())
            return fail(sqlError(QStringLiteral("begin"), db.lastError()));
        Result<T> result = body();
        if (!result) {
            db.rollback();
            return result;
        }
        if (!db.commit()) {
            const Error error = sqlError(QStringLiteral("commit"), db.lastError());
            db.rollback();
            return fail(error);
        }
        return result;
    }

    // The first column of every row, as digests.
    Result<QList<oci::Digest>> digests(const char *sql, const QVariantList &values = {}) const
    {
        auto rows = run(sql, values);
        if (!rows)
            return fail(rows.error());
        QList<oci::Digest> found;
        while (rows->next())
            found.append(digestOf(rows->value(0)));
        return found;
    }

    Result<QSet<oci::Digest>> digestSet(const char *sql) const
    {
        auto found = digests(sql);
        if (!found)
            return fail(found.error());
        return QSet<oci::Digest>(found->cbegin(), found->cend());
    }

    Result<oci::Digest> single(const char *sql, const QVariantList &values, const QString &missing) const
    {
        auto query = run(sql, values);
        if (!query)
            return fail(query.error());
        if (!query->next())
            return fail(Code::NotFound, missing);
        return digestOf(query->value(0));
    }

    Result<std::optional<oci::Digest>> setTag(const QString &name, const oci::Digest &id)
    {
        auto before = single("SELECT image FROM tags WHERE name = ?", { name }, {});
        if (!before && before.error().code != Code::NotFound)
            return fail(before.error());
        auto written = run("INSERT INTO tags (name, image, updated) VALUES (?, ?, ?) ON CONFLICT (name)"
                           " DO UPDATE SET image = excluded.image, updated = excluded.updated",
            { name, id.toString(), QDateTime::currentMSecsSinceEpoch() });
        if (!written)
            return fail(written.error());
        if (before && *before != id)
            return std::optional<oci::Digest>(*before);
        return std::optional<oci::Digest>();
    }
};

Metadata::Metadata(std::unique_ptr<Private> d) : d(std::move(d)) { }

Metadata::~Metadata()
{
    const QString name = d->connection;
    d.reset();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Metadata>> Metadata::open(const QString &path)
{
    auto d = std::make_unique<Private>();
    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
    d->db.setDatabaseName(path);
    d->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    std::unique_ptr<Metadata> metadata(new Metadata(std::move(d)));
    if (!metadata->d->db.open())
        return fail(sqlError(QStringLiteral("open \"%1\"").arg(path), metadata->d->db.lastError()));
    for (const char *statement : schema) {
        if (auto done = metadata->d->run(statement); !done)
            return fail(done.error());
    }
    // Images built here have a parent (the step before); older databases lack the column.
    auto columns = metadata->d->run("SELECT 1 FROM pragma_table_info('images') WHERE name = 'parent'");
    if (!columns)
        return fail(columns.error());
    if (!columns->next()) {
        if (auto added = metadata->d->run("ALTER TABLE images ADD COLUMN parent TEXT NOT NULL DEFAULT ''"); !added)
            return fail(added.error());
    }
    if (auto indexed = metadata->d->run("CREATE INDEX IF NOT EXISTS images_by_parent ON images(parent)"); !indexed)
        return fail(indexed.error());
    return metadata;
}

Result<QList<Image>> Metadata::images() const
{
    auto ids = d->run("SELECT id FROM images ORDER BY created DESC, id");
    if (!ids)
        return fail(ids.error());
    QList<Image> images;
    while (ids->next()) {
        auto image = this->image(digestOf(ids->value(0)));
        if (!image)
            return fail(image.error());
        images.append(std::move(*image));
    }
    return images;
}

Result<Image> Metadata::image(const oci::Digest &id) const
{
    auto row
        = d->run("SELECT created, added, size, os, architecture, parent FROM images WHERE id = ?", { id.toString() });
    if (!row)
        return fail(row.error());
    if (!row->next())
        return fail(Code::NotFound, QStringLiteral("No such image: %1").arg(id.toString()));
    Image image;
    image.id = id;
    image.created = timeOf(row->value(0));
    image.added = timeOf(row->value(1));
    image.size = row->value(2).toLongLong();
    image.os = row->value(3).toString();
    image.architecture = row->value(4).toString();
    image.parent = digestOf(row->value(5));
    auto layers = d->run("SELECT chain_id, diff_id, blob, media_type, blob_size, size FROM layers WHERE image = ?"
                         " ORDER BY position",
        { id.toString() });
    if (!layers)
        return fail(layers.error());
    while (layers->next()) {
        image.layers.append({ digestOf(layers->value(0)), digestOf(layers->value(1)), digestOf(layers->value(2)),
            layers->value(3).toString(), layers->value(4).toLongLong(), layers->value(5).toLongLong() });
    }
    auto tags = d->run("SELECT name FROM tags WHERE image = ? ORDER BY updated, name", { id.toString() });
    if (!tags)
        return fail(tags.error());
    while (tags->next())
        image.tags.append(tags->value(0).toString());
    auto digests = d->run(
        "SELECT repository, digest, manifest, media_type FROM repo_digests WHERE image = ? ORDER BY repository, digest",
        { id.toString() });
    if (!digests)
        return fail(digests.error());
    while (digests->next()) {
        image.repoDigests.append({ digests->value(0).toString(), digestOf(digests->value(1)),
            digestOf(digests->value(2)), digests->value(3).toString() });
    }
    return image;
}

Result<QList<oci::Digest>> Metadata::children(const oci::Digest &id) const
{
    return d->digests("SELECT id FROM images WHERE parent = ?", { id.toString() });
}

Result<QSet<oci::Digest>> Metadata::parents() const
{
    return d->digestSet("SELECT DISTINCT parent FROM images WHERE parent != ''");
}

Result<std::optional<oci::Digest>> Metadata::cachedStep(const QString &key)
{
    auto row = d->run("SELECT image FROM build_cache WHERE key = ?", { key });
    if (!row)
        return fail(row.error());
    if (!row->next())
        return std::optional<oci::Digest>();
    const oci::Digest image = digestOf(row->value(0));
    if (auto used
        = d->run("UPDATE build_cache SET last_used = ? WHERE key = ?", { QDateTime::currentMSecsSinceEpoch(), key });
        !used)
        return fail(used.error());
    return std::optional(image);
}

Result<> Metadata::putCachedStep(const QString &key, const oci::Digest &image, const QString &description)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto written = d->run("INSERT INTO build_cache (key, image, created, last_used, description) VALUES (?, ?, ?, ?, ?)"
                          " ON CONFLICT (key) DO UPDATE SET image = excluded.image, last_used = excluded.last_used,"
                          " description = excluded.description",
        { key, image.toString(), now, now, description });
    if (!written)
        return fail(written.error());
    return {};
}

Result<QList<CacheEntry>> Metadata::cacheEntries() const
{
    auto rows = d->run("SELECT key, image, created, last_used, description FROM build_cache ORDER BY created");
    if (!rows)
        return fail(rows.error());
    QList<CacheEntry> entries;
    while (rows->next()) {
        entries.append({ rows->value(0).toString(), digestOf(rows->value(1)), timeOf(rows->value(2)),
            timeOf(rows->value(3)), rows->value(4).toString() });
    }
    return entries;
}

Result<> Metadata::removeCacheEntry(const QString &key)
{
    if (auto removed = d->run("DELETE FROM build_cache WHERE key = ?", { key }); !removed)
        return fail(removed.error());
    return {};
}

Result<QList<oci::Digest>> Metadata::imagesWithPrefix(const QString &hexPrefix) const
{
    return d->digests("SELECT id FROM images WHERE substr(id, 8, ?) = ?", { hexPrefix.size(), hexPrefix });
}

Result<oci::Digest> Metadata::tagged(const QString &name) const
{
    return d->single("SELECT image FROM tags WHERE name = ?", { name }, QStringLiteral("No such image: %1").arg(name));
}

Result<oci::Digest> Metadata::byRepoDigest(const QString &repository, const oci::Digest &digest) const
{
    return d->single("SELECT image FROM repo_digests WHERE repository = ? AND digest = ?",
        { repository, digest.toString() }, QStringLiteral("No such image: %1@%2").arg(repository, digest.toString()));
}

Result<std::optional<oci::Digest>> Metadata::addImage(
    const Image &image, const std::optional<RepoDigest> &repoDigest, const std::optional<QString> &tag)
{
    return d->transaction<std::optional<oci::Digest>>([&]() -> Result<std::optional<oci::Digest>> {
        auto inserted = d->run("INSERT INTO images (id, created, added, size, os, architecture, parent)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            { image.id.toString(), image.created.toMSecsSinceEpoch(), QDateTime::currentMSecsSinceEpoch(), image.size,
                image.os, image.architecture, image.parent.isValid() ? image.parent.toString() : QStringLiteral("") });
        if (!inserted)
            return fail(inserted.error());
        if (inserted->numRowsAffected() > 0) {
            for (int i = 0; i < image.layers.size(); ++i) {
                const Layer &layer = image.layers[i];
                auto added
                    = d->run("INSERT INTO layers (image, position, chain_id, diff_id, blob, media_type, blob_size,"
                             " size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        { image.id.toString(), i, layer.chainId.toString(), layer.diffId.toString(),
                            layer.blob.toString(), layer.mediaType, layer.blobSize, layer.size });
                if (!added)
                    return fail(added.error());
            }
        }
        if (repoDigest) {
            auto added
                = d->run("INSERT INTO repo_digests (image, repository, digest, manifest, media_type)"
                         " VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository, digest) DO UPDATE SET"
                         " image = excluded.image, manifest = excluded.manifest, media_type = excluded.media_type",
                    { image.id.toString(), repoDigest->repository, repoDigest->digest.toString(),
                        repoDigest->manifest.toString(), repoDigest->mediaType });
            if (!added)
                return fail(added.error());
        }
        if (!tag)
            return std::optional<oci::Digest>();
        return d->setTag(*tag, image.id);
    });
}

Result<std::optional<oci::Digest>> Metadata::tag(const QString &name, const oci::Digest &id)
{
    return d->transaction<std::optional<oci::Digest>>([&] { return d->setTag(name, id); });
}

Result<> Metadata::untag(const QString &name)
{
    auto removed = d->run("DELETE FROM tags WHERE name = ?", { name });
    if (!removed)
        return fail(removed.error());
    if (removed->numRowsAffected() == 0)
        return fail(Code::NotFound, QStringLiteral("No such image: %1").arg(name));
    return {};
}

Result<> Metadata::removeImage(const oci::Digest &id)
{
    auto removed = d->run("DELETE FROM images WHERE id = ?", { id.toString() });
    if (!removed)
        return fail(removed.error());
    return {};
}

Result<> Metadata::removeRepoDigests(const oci::Digest &id, const QString &repository)
{
    auto removed = d->run("DELETE FROM repo_digests WHERE image = ? AND repository = ?", { id.toString(), repository });
    if (!removed)
        return fail(removed.error());
    return {};
}

Result<qint64> Metadata::layerSize(const oci::Digest &chainId) const
{
    auto row = d->run("SELECT size FROM layers WHERE chain_id = ? LIMIT 1", { chainId.toString() });
    if (!row)
        return fail(row.error());
    if (!row->next())
        return fail(Code::NotFound, QStringLiteral("no layer %1").arg(chainId.toString()));
    return row->value(0).toLongLong();
}

Result<QSet<oci::Digest>> Metadata::blobsInUse() const
{
    return d->digestSet("SELECT id FROM images UNION SELECT blob FROM layers UNION SELECT manifest FROM repo_digests"
                        " UNION SELECT digest FROM repo_digests");
}

Result<QSet<oci::Digest>> Metadata::snapshotsInUse() const
{
    return d->digestSet("SELECT DISTINCT chain_id FROM layers");
}

Result<> Metadata::addBlobSource(const oci::Digest &blob, const QString &registry, const QString &repository)
{
    auto added = d->run("INSERT INTO blob_sources (blob, registry, repository) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        { blob.toString(), registry, repository });
    if (!added)
        return fail(added.error());
    return {};
}

Result<QStringList> Metadata::blobSources(const oci::Digest &blob, const QString &registry) const
{
    auto rows
        = d->run("SELECT repository FROM blob_sources WHERE blob = ? AND registry = ?", { blob.toString(), registry });
    if (!rows)
        return fail(rows.error());
    QStringList repositories;
    while (rows->next())
        repositories.append(rows->value(0).toString());
    return repositories;
}

Result<QList<ContainerRow>> Metadata::containers() const
{
    auto rows = d->run("SELECT id, name, image, record FROM containers");
    if (!rows)
        return fail(rows.error());
    QList<ContainerRow> containers;
    while (rows->next()) {
        containers.append({ rows->value(0).toString(), rows->value(1).toString(), digestOf(rows->value(2)),
            rows->value(3).toByteArray() });
    }
    return containers;
}

Result<> Metadata::putContainer(const ContainerRow &row)
{
    auto taken = d->run("SELECT id FROM containers WHERE name = ? AND id != ?", { row.name, row.id });
    if (!taken)
        return fail(taken.error());
    if (taken->next()) {
        return fail(Code::Conflict,
            QStringLiteral("Conflict. The container name \"/%1\" is already in use by container \"%2\". You have to "
                           "remove (or rename) that container to be able to reuse that name.")
                .arg(row.name, taken->value(0).toString()));
    }
    auto put = d->run("INSERT INTO containers (id, name, image, record) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE"
                      " SET name = excluded.name, image = excluded.image, record = excluded.record",
        { row.id, row.name, row.image.toString(), QString::fromUtf8(row.record) });
    if (!put)
        return fail(put.error());
    return {};
}

Result<> Metadata::removeContainer(const QString &id)
{
    auto removed = d->run("DELETE FROM containers WHERE id = ?", { id });
    if (!removed)
        return fail(removed.error());
    return {};
}

Result<QList<NetworkRow>> Metadata::networks() const
{
    auto rows = d->run("SELECT id, name, record FROM networks");
    if (!rows)
        return fail(rows.error());
    QList<NetworkRow> networks;
    while (rows->next())
        networks.append({ rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toByteArray() });
    return networks;
}

Result<> Metadata::putNetwork(const NetworkRow &row)
{
    auto taken = d->run("SELECT id FROM networks WHERE name = ? AND id != ?", { row.name, row.id });
    if (!taken)
        return fail(taken.error());
    if (taken->next())
        return fail(Code::Conflict, QStringLiteral("network with name %1 already exists").arg(row.name));
    auto put = d->run("INSERT INTO networks (id, name, record) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE"
                      " SET name = excluded.name, record = excluded.record",
        { row.id, row.name, QString::fromUtf8(row.record) });
    if (!put)
        return fail(put.error());
    return {};
}

Result<> Metadata::removeNetwork(const QString &id)
{
    auto removed = d->run("DELETE FROM networks WHERE id = ?", { id });
    if (!removed)
        return fail(removed.error());
    return {};
}

} // namespace muelle::engine::metadata
