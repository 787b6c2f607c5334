#include "registry/auth/authenticator.h"

#include "registry/auth/htpasswd.h"
#include "registry/auth/jwt.h"
#include "registry/auth/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <optional>

namespace muelle::registry::auth {

namespace {

enum class Mode { None, Htpasswd, Token };

struct Credentials {
    QString user;
    QByteArray password;
};

// What an Authorization header holds, once split into scheme and parameter.
struct Authorization {
    enum Kind { Absent, Basic, Bearer, Other } kind = Absent;
    std::optional<Credentials> credentials; // Basic, when well-formed
    QByteArray token; // Bearer
};

Authorization parseAuthorization(const http::Request &request)
{
    const QByteArray header = request.headers.value("Authorization").trimmed();
    if (header.isEmpty())
        return {};
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = header.left(space < 0 ? header.size() : space).toLower();
    const QByteArray parameter = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    Authorization result;
    if (scheme == "bearer") {
        result.kind = Authorization::Bearer;
        result.token = parameter;
    } else if (scheme == "basic") {
        result.kind = Authorization::Basic;
        auto decoded = QByteArray::fromBase64Encoding(parameter, QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon >= 0)
            result.credentials
                = Credentials{ QString::fromUtf8(decoded.decoded.left(colon)), decoded.decoded.mid(colon + 1) };
    } else {
        result.kind = Authorization::Other;
    }
    return result;
}

// A quoted-string for an auth-param: backslash before '"' and '\'.
QByteArray quoted(const QString &value)
{
    QByteArray out = "\"";
    for (char c : value.toUtf8()) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    return out + '"';
}

QString scopeList(const QList<Scope> &scopes)
{
    QStringList texts;
    for (const Scope &scope : scopes)
        texts.append(scope.toString());
    return texts.join(u' ');
}

// The actions of `wanted` missing from `granted`.
QStringList missingActions(const Scope &wanted, const Scope &granted)
{
    QStringList missing;
    for (const QString &action : wanted.actions) {
        if (!granted.actions.contains(action))
            missing.append(action);
    }
    return missing;
}

Decision allow(const QString &account)
{
    Decision decision;
    decision.allowed = true;
    decision.account = account;
    return decision;
}

Decision refuse(Code code, const QString &account, QByteArray challenge, const QString &message)
{
    Decision decision;
    decision.account = account;
    decision.code = code;
    decision.challenge = std::move(challenge);
    decision.message = message;
    return decision;
}

QString describe(const Scope &scope, const QStringList &actions)
{
    return QStringLiteral("%1 \"%2\" (%3)").arg(scope.type, scope.name, actions.join(u','));
}

// Query and form values arrive with "+" for a space when the client
// form-encodes them; "+" never occurs in a scope, so it can be read back as one.
QStringList scopeTexts(QStringList values)
{
    for (QString &value : values)
        value.replace(u'+', u' ');
    return values;
}

QString peerOf(const http::Request &request)
{
    return request.peer.isEmpty() ? QStringLiteral("?") : request.peer;
}

} // namespace

struct Authenticator::Private {
    AuthConfig config;
    Mode mode = Mode::None;
    std::optional<Htpasswd> htpasswd;
    std::shared_ptr<SigningKey> key;

    QByteArray basicChallenge() const { return "Basic realm=" + quoted(config.htpasswd->realm); }
    QByteArray bearerChallenge(const QList<Scope> &needed, const char *error = nullptr) const;

    // Empty: anonymous (no credentials, or an empty user and password as some
    // clients send). Unauthenticated when the credentials are wrong.
    Result<QString> account(const Authorization &authorization, const http::Request &request) const;
    Result<QString> checkPassword(const QString &user, const QByteArray &password, const http::Request &request) const;

