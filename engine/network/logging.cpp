#include "engine/network/logging.h"

Q_LOGGING_CATEGORY(lcNetwork, "muelle.engine.network")
