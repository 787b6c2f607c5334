#pragma once
// The metadata schema. Digests are stored as "sha256:<hex>", times as
// milliseconds since the epoch.

namespace muelle::registry::metadata::schema {

inline const char *const pragmas[] = {
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL", // WAL + NORMAL: a process crash loses nothing committed
    "PRAGMA foreign_keys = ON",
};

inline const char *const tables[] = {
    "CREATE TABLE IF NOT EXISTS repositories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    // Every blob in the store, manifests' bytes included.
    "CREATE TABLE IF NOT EXISTS blobs (digest TEXT PRIMARY KEY, size INTEGER NOT NULL, created INTEGER NOT NULL)",
    // A blob pushed or mounted into a repository: only those are served from it.
    "CREATE TABLE IF NOT EXISTS links (repository INTEGER NOT NULL REFERENCES repositories(id), digest TEXT NOT NULL,"
    " linked INTEGER NOT NULL, PRIMARY KEY (repository, digest))",
    "CREATE INDEX IF NOT EXISTS links_digest ON links(digest)",
    "CREATE TABLE IF NOT EXISTS manifests (repository INTEGER NOT NULL REFERENCES repositories(id),"
    " digest TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, artifact_type TEXT NOT NULL,"
    " subject TEXT, annotations BLOB, created INTEGER NOT NULL, PRIMARY KEY (repository, digest))",
    "CREATE INDEX IF NOT EXISTS manifests_subject ON manifests(repository, subject)",
    "CREATE INDEX IF NOT EXISTS manifests_digest ON manifests(digest)",
    // What each manifest references: config and layer blobs, an index's children.
    "CREATE TABLE IF NOT EXISTS manifest_refs (repository INTEGER NOT NULL, manifest TEXT NOT NULL,"
    " digest TEXT NOT NULL, PRIMARY KEY (repository, manifest, digest))",
    "CREATE INDEX IF NOT EXISTS manifest_refs_digest ON manifest_refs(digest)",
    "CREATE TABLE IF NOT EXISTS tags (repository INTEGER NOT NULL REFERENCES repositories(id), name TEXT NOT NULL,"
    " manifest TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (repository, name))",
    // Search (search.cpp): each manifest's summary, each tagged repository's
    // latest tag and what it says, and the full-text index over them (rowid:
    // the repository's id).
    "CREATE TABLE IF NOT EXISTS manifest_summaries (repository INTEGER NOT NULL, digest TEXT NOT NULL,"
    " size INTEGER NOT NULL, platforms TEXT NOT NULL, labels TEXT NOT NULL, PRIMARY KEY (repository, digest))",
    "CREATE TABLE IF NOT EXISTS repository_search (repository INTEGER PRIMARY KEY REFERENCES repositories(id),"
    " latest_tag TEXT NOT NULL, pushed INTEGER NOT NULL, size INTEGER NOT NULL, platforms TEXT NOT NULL,"
    " title TEXT NOT NULL, description TEXT NOT NULL, vendor TEXT NOT NULL, source TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(name, tags, title, description, vendor, source,"
    " labels, tokenize = 'unicode61')",
    "CREATE TABLE IF NOT EXISTS uploads (uuid TEXT PRIMARY KEY, repository INTEGER NOT NULL REFERENCES "
    "repositories(id),"
    " started INTEGER NOT NULL)",
};

} // namespace muelle::registry::metadata::schema
