#include "oci/digest.h"

#include <QtGlobal>

#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

struct AlgorithmInfo {
    Algorithm algorithm;
    QLatin1StringView name;
    qsizetype hexLength;
};

constexpr AlgorithmInfo algorithms[] = {
    { Algorithm::Sha256, "sha256"_L1, 64 },
    { Algorithm::Sha512, "sha512"_L1, 128 },
};

const AlgorithmInfo &infoFor(Algorithm algorithm)
{
    return algorithm == Algorithm::Sha256 ? algorithms[0] : algorithms[1];
}

const AlgorithmInfo *infoNamed(QStringView name)
{
    for (const AlgorithmInfo &info : algorithms) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

const EVP_MD *evpFor(Algorithm algorithm)
{
    return algorithm == Algorithm::Sha256 ? EVP_sha256() : EVP_sha512();
}

bool isLowerHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

// Why `hex` is not the hex of a digest of `info`'s algorithm, or empty.
QString hexProblem(QStringView hex, const AlgorithmInfo &info)
{
    if (hex.size() != info.hexLength)
        return u"want %1 hex characters, got %2"_s.arg(info.hexLength).arg(hex.size());
    for (qsizetype i = 0; i < hex.size(); ++i) {
        const QChar c = hex[i];
        if (isLowerHex(c))
            continue;
        if (c >= u'A' && c <= u'F')
            return u"hex must be lowercase, got '%1' at offset %2"_s.arg(c).arg(i);
        return u"'%1' at offset %2 is not a hex digit"_s.arg(c).arg(i);
    }
    return {};
}

// OpenSSL only fails these calls when it cannot allocate; there is no way
// on from there, and Digest::of has no error to return.
void check(int ok, const char *what)
{
    if (ok != 1)
        qFatal("OpenSSL %s failed", what);
}

} // namespace

Result<Digest> Digest::parse(QStringView text)
{
    const auto invalid
        = [text](const QString &why) { return fail(Code::InvalidArgument, u"digest \"%1\": %2"_s.arg(text, why)); };
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return invalid(u"want \"<algorithm>:<hex>\""_s);
    const QStringView name = text.left(colon);
    const AlgorithmInfo *info = infoNamed(name);
    if (!info)
        return invalid(u"unsupported algorithm \"%1\" (want sha256 or sha512)"_s.arg(name));
    const QStringView hex = text.mid(colon + 1);
    if (const QString problem = hexProblem(hex, *info); !problem.isEmpty())
        return invalid(problem);
    return Digest(info->algorithm, hex.toString());
}

Digest Digest::of(QByteArrayView bytes, Algorithm algorithm)
{
    Hasher hasher(algorithm);
    hasher.update(bytes);
    return hasher.digest();
}

QString Digest::algorithmName() const
{
    return infoFor(algorithm_).name;
}

QString Digest::toString() const
{
    return algorithmName() + u':' + hex_;
}

struct Hasher::Context {
    struct Free {
        void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> evp{ EVP_MD_CTX_new() };
};

Hasher::Hasher(Algorithm algorithm) : context_(std::make_unique<Context>()), algorithm_(algorithm)
{
    if (!context_->evp)
        qFatal("OpenSSL EVP_MD_CTX_new failed");
    check(EVP_DigestInit_ex(context_->evp.get(), evpFor(algorithm), nullptr), "EVP_DigestInit_ex");
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher &&) noexcept = default;
Hasher &Hasher::operator=(Hasher &&) noexcept = default;

void Hasher::update(QByteArrayView chunk)
{
    if (chunk.isEmpty())
        return;
    check(EVP_DigestUpdate(context_->evp.get(), chunk.data(), size_t(chunk.size())), "EVP_DigestUpdate");
    bytes_ += chunk.size();
}

Digest Hasher::digest() const
{
    // Finalising consumes an EVP context, so finish a copy and keep ours open.
    Context copy;
    if (!copy.evp)
        qFatal("OpenSSL EVP_MD_CTX_new failed");
    check(EVP_MD_CTX_copy_ex(copy.evp.get(), context_->evp.get()), "EVP_MD_CTX_copy_ex");
    unsigned char value[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    check(EVP_DigestFinal_ex(copy.evp.get(), value, &length), "EVP_DigestFinal_ex");
    const QByteArray hex = QByteArray(reinterpret_cast<const char *>(value), int(length)).toHex();
    return Digest(algorithm_, QString::fromLatin1(hex));
}

} // namespace muelle::oci
