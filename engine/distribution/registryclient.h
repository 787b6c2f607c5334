#pragma once
// One repository on one registry, spoken to over the OCI Distribution API
// through QNetworkAccessManager (on the thread that owns it).
//
// connect() settles where and how to talk: Docker Hub pulls try each
// registry mirror first, then Docker Hub itself; verified TLS, or for an insecure registry
// (configured, or on 127.0.0.0/8 and localhost, as Docker does) TLS without
// verification and then plain HTTP; and how to authenticate, from the
// answer to GET /v2/: nothing, Basic with the credentials, or a Bearer
// token from the challenge's realm with the scope
// repository:<name>:<actions> (credentials sent to the realm when there are
// any). Requests afterwards carry that authorization.
//
// send() is for requests whose answers are small; it retries connection
// failures, 5xx and 429 with backoff before giving up with a message that
// says what the registry answered. Large bodies (blobs) are read by the
// caller from a reply of its own, made from request().

#include "engine/distribution/credentials.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QIODevice;

namespace muelle::engine::distribution {

struct RegistryReply {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QUrl url; // after redirects
    QByteArray header(const QByteArray &name) const;
};

struct RegistryOptions {
    QStringList insecureRegistries; // "host:port", or CIDRs "10.0.0.0/8"
    QStringList registryMirrors; // "https://mirror.local", tried first for Docker Hub pulls
    int timeoutMs = 30000; // no progress for this long fails the transfer
    int retries = 3; // for transient failures, with backoff from 250 ms
};

// Whether `host` ("127.0.0.1:5000", "registry.local") may be spoken to in
// plain HTTP.
bool isInsecure(const QString &host, const QStringList &insecureRegistries);

// The Accept header of a manifest GET: indexes and image manifests, OCI and Docker.
const QByteArray &acceptedManifests();

// Where a registry answers searches: Docker Hub's on its index
// (index.docker.io), any other registry on itself.
QString searchHostOf(const QString &registry);

class RegistryClient : public QObject {
    Q_OBJECT
public:
    // `actions`: "pull", "pull,push", or empty for login (no scope); with
    // no repository, registry-wide ones ("search").
    RegistryClient(QNetworkAccessManager &network, QString host, QString repository, Credentials credentials,
        QString actions, RegistryOptions options, QObject *parent = nullptr);

    const QString &host() const { return host_; }
    const QString &repository() const { return repository_; }
    const RegistryOptions &options() const { return options_; }
    QNetworkAccessManager &network() const { return network_; }

    // Finds the scheme and authorization. Unauthenticated when the
    // credentials are refused, Unavailable when the registry is unreachable.
    void connect(std::function<void(Result<>)> done);
    // A request for `target`: a path ("/v2/<name>/manifests/latest") or an
    // absolute URL (an upload's Location), with authorization and timeout.
    QNetworkRequest request(const QString &target) const;
    // Sends and reads the whole answer (at most `limit` bytes). Statuses
    // >= 400 are errors, with the registry's error message.
    void send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
        std::function<void(Result<RegistryReply>)> done, qint64 limit = 4 << 20);
    // The same with the body read from `device` as it is sent (no retry:
    // the device cannot be rewound by us). The device must outlive the call.
    // Returns the reply, for its uploadProgress signal.
    QNetworkReply *upload(const QByteArray &verb, const QNetworkRequest &request, QIODevice *device,
        std::function<void(Result<RegistryReply>)> done);
    // Turns a failed reply (network error or status >= 400) into an Error.
    Error errorOf(QNetworkReply *reply, const QByteArray &body) const;

private:
    void connectToMirror(int index, std::function<void(Result<>)> done);
    void connectDirectly(std::function<void(Result<>)> done);
    void ping(bool tls, std::function<void(Result<>)> done);
    void authorize(const QByteArray &challenge, std::function<void(Result<>)> done);
    void attempt(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
        std::function<void(Result<RegistryReply>)> done, qint64 limit, int attemptNumber);

    QNetworkAccessManager &network_;
    QString host_; // as the user named it ("docker.io")
    QString endpoint_; // where it is ("registry-1.docker.io")
    QString repository_;
    Credentials credentials_;
    QString actions_;
    RegistryOptions options_;
    QString scheme_ = QStringLiteral("https");
    bool verifyTls_ = true;
    QByteArray authorization_;
};

} // namespace muelle::engine::distribution
