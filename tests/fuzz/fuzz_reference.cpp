// Image references, repository names, tags and digests: what a client sends
// in a URL or a `docker pull` argument.

#include "fuzzcheck.h"
#include "oci/digest.h"
#include "oci/reference.h"

#include <QString>

using namespace muelle;
using namespace muelle::oci;

namespace {

bool sameReference(const Reference &a, const Reference &b)
{
    return a.domain == b.domain && a.path == b.path && a.tag == b.tag && a.digest == b.digest;
}

// "a.b/c" on Docker Hub prints familiar as "a.b/c", which names registry
// a.b: Docker's grammar has the same ambiguity, so only other paths must
// come back unchanged from their familiar form.
bool familiarIsUnambiguous(const Reference &reference)
{
    const QStringView first = QStringView(reference.path).first(reference.path.indexOf(u'/'));
    return !first.contains(u'.') && !first.contains(u':') && first != u"localhost";
}

void checkReference(const QString &text)
{
    const Result<Reference> reference = Reference::parse(text);
    if (!reference) {
        CHECK(reference.error().code == Code::InvalidArgument);
        CHECK(!reference.error().message.isEmpty());
        return;
    }
    CHECK(!reference->domain.isEmpty());
    CHECK(reference->path.contains(u'/') || reference->domain != u"docker.io");
    CHECK(reference->tag || reference->digest);
    CHECK(reference->repository().size() <= 255);
    CHECK(validateRepositoryName(reference->path));
    if (reference->tag)
        CHECK(validateTag(*reference->tag));
    if (reference->digest) {
        CHECK(reference->digest->isValid());
        const Result<Digest> digest = Digest::parse(reference->digest->toString());
        CHECK(digest && *digest == *reference->digest);
    }

    const Result<Reference> again = Reference::parse(reference->toString());
    CHECK(again && sameReference(*again, *reference));
    const Result<Reference> familiar = Reference::parse(reference->familiar());
    CHECK(familiar);
    if (reference->domain == u"docker.io" && familiarIsUnambiguous(*reference))
        CHECK(sameReference(*familiar, *reference));
    else if (reference->domain != u"docker.io")
        CHECK(sameReference(*familiar, *reference));
}

void checkRepositoryName(const QString &text)
{
    if (!validateRepositoryName(text))
        return;
    CHECK(!text.isEmpty() && text.size() <= 255);
    const QString prefixed = QStringLiteral("localhost/") + text;
    if (prefixed.size() > 255)
        return;
    const Result<Reference> reference = Reference::parse(prefixed);
    CHECK(reference && reference->domain == u"localhost" && reference->path == text);
}

void checkTag(const QString &text)
{
    if (!validateTag(text))
        return;
    CHECK(!text.isEmpty() && text.size() <= 128);
    const Result<Reference> reference = Reference::parse(QStringLiteral("localhost/x:") + text);
    CHECK(reference && reference->tag == text && !reference->digest);
}

void checkDigest(const QString &text)
{
    const Result<Digest> digest = Digest::parse(text);
    if (!digest) {
        CHECK(digest.error().code == Code::InvalidArgument);
        return;
    }
    CHECK(digest->isValid());
    CHECK(digest->toString() == text);
    CHECK(digest->hex().size() == (digest->algorithm() == Algorithm::Sha256 ? 64 : 128));
    const Result<Reference> reference = Reference::parse(QStringLiteral("localhost/x@") + text);
    CHECK(reference && reference->digest == *digest && !reference->tag);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkReference(text);
    checkRepositoryName(text);
    checkTag(text);
    checkDigest(text);
    return 0;
}
