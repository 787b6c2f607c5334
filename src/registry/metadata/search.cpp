// Search: each manifest's summary, stored when it is put; each tagged
// repository's row (its latest tag and what that says), refreshed in the
// same transaction as every change of its tags; and SQLite's FTS5 index
// over them. Nothing is read from storage here.

#include "registry/metadata/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace muelle::registry::metadata {

namespace {

Q_LOGGING_CATEGORY(lcSearch, "muelle.registry.search")

constexpr int maxWords = 16;
constexpr int maxWordLength = 64;

QString labelsJson(const QMap<QString, QString> &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject labelsOf(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QStringList platformsOf(const QString &json)
{
    QStringList platforms;
    for (const QJsonValue &value : QJsonDocument::fromJson(json.toUtf8()).array())
        platforms.append(value.toString());
    return platforms;
}

// `terms` as an FTS5 query: each word a quoted prefix, all required. The
// user's text never reaches FTS5's syntax: only letters and digits pass.
QString ftsQuery(const QString &terms)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList words;
    for (auto it = word.globalMatch(terms); it.hasNext() && words.size() < maxWords;)
        words.append(u'"' + it.next().captured().left(maxWordLength) + QStringLiteral("\"*"));
    return words.join(u' ');
}

} // namespace

Result<> Metadata::Private::storeSummary(
    qint64 repository, const QString &digest, const ManifestSummary &summary, const QList<oci::Digest> &children)
{
    qint64 size = summary.size;
    QMap<QString, QString> labels = summary.labels;
    // An index: its children's sizes, and the first child's labels under its own annotations.
    for (const oci::Digest &child : children) {
        auto query = exec("SELECT size, labels FROM manifest_summaries WHERE repository = ? AND digest = ?",
            { repository, child.toString() });
        if (!query)
            return fail(query.error());
        if ((*query)->next()) {
            size += (*query)->value(0).toLongLong();
            if (child == children.constFirst()) {
                const QJsonObject childLabels = labelsOf((*query)->value(1).toString());
                for (auto it = childLabels.constBegin(); it != childLabels.constEnd(); ++it) {
                    if (!labels.contains(it.key()))
                        labels.insert(it.key(), it.value().toString());
                }
            }
        }
        (*query)->finish();
    }
    return run("INSERT INTO manifest_summaries(repository, digest, size, platforms, labels) VALUES(?, ?, ?, ?, ?)"
               " ON CONFLICT DO NOTHING",
        { repository, digest, size,
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(summary.platforms)).toJson(QJsonDocument::Compact)),
            labelsJson(labels) });
}

