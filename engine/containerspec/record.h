#pragma once
// A spec as the engine keeps it on disk: its own shape, every field by the
// name it has here, not Docker's wire JSON (which follows the API's
// versions and shows some fields only in inspect). specFromRecord reads
// what specRecord wrote; a field a record lacks keeps Spec's default, so
// fields added later read from older records.

#include "engine/containerspec/spec.h"

#include <QJsonObject>

namespace muelle::engine::containerspec {

QJsonObject specRecord(const Spec &spec);
// DataLoss when a field has the wrong type (the record is damaged).
Result<Spec> specFromRecord(const QJsonObject &record);

} // namespace muelle::engine::containerspec
