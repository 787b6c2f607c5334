#include "registry/auth/jwt.h"

#include "registry/auth/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::registry::auth {

namespace {

// P-256 coordinates and scalars are 32 bytes; JOSE signatures are R || S.
constexpr int kCoordinateSize = 32;
constexpr qsizetype kJoseSignatureSize = qsizetype(2) * kCoordinateSize;
constexpr qint64 kLeewaySeconds = 60;
constexpr qsizetype kMaxTokenSize = qsizetype(64) * 1024;

struct PkeyFree {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct BioFree {
    void operator()(BIO *p) const { BIO_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
};
struct EcdsaSigFree {
    void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); }
};
struct BnFree {
    void operator()(BIGNUM *p) const { BN_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;
using Bignum = std::unique_ptr<BIGNUM, BnFree>;

// The most recent OpenSSL error as text, emptying the thread's error queue.
QString opensslError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

QByteArray base64Url(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    if (text.contains('='))
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

// RFC 4648 base32 without padding, as libtrust writes key ids.
QByteArray base32(QByteArrayView data)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (char c : data) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            out.append(kAlphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.append(kAlphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

// libtrust's key id: SHA-256 of the DER SubjectPublicKeyInfo, its first 240
// bits in base32, in groups of four joined by ':'.
QString libtrustKeyId(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int derLength = i2d_PUBKEY(key, &der);
    if (derLength <= 0)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    const bool hashed = EVP_Digest(der, size_t(derLength), digest, &digestLength, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(der);
    if (!hashed)
        return {};
    const QByteArray encoded = base32(QByteArrayView(reinterpret_cast<const char *>(digest), 30));
    QStringList groups;
    for (qsizetype i = 0; i < encoded.size(); i += 4)
        groups.append(QString::fromLatin1(encoded.mid(i, 4)));
    return groups.join(u':');
}

// DER ECDSA-Sig-Value -> 64-byte R || S.
QByteArray derToJose(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray jose(kJoseSignatureSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(jose.data());
    if (BN_bn2binpad(r, out, kCoordinateSize) != kCoordinateSize
        || BN_bn2binpad(s, out + kCoordinateSize, kCoordinateSize) != kCoordinateSize)
        return {};
    return jose;
}

// 64-byte R || S -> DER ECDSA-Sig-Value.
QByteArray joseToDer(QByteArrayView jose)
{
    if (jose.size() != kJoseSignatureSize)
        return {};
    const auto *in = reinterpret_cast<const unsigned char *>(jose.data());
    Bignum r(BN_bin2bn(in, kCoordinateSize, nullptr));
    Bignum s(BN_bin2bn(in + kCoordinateSize, kCoordinateSize, nullptr));
    EcdsaSig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return {};
    (void)r.release(); // owned by sig now
    (void)s.release();
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

// Never prompt on a terminal for the passphrase of an encrypted key.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

Result<Pkey> parsePrivateKey(const QByteArray &pem, const QString &path)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    if (!key)
        return fail(Code::InvalidArgument, QStringLiteral("read key \"%1\": %2").arg(path, opensslError()));
    char group[64] = {};
    size_t groupLength = 0;
    if (!EVP_PKEY_is_a(key.get(), "EC") || EVP_PKEY_get_group_name(key.get(), group, sizeof group, &groupLength) != 1
        || OBJ_sn2nid(group) != NID_X9_62_prime256v1) {
        ERR_clear_error();
        return fail(Code::InvalidArgument, QStringLiteral("read key \"%1\": not an EC P-256 private key").arg(path));
    }
    return key;
}

// Writes a new P-256 key to `path`, mode 0600. The PEM goes to a temporary
// file first and is linked into place, so a reader never sees half a key and
// two processes creating it at once end up sharing one.
Result<> createKeyFile(const QString &path)
{
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key || !bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return fail(Code::Internal, QStringLiteral("generate key \"%1\": %2").arg(path, opensslError()));
    char *pemData = nullptr;
    const long pemLength = BIO_get_mem_data(bio.get(), &pemData);

    const QByteArray target = QFile::encodeName(path);
    QByteArray temporary = target + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data()); // mode 0600
    if (fd < 0)
        return fail(systemError(QStringLiteral("create"), path, errno));
    const auto cleanup = [&] { ::unlink(temporary.constData()); };
    long written = 0;
    while (written < pemLength) {
        const ssize_t n = ::write(fd, pemData + written, size_t(pemLength - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            cleanup();
            return fail(systemError(QStringLiteral("write"), QFile::decodeName(temporary), error));
        }
        written += n;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        cleanup();
        return fail(systemError(QStringLiteral("write"), QFile::decodeName(temporary), error));
    }
    const int linked = ::link(temporary.constData(), target.constData());
    const int error = errno;
    cleanup();
    if (linked != 0 && error != EEXIST)
        return fail(systemError(QStringLiteral("create"), path, error));
    if (linked == 0)
        qCInfo(lcAuth) << "generated token signing key" << path;
    return {};
}

qint64 seconds(const QDateTime &time)
{
    return time.toSecsSinceEpoch();
}

std::optional<qint64> numericDate(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return qint64(std::floor(value.toDouble()));
}

QJsonArray accessToJson(const QList<Scope> &access)
{
    QJsonArray array;
    for (const Scope &scope : access) {
        array.append(QJsonObject{
            { QStringLiteral("type"), scope.type },
            { QStringLiteral("name"), scope.name },
            { QStringLiteral("actions"), QJsonArray::fromStringList(scope.actions) },
        });
    }
    return array;
}

std::optional<QList<Scope>> accessFromJson(const QJsonValue &value)
{
    QList<Scope> access;
    if (value.isUndefined() || value.isNull())
        return access;
    if (!value.isArray())
        return std::nullopt;
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject object = entry.toObject();
        const QJsonValue type = object.value(QLatin1StringView("type"));
        const QJsonValue name = object.value(QLatin1StringView("name"));
        const QJsonValue actions = object.value(QLatin1StringView("actions"));
        if (!type.isString() || !name.isString() || !(actions.isArray() || actions.isNull() || actions.isUndefined()))
            return std::nullopt;
        Scope scope{ type.toString(), name.toString(), {} };
        for (const QJsonValue &action : actions.toArray()) {
            if (!action.isString())
                return std::nullopt;
            scope.actions.append(action.toString());
        }
        access.append(scope);
    }
    return access;
}

bool audienceMatches(const QJsonValue &aud, const QString &audience)
{
    if (aud.isString())
        return aud.toString() == audience;
    if (!aud.isArray())
        return false;
    const QJsonArray list = aud.toArray();
    return std::any_of(list.begin(), list.end(), [&](const QJsonValue &v) { return v.toString() == audience; });
}

std::optional<QJsonObject> jsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

struct SigningKey::Private {
    Pkey key;
    QString keyId;
};

SigningKey::SigningKey() : d(std::make_unique<Private>()) { }
SigningKey::~SigningKey() = default;

Result<std::shared_ptr<SigningKey>> SigningKey::loadOrCreate(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        if (Result<> created = createKeyFile(path); !created)
            return fail(created.error());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(file.exists() ? Code::PermissionDenied : Code::NotFound,
            QStringLiteral("open \"%1\": %2").arg(path, file.errorString()));
    }
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        qCWarning(lcAuth) << "token signing key" << path << "is readable by other users than its owner";
    Result<Pkey> key = parsePrivateKey(file.readAll(), path);
    if (!key)
        return fail(key.error());

    std::shared_ptr<SigningKey> result(new SigningKey);
    result->d->keyId = libtrustKeyId(key->get());
    result->d->key = std::move(*key);
    if (result->d->keyId.isEmpty())
        return fail(Code::Internal, QStringLiteral("key \"%1\": derive key id: %2").arg(path, opensslError()));
    return result;
}

QString SigningKey::keyId() const
{
    return d->keyId;
}

QByteArray SigningKey::sign(const Claims &claims) const
{
    const QJsonObject header{
        { QStringLiteral("typ"), QStringLiteral("JWT") },
        { QStringLiteral("alg"), QStringLiteral("ES256") },
        { QStringLiteral("kid"), d->keyId },
    };
    QJsonObject payload{
        { QStringLiteral("iss"), claims.issuer },
        { QStringLiteral("sub"), claims.subject },
        { QStringLiteral("aud"), claims.audience },
        { QStringLiteral("exp"), seconds(claims.expires) },
        { QStringLiteral("jti"), claims.id },
        { QStringLiteral("access"), accessToJson(claims.access) },
    };
    if (claims.notBefore.isValid())
        payload.insert(QStringLiteral("nbf"), seconds(claims.notBefore));
    if (claims.issuedAt.isValid())
        payload.insert(QStringLiteral("iat"), seconds(claims.issuedAt));

    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));

    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, d->key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length,
               reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size()))
            != 1) {
        qCCritical(lcAuth) << "sign token:" << opensslError();
        return {};
    }
    QByteArray der(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &length,
            reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size()))
        != 1) {
        qCCritical(lcAuth) << "sign token:" << opensslError();
        return {};
    }
    der.truncate(qsizetype(length));
    const QByteArray jose = derToJose(der);
    if (jose.isEmpty()) {
        qCCritical(lcAuth) << "sign token: cannot convert the signature to JOSE form";
        return {};
    }
    return signingInput + '.' + base64Url(jose);
}

