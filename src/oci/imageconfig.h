#pragma once
// The image configuration (OCI image-spec config.json / Docker's image JSON).

#include "oci/digest.h"
#include "oci/platform.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace muelle::oci {

struct HistoryEntry {
    QDateTime created;
    QString createdBy;
    QString author;
    QString comment;
    bool emptyLayer = false;
};

struct ImageConfig {
    Platform platform;
    QDateTime created;
    QString author;
    // config
    QString user;
    QStringList env;
    QStringList entrypoint;
    QStringList cmd;
    QString workingDir;
    QStringList exposedPorts; // "80/tcp"
    QStringList volumes;
    QMap<QString, QString> labels;
    QString stopSignal;
    // rootfs
    QList<Digest> diffIds;
    QList<HistoryEntry> history;
    // The document as parsed, for fields the struct does not model.
    QJsonObject raw;

    static Result<ImageConfig> parse(const QByteArray &bytes);
    QByteArray toJson() const;
};

} // namespace muelle::oci
