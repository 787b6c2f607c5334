#include "engine/containers/logging.h"

Q_LOGGING_CATEGORY(lcContainers, "muelle.engine.containers")
