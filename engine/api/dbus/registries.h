#pragma once
// org.muelle.Engine1.Registries at /org/muelle/Engine1/Registries: the
// registries the engine knows (added, logged in, insecure, mirrors), adding
// and removing them, logging in and out (credentials stay in the engine),
// their catalogs and tags, paged, and a search across all of them, whose
// results come per registry as signals.

#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

namespace muelle::engine::dbus {

class RegistriesObject : public BusObject {
    Q_OBJECT
public:
    RegistriesObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);

public: // the interface's methods, called by the adaptor generated from its XML
    QString List(const QVariantMap &options);
    void Add(const QString &host, const QVariantMap &options);
    void Remove(const QString &host, const QVariantMap &options);
    QString Login(const QString &host, const QString &username, const QString &password, const QVariantMap &options);
    void Logout(const QString &host, const QVariantMap &options);
    QString Check(const QString &host, const QVariantMap &options);
    QString Catalog(const QString &host, const QVariantMap &options);
    QString Tags(const QString &host, const QString &repository, const QVariantMap &options);
    QString Search(const QString &terms, const QVariantMap &options);
    QString Describe(const QString &reference, const QVariantMap &options);
    void DeleteTag(const QString &reference, const QVariantMap &options);

Q_SIGNALS:
    // Declared for the adaptor (introspection, the app's proxies); sent to
    // the searching caller alone (Search), never emitted as broadcasts.
    void SearchResults(const QString &job, const QString &registry, const QString &results);
    void SearchFailed(const QString &job, const QString &registry, const QString &error, const QString &message);
    void SearchFinished(const QString &job);

private:
    // Catalog's and Tags' paging options: n (1..1000, default 100) and last.
    std::optional<std::pair<int, QString>> paging(const QVariantMap &given);

    docker::Engine &engine_;
    quint64 searches_ = 0;
};

} // namespace muelle::engine::dbus
