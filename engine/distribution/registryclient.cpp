#include "engine/distribution/registryclient.h"

#include "engine/distribution/logging.h"
#include "oci/mediatype.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace muelle::engine::distribution {

namespace {

// "Bearer realm="https://auth",service="registry",scope="a b"" as its scheme
// and parameters (RFC 7235 auth-params; quoted strings may hold commas).
struct Challenge {
    QByteArray scheme;
    QHash<QByteArray, QByteArray> params;
};

Challenge parseChallenge(const QByteArray &header)
{
    Challenge challenge;
    const qsizetype space = header.indexOf(' ');
    challenge.scheme = header.left(space < 0 ? header.size() : space).trimmed().toLower();
    qsizetype at = space < 0 ? header.size() : space + 1;
    while (at < header.size()) {
        while (at < header.size() && (header[at] == ' ' || header[at] == ','))
            ++at;
        const qsizetype equals = header.indexOf('=', at);
        if (equals < 0)
            break;
        const QByteArray name = header.mid(at, equals - at).trimmed().toLower();
        QByteArray value;
        at = equals + 1;
        if (at < header.size() && header[at] == '"') {
            for (++at; at < header.size() && header[at] != '"'; ++at) {
                if (header[at] == '\\' && at + 1 < header.size())
                    ++at;
                value.append(header[at]);
            }
            ++at;
        } else {
            const qsizetype comma = header.indexOf(',', at);
            const qsizetype end = comma < 0 ? header.size() : comma;
            value = header.mid(at, end - at).trimmed();
            at = end;
        }
        challenge.params.insert(name, value);
    }
    return challenge;
}

QByteArray basicAuthorization(const Credentials &credentials)
{
    return "Basic " + (credentials.username + u':' + credentials.password).toUtf8().toBase64();
}

// A failure below HTTP: the connection, TLS, a proxy, the transfer timeout.
bool isNetworkFailure(QNetworkReply *reply)
{
    const int error = reply->error();
    return error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
}

bool isTransient(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 429 || status >= 500)
        return true;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
        return true;
    default:
        return false;
    }
}

QNetworkReply *dispatch(QNetworkAccessManager &network, const QByteArray &verb, const QNetworkRequest &request,
    const QByteArray &body, QIODevice *device)
{
    if (verb == "GET")
        return network.get(request);
    if (verb == "HEAD")
        return network.head(request);
    if (verb == "DELETE")
        return network.deleteResource(request);
    if (device)
        return network.sendCustomRequest(request, verb, device);
    return network.sendCustomRequest(request, verb, body);
}

} // namespace

QByteArray RegistryReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

const QByteArray &acceptedManifests()
{
    static const QByteArray accepted = QStringList{ oci::mediatype::ociIndex, oci::mediatype::dockerManifestList,
        oci::mediatype::ociManifest, oci::mediatype::dockerManifest }
                                           .join(u", ")
                                           .toLatin1();
    return accepted;
}

QString searchHostOf(const QString &registry)
{
    return registry == u"docker.io" ? QStringLiteral("index.docker.io") : registry;
}

bool isInsecure(const QString &host, const QStringList &insecureRegistries)
{
    if (insecureRegistries.contains(host))
        return true;
    QString name = host;
    if (name.startsWith(u'[')) // [::1]:5000
        name = name.mid(1, name.indexOf(u']') - 1);
    else if (name.count(u':') == 1)
        name = name.section(u':', 0, 0);
    if (name == u"localhost" || insecureRegistries.contains(name))
        return true;
    const QHostAddress address(name);
    if (address.isNull())
        return false;
    if (address.isLoopback())
        return true;
    for (const QString &entry : insecureRegistries) {
        const auto subnet = QHostAddress::parseSubnet(entry);
        if (entry.contains(u'/') && !subnet.first.isNull() && address.isInSubnet(subnet))
            return true;
    }
    return false;
}

RegistryClient::RegistryClient(QNetworkAccessManager &network, QString host, QString repository,
    Credentials credentials, QString actions, RegistryOptions options, QObject *parent)
    : QObject(parent),
      network_(network),
      host_(std::move(host)),
      endpoint_(host_ == u"docker.io" ? QStringLiteral("registry-1.docker.io") : host_),
      repository_(std::move(repository)),
      credentials_(std::move(credentials)),
      actions_(std::move(actions)),
      options_(std::move(options))
{
}

void RegistryClient::connect(std::function<void(Result<>)> done)
{
    // Docker Hub pulls try the mirrors first, in order, as Docker does.
    if (host_ == u"docker.io" && actions_ == u"pull" && !options_.registryMirrors.isEmpty())
        return connectToMirror(0, std::move(done));
    connectDirectly(std::move(done));
}

