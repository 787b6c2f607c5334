#pragma once
// What the engine's unit tests share: QTest printing of error codes and
// digests, and the message of a failed Result for QVERIFY2.

#include "base/error.h"
#include "oci/digest.h"

#include <QTest>

namespace muelle {
inline char *toString(Code code)
{
    return QTest::toString(codeName(code));
}
} // namespace muelle

namespace muelle::oci {
inline char *toString(const Digest &digest)
{
    return QTest::toString(digest.toString());
}
} // namespace muelle::oci

namespace muelle::engine::testing {

template <typename T> QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

} // namespace muelle::engine::testing