Result<> Metadata::Private::refreshSearch(qint64 repository, const QString &name)
{
    for (const char *sql :
        { "DELETE FROM search_index WHERE rowid = ?", "DELETE FROM repository_search WHERE repository = ?" }) {
        if (auto deleted = run(sql, { repository }); !deleted)
            return deleted;
    }
    auto tags = strings("SELECT name FROM tags WHERE repository = ? ORDER BY updated DESC, name", { repository });
    if (!tags)
        return fail(tags.error());
    if (tags->isEmpty())
        return {};
    auto query = exec("SELECT t.updated, s.size, s.platforms, s.labels, m.annotations FROM tags t"
                      " JOIN manifests m ON m.repository = t.repository AND m.digest = t.manifest"
                      " LEFT JOIN manifest_summaries s ON s.repository = t.repository AND s.digest = t.manifest"
                      " WHERE t.repository = ? AND t.name = ?",
        { repository, tags->constFirst() });
    if (!query)
        return fail(query.error());
    if (!(*query)->next()) {
        // A tag without its manifest row (a damaged database): searched no more, and no write fails for it.
        (*query)->finish();
        qCWarning(lcSearch).noquote() << "tag" << tags->first() << "of" << name << "has no manifest: not searched";
        return {};
    }
    const qint64 pushed = (*query)->value(0).toLongLong();
    const qint64 size = (*query)->value(1).toLongLong();
    const QString platforms = (*query)->value(2).isNull() ? QStringLiteral("[]") : (*query)->value(2).toString();
    QJsonObject labels = labelsOf((*query)->value(3).toString());
    // A database from before summaries: the manifest's annotations at least.
    const QJsonObject annotations = QJsonDocument::fromJson((*query)->value(4).toByteArray()).object();
    for (auto it = annotations.constBegin(); it != annotations.constEnd(); ++it)
        labels.insert(it.key(), it.value());
    (*query)->finish();
    const auto label = [&labels](const char *key) {
        return labels.value(QStringLiteral("org.opencontainers.image.") + QLatin1String(key)).toString();
    };
    const QString source = label("source").isEmpty() ? label("url") : label("source");
    QStringList labelText;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        labelText.append(it.value().toString());
    if (auto stored = run("INSERT INTO repository_search(repository, latest_tag, pushed, size, platforms, title,"
                          " description, vendor, source) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { repository, tags->constFirst(), pushed, size, platforms, nonNull(label("title")),
                nonNull(label("description")), nonNull(label("vendor")), nonNull(source) });
        !stored)
        return stored;
    return run("INSERT INTO search_index(rowid, name, tags, title, description, vendor, source, labels)"
               " VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
        { repository, name, tags->join(u' '), nonNull(label("title")), nonNull(label("description")),
            nonNull(label("vendor")), nonNull(source), labelText.join(u' ') });
}

Result<> Metadata::Private::indexUnsearched()
{
    auto query = exec("SELECT r.id, r.name FROM repositories r"
                      " WHERE EXISTS (SELECT 1 FROM tags t WHERE t.repository = r.id)"
                      " AND NOT EXISTS (SELECT 1 FROM repository_search s WHERE s.repository = r.id)",
        {});
    if (!query)
        return fail(query.error());
    QList<std::pair<qint64, QString>> missing;
    while ((*query)->next())
        missing.append({ (*query)->value(0).toLongLong(), (*query)->value(1).toString() });
    (*query)->finish();
    for (const auto &[id, name] : std::as_const(missing)) {
        if (auto refreshed = refreshSearch(id, name); !refreshed)
            return refreshed;
    }
    return {};
}

Result<QStringList> Metadata::search(const QString &terms, int limit)
{
    const QString match = ftsQuery(terms);
    if (match.isEmpty())
        return QStringList();
    // Weights: a word in the name counts most, then the title, the description, the tags.
    return d->strings("SELECT r.name FROM search_index JOIN repositories r ON r.id = search_index.rowid"
                      " WHERE search_index MATCH ? ORDER BY bm25(search_index, 10.0, 2.0, 5.0, 3.0, 1.0, 1.0, 1.0),"
                      " r.name LIMIT ?",
        { match, limit });
}

Result<QList<SearchHit>> Metadata::searchHits(const QStringList &repositories)
{
    QList<SearchHit> hits;
    for (const QString &repository : repositories) {
        auto query = d->exec("SELECT s.latest_tag, s.pushed, s.size, s.platforms, s.title, s.description, s.vendor,"
                             " s.source FROM repository_search s JOIN repositories r ON r.id = s.repository"
                             " WHERE r.name = ?",
            { repository });
        if (!query)
            return fail(query.error());
        if ((*query)->next()) {
            const QSqlQuery &row = **query;
            hits.append(
                { repository, row.value(0).toString(), QDateTime::fromMSecsSinceEpoch(row.value(1).toLongLong()),
                    row.value(2).toLongLong(), platformsOf(row.value(3).toString()), row.value(4).toString(),
                    row.value(5).toString(), row.value(6).toString(), row.value(7).toString() });
        }
        (*query)->finish();
    }
    return hits;
}

} // namespace muelle::registry::metadata