void RegistryClient::connectToMirror(int index, std::function<void(Result<>)> done)
{
    if (index >= options_.registryMirrors.size()) {
        endpoint_ = QStringLiteral("registry-1.docker.io");
        return connectDirectly(std::move(done));
    }
    const QUrl mirror(options_.registryMirrors[index]);
    endpoint_ = mirror.authority();
    verifyTls_ = mirror.scheme() == u"https" && !isInsecure(endpoint_, options_.insecureRegistries);
    ping(mirror.scheme() == u"https", [this, index, mirror, done = std::move(done)](Result<> pinged) mutable {
        if (pinged)
            return done({});
        qCInfo(lcDistribution).noquote() << "mirror" << mirror.toString() << "unusable:" << pinged.error().message;
        connectToMirror(index + 1, std::move(done));
    });
}

void RegistryClient::connectDirectly(std::function<void(Result<>)> done)
{
    const bool insecure = isInsecure(host_, options_.insecureRegistries);
    verifyTls_ = !insecure;
    ping(true, [this, insecure, done = std::move(done)](Result<> pinged) {
        if (pinged || !insecure || pinged.error().code != Code::Unavailable)
            return done(pinged);
        qCDebug(lcDistribution).noquote() << host_ << "does not speak TLS; trying plain HTTP";
        scheme_ = QStringLiteral("http");
        ping(false, done);
    });
}

void RegistryClient::ping(bool tls, std::function<void(Result<>)> done)
{
    scheme_ = tls ? QStringLiteral("https") : QStringLiteral("http");
    QNetworkRequest request = this->request(QStringLiteral("/v2/"));
    request.setRawHeader("Authorization", QByteArray());
    if (!credentials_.isEmpty() && actions_.isEmpty())
        request.setRawHeader("Authorization", basicAuthorization(credentials_));
    QNetworkReply *reply = network_.get(request);
    QObject::connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 || isNetworkFailure(reply))
            return done(fail(errorOf(reply, {}))); // Unavailable: connect() may fall back to plain HTTP
        if (status == 401)
            return authorize(reply->rawHeader("WWW-Authenticate"), done);
        if (status >= 400)
            return done(fail(errorOf(reply, reply->readAll())));
        if (!credentials_.isEmpty())
            authorization_ = basicAuthorization(credentials_);
        done({});
    });
}

void RegistryClient::authorize(const QByteArray &header, std::function<void(Result<>)> done)
{
    const Challenge challenge = parseChallenge(header);
    if (challenge.scheme == "basic") {
        if (credentials_.isEmpty())
            return done({}); // anonymous: requests will say what is refused
        authorization_ = basicAuthorization(credentials_);
        if (!actions_.isEmpty())
            return done({});
        // Login: check the credentials now.
        QNetworkRequest request = this->request(QStringLiteral("/v2/"));
        return send("GET", request, {}, [done](Result<RegistryReply> reply) {
            if (!reply)
                return done(fail(reply.error()));
            done({});
        });
    }
    if (challenge.scheme != "bearer" || challenge.params.value("realm").isEmpty())
        return done(fail(Code::Unauthenticated,
            QStringLiteral("%1: unsupported authentication challenge \"%2\"").arg(host_, QString::fromUtf8(header))));
    QUrl realm(QString::fromUtf8(challenge.params.value("realm")));
    if (!realm.isValid() || (realm.scheme() != u"https" && realm.scheme() != u"http"))
        return done(fail(Code::Unauthenticated, QStringLiteral("%1: bad token realm").arg(host_)));
    QUrlQuery query(realm);
    if (challenge.params.contains("service"))
        query.addQueryItem(QStringLiteral("service"), QString::fromUtf8(challenge.params.value("service")));
    // No repository: a registry-wide action (search: registry:catalog:search, as dockerd asks).
    if (!actions_.isEmpty())
        query.addQueryItem(QStringLiteral("scope"),
            repository_.isEmpty() ? QStringLiteral("registry:catalog:%1").arg(actions_)
                                  : QStringLiteral("repository:%1:%2").arg(repository_, actions_));
    if (!credentials_.username.isEmpty())
        query.addQueryItem(QStringLiteral("account"), credentials_.username);
    realm.setQuery(query);
    QNetworkRequest request(realm);
    request.setTransferTimeout(options_.timeoutMs);
    if (!credentials_.isEmpty())
        request.setRawHeader("Authorization", basicAuthorization(credentials_));
    QNetworkReply *reply = network_.get(request);
    QObject::connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->read(1 << 20);
        if (status == 401 || status == 403)
            return done(fail(Code::Unauthenticated, QStringLiteral("unauthorized: incorrect username or password")));
        if (status != 200)
            return done(fail(errorOf(reply, body)));
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QString token = object.value(u"token").toString(object.value(u"access_token").toString());
        if (token.isEmpty())
            return done(fail(Code::Unauthenticated, QStringLiteral("%1: the token server sent no token").arg(host_)));
        authorization_ = "Bearer " + token.toUtf8();
        done({});
    });
}

