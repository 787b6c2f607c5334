#pragma once
// The network's logging category, muelle.engine.network.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
