#pragma once
// Distribution's logging category, muelle.engine.distribution.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDistribution)
