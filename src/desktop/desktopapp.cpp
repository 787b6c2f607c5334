#include "desktop/desktopapp.h"

#include <QtQml>

namespace muelle::desktop {

DesktopApp::DesktopApp(std::unique_ptr<EngineClient> engine, QDBusConnection sessionBus)
    : client(std::move(engine)),
      containers(*client),
      containersFilter(containers),
      images(*client),
      imageHistory(*client),
      volumes(*client),
      networks(*client),
      transfers(*client),
      summary(*client),
      details(*client),
      logs(*client),
      logSearch(logs),
      stats(*client),
      notifier(*client, transfers, sessionBus)
{
    // A finished pull shows its image.
    QObject::connect(&transfers, &TransfersModel::finished, &images, [this] { images.refresh(); });
}

void DesktopApp::registerTypes()
{
    const char *uri = "Muelle.Engine";
    qmlRegisterSingletonInstance(uri, 1, 0, "Engine", client.get());
    qmlRegisterSingletonInstance(uri, 1, 0, "Containers", &containers);
    qmlRegisterSingletonInstance(uri, 1, 0, "ContainersFilter", &containersFilter);
    qmlRegisterSingletonInstance(uri, 1, 0, "Images", &images);
    qmlRegisterSingletonInstance(uri, 1, 0, "ImageHistory", &imageHistory);
    qmlRegisterSingletonInstance(uri, 1, 0, "Volumes", &volumes);
    qmlRegisterSingletonInstance(uri, 1, 0, "Networks", &networks);
    qmlRegisterSingletonInstance(uri, 1, 0, "Transfers", &transfers);
    qmlRegisterSingletonInstance(uri, 1, 0, "Summary", &summary);
    qmlRegisterSingletonInstance(uri, 1, 0, "Details", &details);
    qmlRegisterSingletonInstance(uri, 1, 0, "Logs", &logs);
    qmlRegisterSingletonInstance(uri, 1, 0, "LogSearch", &logSearch);
    qmlRegisterSingletonInstance(uri, 1, 0, "Stats", &stats);
    qmlRegisterSingletonInstance(uri, 1, 0, "Notifier", &notifier);
}

void DesktopApp::refresh()
{
    containers.refresh();
    images.refresh();
    volumes.refresh();
    networks.refresh();
    summary.refresh();
}

} // namespace muelle::desktop
