#pragma once
// The metadata's SQLite plumbing — a connection per thread, prepared
// statements, write transactions — shared by its files (metadata.cpp,
// search.cpp): not part of its interface.

#include "registry/metadata/metadata.h"
#include "registry/metadata/schema.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <QVariant>

#include <memory>
#include <unordered_map>

namespace muelle::registry::metadata {

// One SQLite connection per thread and Metadata, with its prepared statements.
struct Connection {
    QString name;
    QSqlDatabase db;
    std::unordered_map<const char *, QSqlQuery> statements; // keyed by the SQL literal
};

struct ThreadConnections {
    std::unordered_map<const void *, std::unique_ptr<Connection>> byOwner;
    ~ThreadConnections()
    {
        for (auto &[owner, connection] : byOwner) {
            const QString name = connection->name;
            connection.reset();
            QSqlDatabase::removeDatabase(name);
        }
    }
};
// This thread's connections (metadata.cpp).
ThreadConnections &threadConnections();

inline qint64 toMillis(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}
inline qint64 nowMillis()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A null QString binds as SQL NULL, which compares with nothing.
inline QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

inline Error sqlError(const QString &what, const QSqlError &error)
{
    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the lock too long.
    const QString native = error.nativeErrorCode();
    const Code code = (native == u"5" || native == u"6") ? Code::Unavailable : Code::Internal;
    return { code, QStringLiteral("metadata: %1: %2").arg(what, error.text()) };
}

struct Metadata::Private {
    QString path;
    QString id = QUuid::createUuid().toString(QUuid::Id128);

    Result<Connection *> connection()
    {
        auto &slot = threadConnections().byOwner[this];
        if (slot)
            return slot.get();
        auto connection = std::make_unique<Connection>();
        connection->name = QStringLiteral("registry-%1-%2").arg(id).arg(quintptr(QThread::currentThreadId()));
        connection->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection->name);
        connection->db.setDatabaseName(path);
        connection->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        if (!connection->db.open()) {
            const Error error = sqlError(QStringLiteral("open \"%1\"").arg(path), connection->db.lastError());
            threadConnections().byOwner.erase(this);
            return fail(error);
        }
        for (const char *pragma : schema::pragmas) {
            QSqlQuery query(connection->db);
            if (!query.exec(QString::fromLatin1(pragma)))
                return fail(sqlError(QString::fromLatin1(pragma), query.lastError()));
        }
        slot = std::move(connection);
        return slot.get();
    }

    // Runs a statement (prepared once per thread) with positional values.
    Result<QSqlQuery *> exec(const char *sql, const QVariantList &values)
    {
        auto connection = this->connection();
        if (!connection)
            return fail(connection.error());
        auto [it, inserted] = (*connection)->statements.try_emplace(sql, (*connection)->db);
        QSqlQuery &query = it->second;
        if (inserted) {
            query.setForwardOnly(true);
            if (!query.prepare(QString::fromLatin1(sql))) {
                const Error error = sqlError(QStringLiteral("prepare"), query.lastError());
                (*connection)->statements.erase(it);
                return fail(error);
            }
        }
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!query.exec())
            return fail(sqlError(QString::fromLatin1(sql).simplified().left(60), query.lastError()));
        return &query;
    }

    Result<> run(const char *sql, const QVariantList &values)
    {
        auto query = exec(sql, values);
        if (!query)
            return fail(query.error());
        (*query)->finish();
        return {};
    }

    // The first column of the first row, if any.
    Result<std::optional<QVariant>> scalar(const char *sql, const QVariantList &values)
    {
        auto query = exec(sql, values);
        if (!query)
            return fail(query.error());
        std::optional<QVariant> value;
        if ((*query)->next())
            value = (*query)->value(0);
        (*query)->finish();
        return value;
    }

    Result<QStringList> strings(const char *sql, const QVariantList &values)
    {
        auto query = exec(sql, values);
        if (!query)
            return fail(query.error());
        QStringList list;
        while ((*query)->next())
            list.append((*query)->value(0).toString());
        (*query)->finish();
        return list;
    }

    // Runs `body` in one write transaction; commits when it succeeds.
    template <typename T> Result<T> write(const std::function<Result<T>()> &body)
    {
        if (auto begun = run("BEGIN IMMEDIATE", {}); !begun)
            return fail(begun.error());
        Result<T> result = body();
        if (!result) {
            (void)run("ROLLBACK", {});
            return result;
        }
        if (auto committed = run("COMMIT", {}); !committed) {
            (void)run("ROLLBACK", {});
            return fail(committed.error());
        }
        return result;
    }

    Result<qint64> repositoryId(const QString &repository)
    {
        if (auto inserted = run("INSERT INTO repositories(name) VALUES(?) ON CONFLICT DO NOTHING", { repository });
            !inserted)
            return fail(inserted.error());
        auto id = scalar("SELECT id FROM repositories WHERE name = ?", { repository });
        if (!id)
            return fail(id.error());
        if (!*id)
            return fail(Code::Internal, QStringLiteral("metadata: repository \"%1\" vanished").arg(repository));
        return (*id)->toLongLong();
    }

    Result<std::optional<ManifestRecord>> manifestRow(const char *sql, const QVariantList &values)
    {
        auto query = exec(sql, values);
        if (!query)
            return fail(query.error());
        std::optional<ManifestRecord> record;
        if ((*query)->next())
            record = readManifest(**query);
        (*query)->finish();
        return record;
    }

    // A row of "SELECT u.uuid, r.name, u.started ...".
    static UploadRecord readUpload(const QSqlQuery &query)
    {
        return { query.value(0).toString(), query.value(1).toString(),
            QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong()) };
    }

    static ManifestRecord readManifest(const QSqlQuery &query)
    {
        ManifestRecord record;
        record.digest = oci::Digest::parse(query.value(0).toString()).value_or(oci::Digest());
        record.mediaType = query.value(1).toString();
        record.size = query.value(2).toLongLong();
        record.artifactType = query.value(3).toString();
        if (!query.value(4).isNull())
            record.subject = oci::Digest::parse(query.value(4).toString()).value_or(oci::Digest());
        record.annotations = query.value(5).toByteArray();
        return record;
    }

    // Search's side of the writes (search.cpp), inside their transactions.
    // A manifest's summary (an index's size and labels come from its children).
    Result<> storeSummary(
        qint64 repository, const QString &digest, const ManifestSummary &summary, const QList<oci::Digest> &children);
    // The repository's search row from its tags now: gone when it has none.
    Result<> refreshSearch(qint64 repository, const QString &name);
    // Databases from before search: a row for each tagged repository without one.
    Result<> indexUnsearched();
};

} // namespace muelle::registry::metadata