    Decision authorizeBasic(const http::Request &request, const QList<Scope> &needed) const;
    Decision authorizeBearer(const http::Request &request, const QList<Scope> &needed) const;
    Result<QByteArray> issue(const QString &account, const QString &service, const QStringList &scopes) const;
};

QByteArray Authenticator::Private::bearerChallenge(const QList<Scope> &needed, const char *error) const
{
    QByteArray challenge = "Bearer realm=" + quoted(config.token->realm) + ",service=" + quoted(config.token->service);
    if (!needed.isEmpty())
        challenge += ",scope=" + quoted(scopeList(needed));
    if (error != nullptr)
        challenge += ",error=" + quoted(QString::fromLatin1(error));
    return challenge;
}

Result<QString> Authenticator::Private::checkPassword(
    const QString &user, const QByteArray &password, const http::Request &request) const
{
    if (!htpasswd->verify(user, password)) {
        qCInfo(lcAuth) << "rejected credentials of user" << user << "from" << peerOf(request);
        return fail(Code::Unauthenticated, QStringLiteral("invalid username or password"));
    }
    return user;
}

Result<QString> Authenticator::Private::account(const Authorization &authorization, const http::Request &request) const
{
    switch (authorization.kind) {
    case Authorization::Absent:
        return QString();
    case Authorization::Basic:
        if (!authorization.credentials)
            return fail(Code::Unauthenticated, QStringLiteral("malformed Basic credentials"));
        if (authorization.credentials->user.isEmpty() && authorization.credentials->password.isEmpty())
            return QString();
        return checkPassword(authorization.credentials->user, authorization.credentials->password, request);
    case Authorization::Bearer:
    case Authorization::Other:
        break;
    }
    return fail(Code::Unauthenticated, QStringLiteral("want HTTP Basic credentials"));
}

Decision Authenticator::Private::authorizeBasic(const http::Request &request, const QList<Scope> &needed) const
{
    const Result<QString> who = account(parseAuthorization(request), request);
    if (!who)
        return refuse(Code::Unauthenticated, QString(), basicChallenge(), who.error().message);
    if (needed.isEmpty()) {
        if (!who->isEmpty() || config.anonymousPull)
            return allow(*who);
        return refuse(Code::Unauthenticated, QString(), basicChallenge(), QStringLiteral("authentication required"));
    }
    for (const Scope &wanted : needed) {
        const QStringList missing = missingActions(wanted, grant(config, *who, wanted));
        if (missing.isEmpty())
            continue;
        // Anonymous clients may still sign in; a signed-in account may not do more.
        if (who->isEmpty())
            return refuse(
                Code::Unauthenticated, QString(), basicChallenge(), QStringLiteral("authentication required"));
        qCInfo(lcAuth) << "denied" << *who << describe(wanted, missing);
        return refuse(Code::PermissionDenied, *who, {},
            QStringLiteral("requested access to %1 is denied").arg(describe(wanted, missing)));
    }
    return allow(*who);
}

Decision Authenticator::Private::authorizeBearer(const http::Request &request, const QList<Scope> &needed) const
{
    const Authorization authorization = parseAuthorization(request);
    if (authorization.kind != Authorization::Bearer) {
        // Without a token, what anonymous clients may do needs none.
        const bool anonymousSuffices = !needed.isEmpty()
            && std::all_of(needed.begin(), needed.end(),
                [&](const Scope &s) { return missingActions(s, grant(config, QString(), s)).isEmpty(); });
        if (authorization.kind == Authorization::Absent && anonymousSuffices)
            return allow(QString());
        return refuse(
            Code::Unauthenticated, QString(), bearerChallenge(needed), QStringLiteral("authentication required"));
    }
    const Result<Claims> claims = key->verify(authorization.token, config.token->issuer, config.token->service);
    if (!claims) {
        qCInfo(lcAuth) << "rejected bearer token from" << peerOf(request) << ":" << claims.error().message;
        return refuse(
            Code::Unauthenticated, QString(), bearerChallenge(needed, "invalid_token"), claims.error().message);
    }
    for (const Scope &wanted : needed) {
        Scope granted = grant(config, QString(), wanted); // what needs no token at all
        for (const Scope &entry : claims->access) {
            if (entry.type != wanted.type || entry.name != wanted.name)
                continue;
            for (const QString &action : wanted.actions) {
                if (entry.actions.contains(action) || entry.actions.contains(QStringLiteral("*")))
                    granted.actions.append(action);
            }
        }
        const QStringList missing = missingActions(wanted, granted);
        if (!missing.isEmpty()) {
            return refuse(Code::Unauthenticated, claims->subject, bearerChallenge(needed, "insufficient_scope"),
                QStringLiteral("token does not grant %1").arg(describe(wanted, missing)));
        }
    }
    return allow(claims->subject);
}

Result<QByteArray> Authenticator::Private::issue(
    const QString &account, const QString &service, const QStringList &scopes) const
{
    if (!service.isEmpty() && service != config.token->service)
        return fail(Code::InvalidArgument, QStringLiteral("token: unknown service \"%1\"").arg(service));
    const Result<QList<Scope>> wanted = Scope::parseList(scopes);
    if (!wanted)
        return fail(wanted.error().context(QStringLiteral("token")));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    Claims claims;
    claims.issuer = config.token->issuer;
    claims.subject = account;
    claims.audience = config.token->service;
    claims.issuedAt = now;
    claims.notBefore = now;
    claims.expires = now.addSecs(config.token->expirationSeconds);
    claims.id = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex());
    for (const Scope &scope : *wanted) {
        Scope granted = grant(config, account, scope);
        if (!granted.actions.isEmpty())
            claims.access.append(granted);
    }
    const QByteArray token = key->sign(claims);
    if (token.isEmpty())
        return fail(Code::Internal, QStringLiteral("token: signing failed"));
    qCInfo(lcAuth) << "issued token to" << (account.isEmpty() ? QStringLiteral("anonymous") : account) << "for"
                   << scopeList(claims.access);

