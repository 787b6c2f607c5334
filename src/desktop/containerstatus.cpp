#include "desktop/containerstatus.h"

#include "base/humanduration.h"

#include <QRegularExpression>

namespace muelle::desktop {
namespace {

constexpr qint64 minute = 60, hour = 60 * minute, day = 24 * hour;

// How long one of each unit HumanDuration counts in is, in seconds.
qint64 unitSeconds(QStringView unit)
{
    if (unit == u"second")
        return 1;
    if (unit == u"minute")
        return minute;
    if (unit == u"hour")
        return hour;
    if (unit == u"day")
        return day;
    if (unit == u"week")
        return 7 * day;
    if (unit == u"month")
        return 30 * day;
    return 365 * day; // year
}

} // namespace

StatusAnchor parseStatus(const QString &status)
{
    static const QRegularExpression duration(QStringLiteral(
        R"(\b(?:Less than a second|About a minute|About an hour|(\d+) (second|minute|hour|day|week|month|year)s?)\b)"));
    const QRegularExpressionMatch match = duration.match(status);
    if (!match.hasMatch())
        return { status, std::nullopt, {} };
    qint64 elapsed = 0;
    if (match.captured(0) == u"About a minute")
        elapsed = minute;
    else if (match.captured(0) == u"About an hour")
        elapsed = hour;
    else if (match.hasCaptured(1))
        elapsed = match.captured(1).toLongLong() * unitSeconds(match.capturedView(2));
    return { status.left(match.capturedStart()), elapsed, status.mid(match.capturedEnd()) };
}

QString statusAfter(const StatusAnchor &anchor, qint64 seconds)
{
    return anchor.elapsed ? anchor.prefix + humanDuration(seconds) + anchor.suffix : anchor.prefix;
}

} // namespace muelle::desktop