QNetworkRequest RegistryClient::request(const QString &target) const
{
    QUrl url = target.startsWith(u'/') ? QUrl(scheme_ + QStringLiteral("://") + endpoint_ + target) : QUrl(target);
    if (url.isRelative())
        url = QUrl(scheme_ + QStringLiteral("://") + endpoint_).resolved(url);
    QNetworkRequest request(url);
    request.setTransferTimeout(options_.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("muelled"));
    if (!authorization_.isEmpty())
        request.setRawHeader("Authorization", authorization_);
    if (!verifyTls_) {
        QSslConfiguration tls = request.sslConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }
    return request;
}

void RegistryClient::send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
    std::function<void(Result<RegistryReply>)> done, qint64 limit)
{
    attempt(verb, request, body, std::move(done), limit, 0);
}

void RegistryClient::attempt(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
    std::function<void(Result<RegistryReply>)> done, qint64 limit, int attemptNumber)
{
    QNetworkReply *reply = dispatch(network_, verb, request, body, nullptr);
    QObject::connect(reply, &QNetworkReply::readyRead, this, [reply, limit] {
        if (reply->bytesAvailable() > limit) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, this,
        [this, reply, verb, request, body, limit, attemptNumber, done = std::move(done)]() mutable {
            reply->deleteLater();
            // Not retried: the same answer would come again.
            if (reply->property("tooLarge").toBool())
                return done(fail(Code::ResourceExhausted,
                    QStringLiteral("the registry's answer to %1 %2 is larger than %3 MiB: not read")
                        .arg(QString::fromLatin1(verb), reply->url().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo))
                        .arg(limit >> 20)));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->isOpen() ? reply->read(limit) : QByteArray();
            if (isTransient(reply) && attemptNumber < options_.retries) {
                const int delay = 250 << attemptNumber;
                qCInfo(lcDistribution).noquote()
                    << verb << reply->url().toString(QUrl::RemoveQuery) << "failed ("
                    << (status ? QString::number(status) : reply->errorString()) << "); retrying in" << delay << "ms";
                QTimer::singleShot(
                    delay, this, [this, verb, request, body, limit, attemptNumber, done = std::move(done)]() mutable {
                        attempt(verb, request, body, std::move(done), limit, attemptNumber + 1);
                    });
                return;
            }
            if (status == 0 || status >= 400 || isNetworkFailure(reply))
                return done(fail(errorOf(reply, answer)));
            RegistryReply result{ status, answer, reply->rawHeaderPairs(), reply->url() };
            done(std::move(result));
        });
}

QNetworkReply *RegistryClient::upload(const QByteArray &verb, const QNetworkRequest &request, QIODevice *device,
    std::function<void(Result<RegistryReply>)> done)
{
    QNetworkReply *reply = dispatch(network_, verb, request, {}, device);
    QObject::connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->isOpen() ? reply->read(1 << 20) : QByteArray();
        if (status == 0 || status >= 400 || isNetworkFailure(reply))
            return done(fail(errorOf(reply, answer)));
        done(RegistryReply{ status, answer, reply->rawHeaderPairs(), reply->url() });
    });
    return reply;
}

Error RegistryClient::errorOf(QNetworkReply *reply, const QByteArray &body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString url = reply->url().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    if (status == 0 || isNetworkFailure(reply)) {
        const bool timedOut
            = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError;
        return { Code::Unavailable,
            QStringLiteral("%1 \"%2\": %3")
                .arg(QString::fromLatin1(reply->operation() == QNetworkAccessManager::HeadOperation ? "Head" : "Get"),
                    url, timedOut ? QStringLiteral("the registry did not answer in time") : reply->errorString()) };
    }
    // The Distribution error body: {"errors": [{"code": ..., "message": ...}]}.
    QStringList messages;
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(u"errors").toArray();
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        const QString code = error.value(u"code").toString().toLower().replace(u'_', u' ');
        const QString message = error.value(u"message").toString();
        messages.append(message.isEmpty() || message == code ? code : code + QStringLiteral(": ") + message);
    }
    const QString detail = messages.isEmpty()
        ? QStringLiteral("received unexpected HTTP status: %1 %2")
              .arg(status)
              .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
        : messages.join(QStringLiteral("; "));
    Code code = Code::Internal;
    if (status == 401 || status == 403)
        code = status == 401 ? Code::Unauthenticated : Code::PermissionDenied;
    else if (status == 404)
        code = Code::NotFound;
    else if (status == 400)
        code = Code::InvalidArgument;
    else if (status == 429 || status >= 500)
        code = Code::Unavailable;
    return { code, detail };
}

} // namespace muelle::engine::distribution
