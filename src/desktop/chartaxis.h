#pragma once
// A chart's value axis from the largest value it shows: a unit the value
// reads under 1024 in (bytes in KiB, MiB, ...) and a top that is a round
// number, so the ticks fall on values a reader can take in at a glance.

#include <QString>
#include <QVariantMap>

namespace muelle::desktop {

enum class AxisKind {
    Percent, // "%"
    Bytes, // B, KiB, MiB, GiB, TiB
    BytesPerSecond, // B/s, KiB/s, MiB/s, GiB/s
};

struct ChartAxis {
    double max = 1; // in the unit; the axis starts at 0
    int tickCount = 5; // ticks, both ends included: 4 or 5 intervals
    QString unit; // "%", "MiB", "KiB/s"
    double divisor = 1; // a value in the base unit over this is in `unit`
    QString labelFormat; // printf-style, as many decimals as the step needs: "%.0f", "%.1f"
    bool operator==(const ChartAxis &) const = default;
    // For QML: max, tickCount, unit, divisor, labelFormat.
    QVariantMap toMap() const;
};

// The axis for values up to `peak` (in %, bytes or bytes per second). The
// divisor is the power of 1024 that puts the peak under 1024 in its unit;
// max is the smallest value at or over the peak (and at least 1) that 4 or
// 5 equal steps of 1, 2, 2.5 or 5 × 10^k reach, 4 steps when both do.
ChartAxis chartAxis(double peak, AxisKind kind);

} // namespace muelle::desktop
