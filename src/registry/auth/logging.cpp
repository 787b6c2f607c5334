#include "registry/auth/logging.h"

namespace muelle::registry::auth {
Q_LOGGING_CATEGORY(lcAuth, "muelle.registry.auth")
}
