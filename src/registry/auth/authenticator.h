#pragma once
// Decides, once per request and before any handler runs, whether the caller
// may do what the route needs. Three modes from the config: none (everyone
// may do everything), htpasswd (HTTP Basic), token (Bearer JWTs issued by our
// own token endpoint).

#include "http/message.h"
#include "registry/auth/access.h"

#include <functional>
#include <memory>

namespace muelle::registry::auth {

struct Decision {
    bool allowed = false;
    QString account; // "" for anonymous
    // When not allowed: Unauthenticated (send 401 with `challenge` as
    // WWW-Authenticate) or PermissionDenied (403 DENIED).
    Code code = Code::Unauthenticated;
    QByteArray challenge; // e.g. Bearer realm="...",service="...",scope="repository:a:pull"
    QString message;
};

class Authenticator {
public:
    // Fails when the htpasswd file or the token key cannot be read (a missing
    // token key file is generated, mode 0600).
    static Result<std::unique_ptr<Authenticator>> create(const AuthConfig &config);
    ~Authenticator();

    // `needed` is empty for the base endpoint /v2/ (any authenticated caller,
    // or anyone when anonymous pull is on). In token mode /v2/ without a token
    // always gets the Bearer challenge, anonymous pull or not: Docker learns
    // where to fetch tokens only from that first probe, and would otherwise
    // never authenticate a push. Anonymous pull there goes through anonymous
    // tokens (requests that need only what anonymous clients may do are also
    // let through without one).
    Decision authorize(const http::Request &request, const QList<Scope> &needed) const;

    // GET /token?service=..&scope=..&scope=..: checks the Basic credentials
    // (none: anonymous) and returns the JSON body
    // {"token","access_token","expires_in","issued_at"} granting the
    // intersection of the asked scopes and the rules. Wrong credentials:
    // Unauthenticated; malformed scope or another service: InvalidArgument.
    // Token mode only (NotFound otherwise). The `account` parameter is
    // ignored: the account is the one the credentials prove.
    Result<QByteArray> issueToken(const http::Request &request) const;
    // POST /token with the application/x-www-form-urlencoded body already
    // read: grant_type=password, username, password, scope (space-separated,
    // may repeat), service. Other grant types: InvalidArgument.
    Result<QByteArray> issueToken(const http::Request &request, const QByteArray &formBody) const;

    bool tokenMode() const;

    // For listings (search): whether the caller of `request` may pull each
    // repository by the access rules, its credentials (a password or a
    // token's subject) checked once. Bad credentials: anonymous.
    std::function<bool(const QString &repository)> pullFilter(const http::Request &request) const;

private:
    Authenticator();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::registry::auth
