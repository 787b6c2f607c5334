// Range headers on blob GETs: the first 8 bytes are the blob's size (little
// endian, any sign), the rest is the header value.

#include "fuzzcheck.h"
#include "http/message.h"

#include <QByteArrayView>

#include <cstring>

using namespace muelle;

namespace {

void checkRange(QByteArrayView header, qint64 size)
{
    const auto range = http::parseRange(header, size);
    if (!range) {
        CHECK(range.error().code == Code::InvalidArgument || range.error().code == Code::OutOfRange);
        return;
    }
    if (!*range) {
        CHECK(header.trimmed().isEmpty());
        return;
    }
    const auto [first, last] = **range;
    CHECK(size > 0);
    CHECK(0 <= first && first <= last && last < size);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    uint8_t sizeBytes[8] = {};
    const size_t prefix = size < 8 ? size : 8;
    if (prefix > 0)
        std::memcpy(sizeBytes, data, prefix);
    quint64 raw = 0;
    for (int i = 7; i >= 0; --i)
        raw = (raw << 8) | sizeBytes[i];
    const QByteArrayView header(reinterpret_cast<const char *>(data) + prefix, qsizetype(size - prefix));
    checkRange(header, qint64(raw));
    // Raw sizes are mostly huge: also try the boundaries of a small blob.
    checkRange(header, qint64(sizeBytes[0]));
    checkRange(header, 0);
    checkRange(header, 1);
    return 0;
}
