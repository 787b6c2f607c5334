#include "engine/distribution/logging.h"

Q_LOGGING_CATEGORY(lcDistribution, "muelle.engine.distribution")
