#pragma once
// Go's time.ParseDuration, which HEALTHCHECK's --interval, --timeout and
// --start-period go through: "30s", "1m30s", "1.5h", "300ms", "-1s".

#include <QString>

#include <chrono>
#include <expected>

namespace muelle::dockerfile {

// Errors as Go words them: `time: invalid duration "x"`, `time: missing unit
// in duration "10"`, `time: unknown unit "d" in duration "1d"`.
std::expected<std::chrono::nanoseconds, QString> parseGoDuration(QStringView text);

} // namespace muelle::dockerfile
