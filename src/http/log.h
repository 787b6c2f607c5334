#pragma once
// The logging category of the http module ("muelle.http"); private to src/http.

#include <QLoggingCategory>

namespace muelle::http {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
}
