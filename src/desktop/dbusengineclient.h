#pragma once
// The engine on this machine, over D-Bus (org.muelle.Engine1 on the system
// bus, or on the bus at an address), through the proxies generated from the
// engine's interface files: each method calls its proxy's typed method, so
// one the interface does not have, or with other arguments, does not
// compile. Calls are asynchronous; the engine's coming and going is watched
// on the bus; logs arrive through a passed descriptor.

#include "desktop/engineclient.h"

#include <QDBusConnection>

class OrgMuelleEngine1SystemInterface;
class OrgMuelleEngine1ContainersInterface;
class OrgMuelleEngine1ImagesInterface;
class OrgMuelleEngine1VolumesInterface;
class OrgMuelleEngine1NetworksInterface;
class OrgMuelleEngine1RegistriesInterface;
class QDBusServiceWatcher;
class QDBusError;

namespace muelle::desktop {

// A D-Bus error as an engine error: org.muelle.Engine1.Error.NotFound is
// NotFound, AccessDenied PermissionDenied, an absent engine Unavailable.
Error errorOf(const QDBusError &error);

class DbusEngineClient : public EngineClient {
    Q_OBJECT
public:
    explicit DbusEngineClient(QDBusConnection bus, QObject *parent = nullptr);
    ~DbusEngineClient() override;

    bool isConnected() const override;

    void version(JsonReply done) override;
    void info(JsonReply done) override;
    void diskUsage(JsonReply done) override;

    void listContainers(bool all, ListReply done) override;
    void inspectContainer(const QString &name, JsonReply done) override;
    void createContainer(const QJsonObject &config, const QString &name, JsonReply done) override;
    void startContainer(const QString &name, Done done) override;
    void stopContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) override;
    void restartContainer(const QString &name, std::optional<int> timeoutSeconds, Done done) override;
    void killContainer(const QString &name, const QString &signal, Done done) override;
    void pauseContainer(const QString &name, Done done) override;
    void unpauseContainer(const QString &name, Done done) override;
    void removeContainer(const QString &name, bool force, bool volumes, Done done) override;
    void containerProcesses(const QString &name, const QString &psArgs, JsonReply done) override;
    void containerLogs(const QString &name, const LogOptions &options, LogReply done) override;
    void statsHistory(const QString &name, StatsResolution resolution, ListReply done) override;

    void listImages(ListReply done) override;
    void inspectImage(const QString &name, JsonReply done) override;
    void imageHistory(const QString &name, ListReply done) override;
    void tagImage(const QString &name, const QString &target, Done done) override;
    void removeImage(const QString &name, bool force, ListReply done) override;
    void pullImage(const QString &reference, const QString &platform, TextReply job) override;
    void pushImage(const QString &reference, TextReply job) override;
    void cancelJob(const QString &job, Done done) override;
    void buildImage(const BuildOptions &options, BuildReply started) override;
    void parseDockerfile(const QString &text, JsonReply done) override;

    void listVolumes(JsonReply done) override;
    void createVolume(const QJsonObject &config, JsonReply done) override;
    void inspectVolume(const QString &name, JsonReply done) override;
    void removeVolume(const QString &name, bool force, Done done) override;
    void pruneVolumes(bool all, JsonReply done) override;

    void listNetworks(ListReply done) override;
    void createNetwork(const QJsonObject &config, JsonReply done) override;
    void inspectNetwork(const QString &name, JsonReply done) override;
    void removeNetwork(const QString &name, Done done) override;
    void pruneNetworks(JsonReply done) override;

    void listRegistries(ListReply done) override;
    void addRegistry(const QString &host, bool insecure, Done done) override;
    void removeRegistry(const QString &host, Done done) override;
    void loginRegistry(const QString &host, const QString &username, const QString &password, TextReply done) override;
    void logoutRegistry(const QString &host, Done done) override;
    void checkRegistry(const QString &host, JsonReply done) override;
    void registryCatalog(const QString &host, int limit, const QString &last, JsonReply done) override;
    void registryTags(
        const QString &host, const QString &repository, int limit, const QString &last, JsonReply done) override;
    void describeReference(const QString &reference, const QString &platform, JsonReply done) override;
    void deleteRegistryTag(const QString &reference, Done done) override;
    void searchRegistries(const QString &terms, TextReply job) override;

private:
    QDBusConnection bus_;
    // Owned (children).
    OrgMuelleEngine1SystemInterface *system_;
    OrgMuelleEngine1ContainersInterface *containers_;
    OrgMuelleEngine1ImagesInterface *images_;
    OrgMuelleEngine1VolumesInterface *volumes_;
    OrgMuelleEngine1NetworksInterface *networks_;
    OrgMuelleEngine1RegistriesInterface *registries_;
    QDBusServiceWatcher *watcher_;
    bool connected_ = false;
};

} // namespace muelle::desktop
