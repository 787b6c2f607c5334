#pragma once
// A container's status as Docker's list words it ("Up 5 minutes (healthy)",
// "Exited (0) 2 hours ago", "Created") holds a duration relative to when it
// was listed. To keep it current the app anchors it: the words around the
// duration, and how long it said; then it words the time since then the way
// Docker does (go-units' HumanDuration), so the text ticks between listings.

#include <QString>

#include <optional>

namespace muelle::desktop {

struct StatusAnchor {
    QString prefix; // "Up ", "Exited (0) "; the whole status when it has no duration
    std::optional<qint64> elapsed; // seconds the status said; none for "Created", "Dead", ...
    QString suffix; // " (healthy)", " ago", ""
    bool operator==(const StatusAnchor &) const = default;
};

// The anchor of a status: the first duration HumanDuration words, read back
// as the least time it stands for ("About a minute": 60, "3 weeks": 21
// days; a month is 30 days, a year 365).
StatusAnchor parseStatus(const QString &status);

// (The duration itself is worded by muelle::humanDuration, base/humanduration.h.)

// The status `seconds` after the anchor's start: prefix, duration, suffix
// (just the prefix when the anchor has no duration).
QString statusAfter(const StatusAnchor &anchor, qint64 seconds);

} // namespace muelle::desktop
