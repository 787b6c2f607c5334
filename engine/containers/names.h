#pragma once
// Container names: the check Docker applies, and generated names in its
// "adjective_scientist" style.

#include "base/error.h"

#include <QString>

namespace muelle::engine::containers {

// InvalidArgument: "Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed".
// Returns the name without a leading '/'.
Result<QString> validName(const QString &name);
// A random "adjective_noun" name.
QString generatedName();

} // namespace muelle::engine::containers
