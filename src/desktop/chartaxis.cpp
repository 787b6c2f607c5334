#include "desktop/chartaxis.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <optional>

namespace muelle::desktop {
namespace {

QStringList unitsOf(AxisKind kind)
{
    switch (kind) {
    case AxisKind::Percent:
        return { QStringLiteral("%") };
    case AxisKind::Bytes:
        return { QStringLiteral("B"), QStringLiteral("KiB"), QStringLiteral("MiB"), QStringLiteral("GiB"),
            QStringLiteral("TiB") };
    case AxisKind::BytesPerSecond:
        return { QStringLiteral("B/s"), QStringLiteral("KiB/s"), QStringLiteral("MiB/s"), QStringLiteral("GiB/s") };
    }
    return { QString() };
}

struct Step {
    double mantissa; // 1, 2, 2.5 or 5
    int exponent; // of 10
    int intervals; // 4 or 5
    double size() const { return mantissa * std::pow(10.0, exponent); }
    double top() const { return size() * intervals; }
};

// The decimals a label needs to show every multiple of the step exactly.
int decimalsOf(const Step &step)
{
    const int decimals = -step.exponent + (step.mantissa == 2.5 ? 1 : 0);
    return std::max(0, decimals);
}

} // namespace

QVariantMap ChartAxis::toMap() const
{
    return { { QStringLiteral("max"), max }, { QStringLiteral("tickCount"), tickCount },
        { QStringLiteral("unit"), unit }, { QStringLiteral("divisor"), divisor },
        { QStringLiteral("labelFormat"), labelFormat } };
}

ChartAxis chartAxis(double peak, AxisKind kind)
{
    if (!std::isfinite(peak) || peak < 0)
        peak = 0;
    const QStringList units = unitsOf(kind);
    qsizetype power = 0;
    double divisor = 1;
    while (power + 1 < units.size() && peak / divisor >= 1024) {
        divisor *= 1024;
        ++power;
    }
    const double value = std::max(1.0, peak / divisor);
    // Every step whose 4 or 5 intervals could be the smallest top: from a
    // step of value/50 (5 intervals of 1 × 10^k just under it) up.
    const int lowest = int(std::floor(std::log10(value / 5))) - 1;
    std::optional<Step> best;
    for (int exponent = lowest; exponent <= lowest + 2; ++exponent) {
        for (const double mantissa : { 1.0, 2.0, 2.5, 5.0 }) {
            for (const int intervals : { 4, 5 }) {
                const Step step{ mantissa, exponent, intervals };
                // A hair's tolerance: 4 × 2.5 is 10, however the doubles round.
                if (step.top() < value * (1 - 1e-9))
                    continue;
                if (!best || step.top() < best->top() * (1 - 1e-9)
                    || (step.top() <= best->top() * (1 + 1e-9) && intervals < best->intervals))
                    best = step;
            }
        }
    }
    return { best->top(), best->intervals + 1, units.at(power), divisor,
        QStringLiteral("%.%1f").arg(decimalsOf(*best)) };
}

} // namespace muelle::desktop
