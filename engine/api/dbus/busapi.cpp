#include "engine/api/dbus/busapi.h"

#include "engine/api/dbus/caller.h"
#include "engine/api/dbus/containers.h"
#include "engine/api/dbus/images.h"
#include "engine/api/dbus/networks.h"
#include "engine/api/dbus/registries.h"
#include "engine/api/dbus/system.h"
#include "engine/api/dbus/volumes.h"

#include "containersadaptor.h"
#include "imagesadaptor.h"
#include "networksadaptor.h"
#include "registriesadaptor.h"
#include "systemadaptor.h"
#include "volumesadaptor.h"

#include <QDBusConnectionInterface>

namespace muelle::engine::dbus {

namespace {

const QString serviceName = QStringLiteral("org.muelle.Engine1");
const QString connectionName = QStringLiteral("muelled");

} // namespace

BusApi::BusApi(QDBusConnection connection) : connection_(std::move(connection)) { }

BusApi::~BusApi()
{
    connection_.unregisterService(serviceName);
    // The objects first: the caller check they hold calls with outlives them.
    qDeleteAll(children());
    callers_.reset();
    if (connection_.name() == connectionName)
        QDBusConnection::disconnectFromBus(connectionName);
}

Result<std::unique_ptr<BusApi>> BusApi::open(
    const QString &address, const QString &group, const docker::DaemonFacts &facts, docker::Engine &engine)
{
    const bool system = address == u"system";
    QDBusConnection connection
        = system ? QDBusConnection::systemBus() : QDBusConnection::connectToBus(address, connectionName);
    if (!connection.isConnected()) {
        const QString why = connection.lastError().message();
        if (!system)
            QDBusConnection::disconnectFromBus(connectionName); // libdbus aborts on a dropped private connection
        return fail(Code::Unavailable, QStringLiteral("cannot connect to D-Bus (%1): %2").arg(address, why));
    }
    std::unique_ptr<BusApi> api(new BusApi(connection));
    api->callers_ = std::make_unique<CallerCheck>(connection, group);
    // Each object exports what its adaptor (generated from the XML, owned by
    // the object) declares.
    CallerCheck &callers = *api->callers_;
    auto *systemObject = new SystemObject(callers, facts, engine, api.get());
    new SystemAdaptor(systemObject);
    auto *containersObject = new ContainersObject(callers, engine, api.get());
    new ContainersAdaptor(containersObject);
    auto *imagesObject = new ImagesObject(callers, engine, api.get());
    new ImagesAdaptor(imagesObject);
    auto *volumesObject = new VolumesObject(callers, engine, api.get());
    new VolumesAdaptor(volumesObject);
    auto *networksObject = new NetworksObject(callers, engine, api.get());
    new NetworksAdaptor(networksObject);
    auto *registriesObject = new RegistriesObject(callers, engine, api.get());
    new RegistriesAdaptor(registriesObject);
    const QList<std::pair<QString, QObject *>> objects{ { QStringLiteral("System"), systemObject },
        { QStringLiteral("Containers"), containersObject }, { QStringLiteral("Images"), imagesObject },
        { QStringLiteral("Volumes"), volumesObject }, { QStringLiteral("Networks"), networksObject },
        { QStringLiteral("Registries"), registriesObject } };
    for (const auto &[noun, object] : objects) {
        if (!connection.registerObject(
                QStringLiteral("/org/muelle/Engine1/") + noun, object, QDBusConnection::ExportAdaptors))
            return fail(Code::Internal, QStringLiteral("cannot export %1 on D-Bus").arg(noun));
    }
    if (!connection.registerService(serviceName))
        return fail(Code::PermissionDenied,
            QStringLiteral("cannot own %1 on D-Bus (%2): %3 (is the bus policy installed?)")
                .arg(serviceName, address, connection.lastError().message()));
    return api;
}

} // namespace muelle::engine::dbus
