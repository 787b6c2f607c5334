#pragma once
// Content digests ("sha256:<64 hex>", "sha512:<128 hex>") and the streaming
// hasher that computes them through OpenSSL.

#include "base/error.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>

#include <memory>

namespace muelle::oci {

enum class Algorithm { Sha256, Sha512 };

class Digest {
public:
    Digest() = default;
    // Accepts "sha256:<64 lowercase hex>" and "sha512:<128 lowercase hex>".
    // Anything else is InvalidArgument with a message that says what is wrong
    // ("digest \"sha256:abc\": want 64 hex characters, got 3").
    static Result<Digest> parse(QStringView text);
    // The digest of bytes held in memory.
    static Digest of(QByteArrayView bytes, Algorithm algorithm = Algorithm::Sha256);

    Algorithm algorithm() const { return algorithm_; }
    QString algorithmName() const; // "sha256"
    const QString &hex() const { return hex_; }
    QString toString() const; // "sha256:<hex>"
    bool isValid() const { return !hex_.isEmpty(); }

    friend bool operator==(const Digest &, const Digest &) = default;

private:
    Digest(Algorithm algorithm, QString hex) : algorithm_(algorithm), hex_(std::move(hex)) { }
    Algorithm algorithm_ = Algorithm::Sha256;
    QString hex_;
    friend class Hasher;
};

inline size_t qHash(const Digest &digest, size_t seed = 0)
{
    return qHash(digest.hex(), seed);
}

// Hashes a stream chunk by chunk; never holds the data.
class Hasher {
public:
    explicit Hasher(Algorithm algorithm = Algorithm::Sha256);
    ~Hasher();
    Hasher(Hasher &&) noexcept;
    Hasher &operator=(Hasher &&) noexcept;

    void update(QByteArrayView chunk);
    qint64 bytes() const { return bytes_; }
    // The digest of everything given so far. The hasher can go on afterwards.
    Digest digest() const;

private:
    struct Context;
    std::unique_ptr<Context> context_;
    Algorithm algorithm_;
    qint64 bytes_ = 0;
};

} // namespace muelle::oci
