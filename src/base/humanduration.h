#pragma once
// A duration as Docker words it (go-units' HumanDuration): the engine's
// container statuses ("Up 5 minutes") and the desktop's, which re-words
// them as time passes.

#include <QString>

namespace muelle {

// "Less than a second", "1 second", "N seconds", "About a minute",
// "N minutes", "About an hour", "N hours" (under 48 hours, rounded),
// "N days" (under two weeks), "N weeks" (under 60 days), "N months" (under
// two years), "N years". Negative: as 0.
QString humanDuration(qint64 seconds);

} // namespace muelle
