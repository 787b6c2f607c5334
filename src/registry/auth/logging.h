#pragma once
// The one logging category of the auth module. Passwords, tokens and
// Authorization headers are never logged, not even at debug level.

#include <QLoggingCategory>

namespace muelle::registry::auth {
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
}
