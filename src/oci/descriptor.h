#pragma once
// Content descriptors: what a manifest says about each blob it references.

#include "oci/digest.h"
#include "oci/platform.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace muelle::oci {

struct Descriptor {
    QString mediaType;
    Digest digest;
    qint64 size = 0;
    QStringList urls;
    QMap<QString, QString> annotations;
    QString artifactType;
    std::optional<Platform> platform;

    // Validates mediaType (type/subtype grammar), digest and size (>= 0).
    // Errors name the JSON path given as `where` ("layers[2].digest: ...").
    static Result<Descriptor> fromJson(const QJsonObject &object, const QString &where);
    QJsonObject toJson() const;
};

} // namespace muelle::oci
