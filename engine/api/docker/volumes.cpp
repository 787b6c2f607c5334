#include "engine/api/docker/volumes.h"

#include "engine/api/docker/json.h"
#include "engine/containers/service.h"
#include "engine/volumes/volumes.h"

#include <QJsonArray>

namespace muelle::engine::docker {

QJsonObject volumeJson(const volumes::Volume &volume)
{
    return { { QStringLiteral("Name"), volume.name }, { QStringLiteral("Driver"), volume.driver },
        { QStringLiteral("Mountpoint"), volume.mountpoint }, { QStringLiteral("CreatedAt"), volume.createdAt },
        { QStringLiteral("Labels"), stringMap(volume.labels) }, { QStringLiteral("Scope"), volume.scope },
        { QStringLiteral("Options"),
            volume.options.isEmpty() ? QJsonValue() : QJsonValue(stringMap(volume.options)) } };
}

Result<QJsonObject> createVolume(Engine &engine, const QJsonObject &body)
{
    const QString name = body.value(QStringLiteral("Name")).toString();
    QString driver = body.value(QStringLiteral("Driver")).toString();
    if (driver.isEmpty())
        driver = QStringLiteral("local");
    if (body.contains(QStringLiteral("ClusterVolumeSpec")) && !body.value(QStringLiteral("ClusterVolumeSpec")).isNull())
        return fail(Code::Unimplemented, QStringLiteral("cluster volumes need a swarm"));
    auto volume = engine.volumes.create(name, stringMapOf(body.value(QStringLiteral("Labels"))),
        stringMapOf(body.value(QStringLiteral("DriverOpts"))), driver);
    if (!volume)
        return fail(volume.error());
    return volumeJson(*volume);
}

Result<QJsonObject> pruneVolumes(Engine &engine, bool all, const QStringList &labels)
{
    auto report = engine.volumes.prune(all, labels);
    if (!report)
        return fail(report.error());
    return QJsonObject{ { QStringLiteral("VolumesDeleted"),
                            report->removed.isEmpty() ? QJsonValue() : QJsonArray::fromStringList(report->removed) },
        { QStringLiteral("SpaceReclaimed"), double(report->bytesReclaimed) } };
}

} // namespace muelle::engine::docker
