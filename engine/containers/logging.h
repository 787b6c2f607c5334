#pragma once
// The containers' logging category, muelle.engine.containers.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcContainers)
