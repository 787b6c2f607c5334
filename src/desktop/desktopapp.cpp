#include "desktop/desktopapp.h"

#include <QJSEngine>

namespace muelle::desktop {
namespace {

DesktopApp *app = nullptr;

} // namespace

DesktopApp::DesktopApp(std::unique_ptr<EngineClient> engine, QDBusConnection sessionBus)
    : client(std::move(engine)),
      containers(*client),
      containersFilter(containers),
      images(*client),
      imagesTable(images),
      imageHistory(*client),
      volumes(*client),
      networks(*client),
      transfers(*client),
      summary(*client),
      details(*client),
      logs(*client),
      logSearch(logs),
      stats(*client),
      notifier(*client, transfers, sessionBus),
      registries(*client),
      repositories(*client),
      tags(*client),
      tagPage(*client),
      registrySearch(*client),
      build(*client),
      buildWizard(*client, build)
{
    // A finished pull or build shows its image.
    QObject::connect(&build, &BuildSession::finished, &images, [this] {
        images.refresh();
        notifier.buildEnded(build.state(), build.tags(), build.error());
    });
    QObject::connect(&transfers, &TransfersModel::finished, &images, [this] { images.refresh(); });
    app = this;
}

DesktopApp::~DesktopApp()
{
    if (app == this)
        app = nullptr;
}

DesktopApp &DesktopApp::current()
{
    if (!app)
        qFatal("QML asked for a Muelle.Engine singleton before the app was made");
    return *app;
}

namespace {

// QML gets the app's own object, and must not delete it.
template <typename T> T *shared(T &object)
{
    QJSEngine::setObjectOwnership(&object, QJSEngine::CppOwnership);
    return &object;
}

} // namespace

EngineClient *EngineClient::create(QQmlEngine *, QJSEngine *)
{
    return shared(*DesktopApp::current().client);
}

ContainersModel *ContainersModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().containers);
}

ContainersFilter *ContainersFilter::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().containersFilter);
}

ImagesModel *ImagesModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().images);
}

ImagesTable *ImagesTable::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().imagesTable);
}

ImageHistoryModel *ImageHistoryModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().imageHistory);
}

VolumesModel *VolumesModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().volumes);
}

NetworksModel *NetworksModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().networks);
}

TransfersModel *TransfersModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().transfers);
}

EngineSummary *EngineSummary::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().summary);
}

ContainerDetails *ContainerDetails::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().details);
}

LogModel *LogModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().logs);
}

LogSearch *LogSearch::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().logSearch);
}

ContainerStats *ContainerStats::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().stats);
}

Notifier *Notifier::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().notifier);
}

Preferences *Preferences::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().preferences);
}

RegistriesModel *RegistriesModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().registries);
}

RepositoriesModel *RepositoriesModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().repositories);
}

TagsModel *TagsModel::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().tags);
}

TagDetails *TagDetails::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().tagPage);
}

RegistrySearch *RegistrySearch::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().registrySearch);
}

BuildSession *BuildSession::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().build);
}

BuildWizard *BuildWizard::create(QQmlEngine *, QJSEngine *)
{
    return shared(DesktopApp::current().buildWizard);
}

void DesktopApp::refresh()
{
    containers.refresh();
    images.refresh();
    volumes.refresh();
    networks.refresh();
    summary.refresh();
    registries.refresh();
}

} // namespace muelle::desktop
