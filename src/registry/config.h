#pragma once
// muelle-registry's configuration: a YAML file shaped like CNCF Distribution's
// config.yml where the two overlap. Every key is optional.
//
//   log:
//     level: info                  # debug | info | warn | error
//     accesslog: true              # one line per request on stderr
//   storage:
//     root: /var/lib/muelle-registry
//     delete:
//       enabled: false             # DELETE of manifests, tags and blobs
//     uploadpurge:
//       age: 168h                  # abandoned upload sessions older than this are removed by gc
//   database:
//     driver: sqlite               # sqlite (file <root>/metadata.db) | postgres
//     dsn: "host=... dbname=..."   # postgres only
//   http:
//     addr: 127.0.0.1:5000
//     workers: 0                   # threads serving connections; 0 = one per core
//     tls:
//       certificate: /path/cert.pem
//       key: /path/key.pem
//   auth:                          # no auth section: everyone may do everything
//     anonymous:
//       pull: true                 # anonymous clients may pull every repository
//     htpasswd:                    # HTTP Basic, bcrypt entries as `htpasswd -B` writes them
//       realm: muelle-registry
//       path: /etc/muelle-registry/htpasswd
//     token:                       # Docker's token flow; credentials checked against htpasswd.path
//       realm: http://127.0.0.1:5000/token   # the token endpoint clients are sent to (served by us at /token)
//       service: muelle-registry
//       issuer: muelle-registry
//       key: /etc/muelle-registry/token.key  # EC P-256 private key (PEM); generated when missing
//       expiration: 300            # seconds
//   access:                        # who may do what once authenticated; no rules: everything
//     - account: alice             # a user name, "*" for any authenticated user, or "anonymous"
//       repository: "team/*"       # a glob over repository names
//       actions: [pull, push, delete]

#include "base/error.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace muelle::registry {

// "30s", "10m", "168h", or a number of seconds; nullopt otherwise.
std::optional<std::chrono::seconds> parseDuration(const QString &text);

struct AccessRule {
    QString account;
    QString repository;
    QStringList actions;
};

struct HtpasswdConfig {
    QString realm = QStringLiteral("muelle-registry");
    QString path;
};

struct TokenConfig {
    QString realm;
    QString service = QStringLiteral("muelle-registry");
    QString issuer = QStringLiteral("muelle-registry");
    QString keyPath;
    int expirationSeconds = 300;
};

struct AuthConfig {
    bool anonymousPull = false;
    std::optional<HtpasswdConfig> htpasswd;
    std::optional<TokenConfig> token;
    QList<AccessRule> access;

    bool enabled() const { return htpasswd.has_value() || token.has_value(); }
};

struct Config {
    QString logLevel = QStringLiteral("info");
    bool accessLog = true;

    QString root = QStringLiteral("/var/lib/muelle-registry");
    bool deleteEnabled = false;
    std::chrono::seconds uploadPurgeAge{ 7 * 24 * 3600 };

    QString databaseDriver = QStringLiteral("sqlite");
    QString databaseDsn;

    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 5000;
    int workers = 0;
    QString tlsCertificate;
    QString tlsKey;

    AuthConfig auth;

    // Reads a YAML file. Unknown keys and wrong types are InvalidArgument
    // naming the key ("config \"/etc/r.yml\": http.addr: want HOST:PORT").
    static Result<Config> load(const QString &path);
    // "HOST:PORT", "[::1]:PORT" or ":PORT".
    Result<> setAddress(const QString &hostPort);
};

} // namespace muelle::registry
