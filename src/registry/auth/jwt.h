#pragma once
// JSON Web Tokens signed with ES256 (ECDSA P-256 + SHA-256) through OpenSSL,
// in the shape Docker's token spec uses: header {"typ":"JWT","alg":"ES256","kid":...},
// claims {iss, sub, aud, exp, nbf, iat, jti, access: [{type, name, actions}]}.

#include "base/error.h"
#include "registry/auth/access.h"

#include <QDateTime>
#include <QList>

#include <memory>

namespace muelle::registry::auth {

struct Claims {
    QString issuer;
    QString subject; // account, "" for anonymous
    QString audience; // the service
    QDateTime notBefore;
    QDateTime expires;
    QDateTime issuedAt;
    QString id;
    QList<Scope> access;
};

class SigningKey {
public:
    // Reads a PEM EC P-256 private key; when the file does not exist, generates
    // one and writes it (mode 0600). Other key kinds are InvalidArgument.
    static Result<std::shared_ptr<SigningKey>> loadOrCreate(const QString &path);
    ~SigningKey();

    // The key id Docker's libtrust derives from the public key (not required by
    // clients, but some log it).
    QString keyId() const;
    QByteArray sign(const Claims &claims) const;
    // Checks the signature, the algorithm (ES256 only), issuer, audience and
    // the time window (60 s leeway). Unauthenticated with the reason otherwise.
    Result<Claims> verify(QByteArrayView token, const QString &issuer, const QString &audience) const;

private:
    SigningKey();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace muelle::registry::auth
