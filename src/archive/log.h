#pragma once
// The logging category of the archive module ("muelle.archive"); private to src/archive.

#include <QLoggingCategory>

namespace muelle::archive {
Q_DECLARE_LOGGING_CATEGORY(lcArchive)
}
