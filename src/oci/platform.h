#pragma once
// Platforms ("linux/amd64", "linux/arm64/v8") and matching them to the host.

#include "base/error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace muelle::oci {

struct Platform {
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;
    QStringList osFeatures;

    // "os/arch[/variant]"; InvalidArgument otherwise. Normalises
    // architecture aliases (x86_64 -> amd64, aarch64 -> arm64).
    static Result<Platform> parse(QStringView text);
    static Result<Platform> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
    QString toString() const;
    static Platform host();
    // True when an image for `this` runs on `wanted` (arm64 variant v8 is the default...).
    bool matches(const Platform &wanted) const;
};

} // namespace muelle::oci
