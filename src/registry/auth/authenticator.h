#pragma once
// Decides, once per request and before any handler runs, whether the caller
// may do what the route needs. Three modes from the config: none (everyone
// may do everything), htpasswd (HTTP Basic), token (Bearer JWTs issued by our
// own token endpoint).

#include "http/message.h"
#include "registry/auth/access.h"

#include <memory>

namespace muelle::registry::auth {

struct Decision {
    bool allowed = false;
    QString account;       // "" for anonymous
    // When not allowed: Unauthenticated (send 401 with `challenge` as
    // WWW-Authenticate) or PermissionDenied (403 DENIED).
    Code code = Code::Unauthenticated;
    QByteArray challenge;  // e.g. Bearer realm="...",service="...",scope="repository:a:pull"
    QString message;
};

class Authenticator {
public:
    // Fails when the htpasswd file or the token key cannot be read (a missing
    // token key file is generated, mode 0600).
    static Result<std::unique_ptr<Authenticator>> create(const AuthConfig &config);
    ~Authenticator();

    // `needed` is empty for the base endpoint /v2/ (any authenticated caller,
    // or anyone when anonymous pull is on).
    Decision authorize(const http::Request &request, const QList<Scope> &needed) const;

    // GET/POST /token: checks the Basic credentials (none: anonymous) and
    // returns the JSON body {"token","access_token","expires_in","issued_at"}
    // granting the intersection of the asked scopes and the rules. Wrong
    // credentials: Unauthenticated. Token mode only (NotFound otherwise).
    Result<QByteArray> issueToken(const http::Request &request) const;

    bool tokenMode() const;

private:
    Authenticator();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::registry::auth