Result<Claims> SigningKey::verify(QByteArrayView token, const QString &issuer, const QString &audience) const
{
    const auto reject = [](const QString &why) { return fail(Code::Unauthenticated, QStringLiteral("token: ") + why); };
    if (token.size() > kMaxTokenSize)
        return reject(QStringLiteral("too long"));
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype lastDot = token.lastIndexOf('.');
    if (firstDot < 0 || firstDot == lastDot || token.sliced(firstDot + 1, lastDot - firstDot - 1).contains('.'))
        return reject(QStringLiteral("want three dot-separated parts"));
    const auto headerJson = fromBase64Url(token.first(firstDot));
    const auto payloadJson = fromBase64Url(token.sliced(firstDot + 1, lastDot - firstDot - 1));
    const auto signature = fromBase64Url(token.sliced(lastDot + 1));
    if (!headerJson || !payloadJson || !signature)
        return reject(QStringLiteral("bad base64url"));

    const auto header = jsonObject(*headerJson);
    if (!header)
        return reject(QStringLiteral("bad header"));
    // Only what we sign ourselves: no "none", no HMAC with the public key as secret.
    if (header->value(QLatin1StringView("alg")).toString() != QLatin1StringView("ES256"))
        return reject(
            QStringLiteral("algorithm \"%1\" not accepted").arg(header->value(QLatin1StringView("alg")).toString()));
    if (header->contains(QLatin1StringView("crit")))
        return reject(QStringLiteral("critical header parameters not supported"));
    const QJsonValue kid = header->value(QLatin1StringView("kid"));
    if (!kid.isUndefined() && kid.toString() != d->keyId)
        return reject(QStringLiteral("unknown key id"));

    const QByteArray der = joseToDer(*signature);
    if (der.isEmpty())
        return reject(QStringLiteral("bad signature"));
    const QByteArrayView signingInput = token.first(lastDot);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, d->key.get()) != 1
        || EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(der.constData()), size_t(der.size()),
               reinterpret_cast<const unsigned char *>(signingInput.data()), size_t(signingInput.size()))
            != 1) {
        ERR_clear_error();
        return reject(QStringLiteral("signature does not verify"));
    }

    const auto payload = jsonObject(*payloadJson);
    if (!payload)
        return reject(QStringLiteral("bad claims"));
    if (payload->value(QLatin1StringView("iss")).toString() != issuer)
        return reject(QStringLiteral("wrong issuer"));
    if (!audienceMatches(payload->value(QLatin1StringView("aud")), audience))
        return reject(QStringLiteral("wrong audience"));
    const auto exp = numericDate(*payload, QLatin1StringView("exp"));
    if (!exp)
        return reject(QStringLiteral("no expiry"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now > *exp + kLeewaySeconds)
        return reject(QStringLiteral("expired"));
    const auto nbf = numericDate(*payload, QLatin1StringView("nbf"));
    if (payload->contains(QLatin1StringView("nbf")) && !nbf)
        return reject(QStringLiteral("bad nbf"));
    if (nbf && now + kLeewaySeconds < *nbf)
        return reject(QStringLiteral("not valid yet"));
    const auto access = accessFromJson(payload->value(QLatin1StringView("access")));
    if (!access)
        return reject(QStringLiteral("bad access claim"));

    Claims claims;
    claims.issuer = issuer;
    claims.subject = payload->value(QLatin1StringView("sub")).toString();
    claims.audience = audience;
    claims.expires = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    if (nbf)
        claims.notBefore = QDateTime::fromSecsSinceEpoch(*nbf, Qt::UTC);
    if (const auto iat = numericDate(*payload, QLatin1StringView("iat")))
        claims.issuedAt = QDateTime::fromSecsSinceEpoch(*iat, Qt::UTC);
    claims.id = payload->value(QLatin1StringView("jti")).toString();
    claims.access = *access;
    return claims;
}

} // namespace muelle::registry::auth
