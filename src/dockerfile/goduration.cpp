#include "dockerfile/goduration.h"

#include "dockerfile/diagnostic.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

double unitNanoseconds(QStringView unit)
{
    if (unit == u"ns")
        return 1;
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
        return 1e3;
    if (unit == u"ms")
        return 1e6;
    if (unit == u"s")
        return 1e9;
    if (unit == u"m")
        return 60e9;
    if (unit == u"h")
        return 3600e9;
    return 0;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

std::expected<std::chrono::nanoseconds, QString> parseGoDuration(QStringView text)
{
    const QString quoted = goQuote(text);
    const auto invalid = [&] { return std::unexpected(u"time: invalid duration %1"_s.arg(quoted)); };
    QStringView rest = text;
    bool negative = false;
    if (rest.startsWith(u'-') || rest.startsWith(u'+')) {
        negative = rest.front() == u'-';
        rest = rest.mid(1);
    }
    if (rest == u"0")
        return std::chrono::nanoseconds(0);
    if (rest.isEmpty())
        return invalid();
    double total = 0;
    while (!rest.isEmpty()) {
        qsizetype i = 0;
        while (i < rest.size() && isDigit(rest[i]))
            ++i;
        const qsizetype integerDigits = i;
        qsizetype fractionDigits = 0;
        if (i < rest.size() && rest[i] == u'.') {
            ++i;
            while (i < rest.size() && isDigit(rest[i])) {
                ++i;
                ++fractionDigits;
            }
        }
        if (integerDigits == 0 && fractionDigits == 0)
            return invalid();
        const double number = rest.left(i).toDouble();
        rest = rest.mid(i);
        qsizetype unitEnd = 0;
        while (unitEnd < rest.size() && rest[unitEnd] != u'.' && !isDigit(rest[unitEnd]))
            ++unitEnd;
        if (unitEnd == 0)
            return std::unexpected(u"time: missing unit in duration %1"_s.arg(quoted));
        const double scale = unitNanoseconds(rest.left(unitEnd));
        if (scale == 0)
            return std::unexpected(u"time: unknown unit %1 in duration %2"_s.arg(goQuote(rest.left(unitEnd)), quoted));
        total += number * scale;
        rest = rest.mid(unitEnd);
    }
    if (total > 9.223372036854775807e18)
        return invalid();
    return std::chrono::nanoseconds(qint64(negative ? -total : total));
}

} // namespace muelle::dockerfile
