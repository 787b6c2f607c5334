#include "http/message.h"

#include <http_parser.h>

#include <cstring>

namespace muelle::http {

Response Response::text(int status, QByteArray body, QByteArray contentType)
{
    Response response;
    response.status = status;
    response.headers.add(QByteArrayLiteral("Content-Type"), std::move(contentType));
    response.body = std::move(body);
    return response;
}

Response Response::json(int status, QByteArray body)
{
    return text(status, std::move(body), QByteArrayLiteral("application/json"));
}

QByteArray reasonPhrase(int status)
{
    // http_status_str knows the IANA registry; 418 and friends fall back to a
    // generic phrase per class.
    const char *phrase = http_status_str(static_cast<http_status>(status));
    if (phrase && std::strcmp(phrase, "<unknown>") != 0)
        return QByteArray::fromRawData(phrase, qsizetype(std::strlen(phrase)));
    switch (status / 100) {
    case 1:
        return QByteArrayLiteral("Informational");
    case 2:
        return QByteArrayLiteral("Success");
    case 3:
        return QByteArrayLiteral("Redirection");
    case 4:
        return QByteArrayLiteral("Client Error");
    default:
        return QByteArrayLiteral("Server Error");
    }
}

namespace {

// A run of decimal digits as a non-negative number; nullopt when empty, not
// all digits, or too large.
std::optional<qint64> parseNumber(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

Result<std::optional<QPair<qint64, qint64>>> parseRange(QByteArrayView header, qint64 size)
{
    header = header.trimmed();
    if (header.isEmpty())
        return std::nullopt;
    const auto malformed = [&] {
        return fail(Code::InvalidArgument, QStringLiteral("malformed range \"%1\"").arg(QString::fromLatin1(header)));
    };
    constexpr QByteArrayView unit("bytes=");
    if (header.size() < unit.size() || qstrnicmp(header.data(), unit.size(), unit.data(), unit.size()) != 0)
        return malformed();
    const QByteArrayView spec = header.sliced(unit.size()).trimmed();
    if (spec.contains(','))
        return fail(Code::InvalidArgument, QStringLiteral("multiple ranges are not supported"));
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return malformed();
    const QByteArrayView firstText = spec.first(dash).trimmed();
    const QByteArrayView lastText = spec.sliced(dash + 1).trimmed();
    const auto unsatisfiable = [&] {
        return fail(Code::OutOfRange,
            QStringLiteral("range \"%1\" not satisfiable for %2 bytes").arg(QString::fromLatin1(header)).arg(size));
    };

    if (firstText.isEmpty()) { // "-n": the last n bytes
        const auto suffix = parseNumber(lastText);
        if (!suffix)
            return malformed();
        if (*suffix == 0 || size <= 0)
            return unsatisfiable();
        return QPair<qint64, qint64>(std::max<qint64>(0, size - *suffix), size - 1);
    }
    const auto first = parseNumber(firstText);
    if (!first)
        return malformed();
    qint64 last = size - 1;
    if (!lastText.isEmpty()) {
        const auto parsed = parseNumber(lastText);
        if (!parsed || *parsed < *first)
            return malformed();
        last = std::min(*parsed, size - 1);
    }
    if (*first >= size)
        return unsatisfiable();
    return QPair<qint64, qint64>(*first, last);
}

} // namespace muelle::http