    const QJsonObject body{
        { QStringLiteral("token"), QString::fromLatin1(token) },
        { QStringLiteral("access_token"), QString::fromLatin1(token) },
        { QStringLiteral("expires_in"), config.token->expirationSeconds },
        { QStringLiteral("issued_at"), now.toString(Qt::ISODate) },
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Authenticator::Authenticator() : d(std::make_unique<Private>()) { }
Authenticator::~Authenticator() = default;

Result<std::unique_ptr<Authenticator>> Authenticator::create(const AuthConfig &config)
{
    const auto invalid = [](const QString &why) { return fail(Code::InvalidArgument, QStringLiteral("auth: ") + why); };
    if (config.token) {
        if (config.token->realm.isEmpty())
            return invalid(QStringLiteral("token.realm is required"));
        if (config.token->keyPath.isEmpty())
            return invalid(QStringLiteral("token.key is required"));
        if (config.token->expirationSeconds <= 0)
            return invalid(QStringLiteral("token.expiration must be positive"));
        if (!config.htpasswd || config.htpasswd->path.isEmpty())
            return invalid(QStringLiteral("token needs htpasswd.path to check credentials"));
    }
    std::unique_ptr<Authenticator> self(new Authenticator);
    Private &d = *self->d;
    d.config = config;
    if (config.htpasswd) {
        if (config.htpasswd->path.isEmpty())
            return invalid(QStringLiteral("htpasswd.path is required"));
        Result<Htpasswd> htpasswd = Htpasswd::load(config.htpasswd->path);
        if (!htpasswd)
            return fail(htpasswd.error().context(QStringLiteral("auth")));
        d.htpasswd = std::move(*htpasswd);
        d.mode = Mode::Htpasswd;
    }
    if (config.token) {
        Result<std::shared_ptr<SigningKey>> key = SigningKey::loadOrCreate(config.token->keyPath);
        if (!key)
            return fail(key.error().context(QStringLiteral("auth")));
        d.key = *key;
        d.mode = Mode::Token;
    }
    qCInfo(lcAuth) << "auth mode:"
                   << (d.mode == Mode::Token             ? "token"
                              : d.mode == Mode::Htpasswd ? "htpasswd"
                                                         : "none")
                   << "anonymous pull:" << config.anonymousPull << "rules:" << config.access.size();
    return self;
}

Decision Authenticator::authorize(const http::Request &request, const QList<Scope> &needed) const
{
    switch (d->mode) {
    case Mode::None:
        return allow(QString());
    case Mode::Htpasswd:
        return d->authorizeBasic(request, needed);
    case Mode::Token:
        return d->authorizeBearer(request, needed);
    }
    return refuse(Code::Internal, QString(), {}, QStringLiteral("unknown auth mode"));
}

std::function<bool(const QString &repository)> Authenticator::pullFilter(const http::Request &request) const
{
    if (d->mode == Mode::None)
        return [](const QString &) { return true; };
    QString who;
    const Authorization authorization = parseAuthorization(request);
    if (authorization.kind == Authorization::Bearer && d->mode == Mode::Token) {
        if (const Result<Claims> claims
            = d->key->verify(authorization.token, d->config.token->issuer, d->config.token->service))
            who = claims->subject;
    } else if (authorization.kind == Authorization::Basic) {
        who = d->account(authorization, request).value_or(QString());
    }
    return [&config = d->config, who](const QString &repository) {
        const Scope pull{ QStringLiteral("repository"), repository, { QStringLiteral("pull") } };
        return missingActions(pull, grant(config, who, pull)).isEmpty();
    };
}

Result<QByteArray> Authenticator::issueToken(const http::Request &request) const
{
    if (d->mode != Mode::Token)
        return fail(Code::NotFound, QStringLiteral("token: token auth is not configured"));
    const Result<QString> who = d->account(parseAuthorization(request), request);
    if (!who)
        return fail(who.error());
    return d->issue(*who, request.query.queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded),
        scopeTexts(request.query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded)));
}

Result<QByteArray> Authenticator::issueToken(const http::Request &request, const QByteArray &formBody) const
{
    if (d->mode != Mode::Token)
        return fail(Code::NotFound, QStringLiteral("token: token auth is not configured"));
    // Form encoding writes a space as "+"; turn it into %20 before QUrlQuery,
    // which leaves "+" alone (a literal "+" arrives as %2B).
    QByteArray encoded = formBody;
    encoded.replace('+', "%20");
    const QUrlQuery form(QString::fromUtf8(encoded));
    const auto field
        = [&](const char *name) { return form.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded); };
    const QString grantType = field("grant_type");
    if (grantType != QLatin1StringView("password"))
        return fail(Code::InvalidArgument, QStringLiteral("token: unsupported grant_type \"%1\"").arg(grantType));
    const QString user = field("username");
    if (user.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("token: username is required"));
    const Result<QString> who = d->checkPassword(user, field("password").toUtf8(), request);
    if (!who)
        return fail(who.error());
    return d->issue(*who, field("service"), form.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded));
}

bool Authenticator::tokenMode() const
{
    return d->mode == Mode::Token;
}

} // namespace muelle::registry::auth
