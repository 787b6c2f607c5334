#include "base/humanduration.h"

namespace muelle {
namespace {

constexpr qint64 minute = 60, hour = 60 * minute;

} // namespace

QString humanDuration(qint64 seconds)
{
    if (seconds < 1)
        return QStringLiteral("Less than a second");
    if (seconds == 1)
        return QStringLiteral("1 second");
    if (seconds < minute)
        return QStringLiteral("%1 seconds").arg(seconds);
    if (const qint64 minutes = seconds / minute; minutes == 1)
        return QStringLiteral("About a minute");
    else if (minutes < 60)
        return QStringLiteral("%1 minutes").arg(minutes);
    // Hours are rounded (Go's Duration.Round), the rest counts whole ones.
    const qint64 hours = (seconds + hour / 2) / hour;
    if (hours == 1)
        return QStringLiteral("About an hour");
    if (hours < 48)
        return QStringLiteral("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return QStringLiteral("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return QStringLiteral("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1 months").arg(hours / 24 / 30);
    return QStringLiteral("%1 years").arg(seconds / hour / 24 / 365);
}

} // namespace muelle
