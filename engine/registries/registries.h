#pragma once
// The registries the engine knows, for the desktop: those a user added
// (kept in <data-root>/registries.json), those it is logged in to, the
// insecure ones and the mirrors of its settings; their catalogs and tags,
// paged; and a search across all of them at once. Credentials never leave
// the engine (ImageService keeps them). Network work is asynchronous: every
// answer comes later, on this object's thread.

#include "engine/distribution/registryclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace muelle::engine::images {
class ImageService;
}

namespace muelle::engine::registries {

struct KnownRegistry {
    QString host; // "127.0.0.1:5000", "docker.io"
    bool added = false; // by a user (Add)
    bool loggedIn = false;
    QString username; // when logged in
    bool insecure = false; // plain HTTP or unverified TLS allowed
    bool mirror = false; // a registry mirror of the settings
};

// A page of names and where the next one starts ("" after the last).
struct Page {
    QStringList names;
    QString next;
};

class RegistryService : public QObject {
    Q_OBJECT
public:
    RegistryService(images::ImageService &images, QString stateFile, QObject *parent = nullptr);
    // Reads the added registries; a damaged file is DataLoss.
    Result<> load();

    QList<KnownRegistry> list() const;
    // `host` as a registry host ("name[:port]"); InvalidArgument otherwise.
    // Adding one already added replaces its settings.
    Result<> add(const QString &host, bool insecure);
    // NotFound when the user did not add it.
    Result<> remove(const QString &host);

    // The registry's _catalog / a repository's tags, `limit` names after
    // `last` (its order). Errors in the registry's words.
    void catalog(const QString &host, int limit, const QString &last, std::function<void(Result<Page>)> done);
    void tags(const QString &host, const QString &repository, int limit, const QString &last,
        std::function<void(Result<Page>)> done);

    // describe.cpp: a reference ("host/name:tag" or "@digest") as the
    // desktop's tag page shows it, JSON: reference, digest, media_type,
    // manifest_size, annotations; for an index its platforms and the one
    // described (`platform`, the host's by default); the image's config
    // (platform, created, env, cmd, entrypoint, working_dir, user,
    // exposed_ports, labels, history), layers (digest, size, media_type,
    // local: in this engine's content store), size, and referrers
    // (signatures, SBOMs, attestations: digest, artifact_type, media_type,
    // size, annotations).
    void describe(const QString &reference, const QString &platform, std::function<void(Result<QJsonObject>)> done);
    // Deletes the tag (only the tag: a registry that deletes manifests by
    // digest alone is FailedPrecondition, as that would take every tag).
    void deleteTag(const QString &reference, std::function<void(Result<>)> done);

    // Whether `host` answers, with the engine's credentials for it, and how
    // it can be searched, JSON: {"host", "search": "muelle" (its own
    // search), "docker" (/v1/search) or "catalog" (names filtered)}.
    // Errors in the registry's words (Unavailable when it does not answer,
    // Unauthenticated when it refuses the credentials).
    void check(const QString &host, std::function<void(Result<QJsonObject>)> done);

    // Searches every known registry at once: muelle-registry's own search,
    // else Docker's /v1/search, else the _catalog's names filtered (the
    // first pages). `found` gets each registry's results (JSON objects:
    // name, description, stars, official, latest_tag, size, platforms, as
    // the registry tells them) or its error; `finished` comes after the last.
    void search(const QString &terms, std::function<void(const QString &host, Result<QJsonArray>)> found,
        std::function<void()> finished);

private:
    Result<> save(const QHash<QString, bool> &added);
    distribution::RegistryOptions optionsFor(const QString &host) const;
    void searchOne(const QString &host, const QString &terms,
        std::function<void(const QString &host, Result<QJsonArray>)> found, std::function<void()> done);

    images::ImageService &images_;
    QString stateFile_;
    QHash<QString, bool> added_; // host -> insecure
};

} // namespace muelle::engine::registries
