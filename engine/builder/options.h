#pragma once
// What a build is asked to do: POST /build's parameters (and the D-Bus
// Build call's), checked by the façade that received them.

#include "engine/distribution/credentials.h"
#include "oci/reference.h"

#include <QHash>
#include <QMap>
#include <QStringList>

#include <optional>

namespace muelle::engine::builder {

struct Options {
    QString dockerfile = QStringLiteral("Dockerfile"); // a path in the context
    QList<oci::Reference> tags;
    QHash<QString, std::optional<QString>> buildArgs; // null: declared, no value
    QString target; // a stage name; empty = the last stage
    bool noCache = false;
    bool pull = false; // pull base images even when they are here
    bool remove = true; // remove intermediate containers after a step succeeded
    bool forceRemove = false; // ... and after a step failed
    bool quiet = false;
    QMap<QString, QString> labels; // added to the image, as a last LABEL step
    QStringList cacheFrom; // images whose steps may serve as cache
    QString networkMode; // RUN's network: "", default, bridge, none, host, a network
    QStringList extraHosts; // "name:ip"
    qint64 memory = 0;
    qint64 memorySwap = 0;
    qint64 cpuShares = 0;
    qint64 cpuPeriod = 0;
    qint64 cpuQuota = 0;
    QString cpusetCpus;
    qint64 shmSize = 0;
    // X-Registry-Config: credentials by registry, for pulling base images.
    QHash<QString, distribution::Credentials> registryAuth;
};

// The checks both façades make on what they were given, in Docker's words.
// Tags: references without a digest.
Result<QList<oci::Reference>> parseTags(const QStringList &tags);
// buildargs: a JSON object of strings (null: declared without a value).
Result<QHash<QString, std::optional<QString>>> parseBuildArgs(const QString &json);
// labels: a JSON object of strings.
Result<QMap<QString, QString>> parseLabels(const QString &json);
// platform: empty, or the host's ("linux/amd64").
Result<> checkPlatform(const QString &platform);

} // namespace muelle::engine::builder
