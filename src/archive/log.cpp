#include "archive/log.h"

namespace muelle::archive {
Q_LOGGING_CATEGORY(lcArchive, "muelle.archive")
}
