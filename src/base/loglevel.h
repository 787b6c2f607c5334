#pragma once
// Log levels as the daemons' configs name them ("debug", "info", "warn",
// "error", "fatal"), applied to every "muelle.*" logging category.

#include <QString>

namespace muelle {

void applyLogLevel(const QString &level);

} // namespace muelle
