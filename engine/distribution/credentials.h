#pragma once
// Registry credentials: what `docker login` gave (POST /auth), or what a
// client sends with a pull or push (the X-Registry-Auth header). The store
// keeps them in auth.json, readable by root only, written whole to a temp
// file then renamed. Credentials never reach a log.

#include "base/error.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace muelle::engine::distribution {

struct Credentials {
    QString username;
    QString password;
    QString identityToken; // a refresh token, used instead of the password
    bool isEmpty() const { return username.isEmpty() && password.isEmpty() && identityToken.isEmpty(); }
};

// Docker's X-Registry-Auth header: base64url JSON {username, password,
// serveraddress, identitytoken}. Empty and "{}" mean none; garbage is
// InvalidArgument.
Result<Credentials> credentialsFromHeader(const QByteArray &header);
// The registry host a server address names: "https://index.docker.io/v1/" is
// "docker.io", "127.0.0.1:5000" stays itself.
QString registryHost(const QString &serverAddress);

class CredentialStore {
public:
    explicit CredentialStore(QString path) : path_(std::move(path)) { }
    // Reads the file when present; a damaged file is DataLoss.
    Result<> load();
    Credentials find(const QString &registry) const { return byRegistry_.value(registry); }
    Result<> save(const QString &registry, const Credentials &credentials);
    // NotFound when there are none for `registry`.
    Result<> remove(const QString &registry);
    QStringList registries() const { return byRegistry_.keys(); }

private:
    // Replaces the file (0600, written whole, then renamed) and the map.
    Result<> write(QHash<QString, Credentials> next);

    QString path_;
    QHash<QString, Credentials> byRegistry_;
};

} // namespace muelle::engine::distribution
