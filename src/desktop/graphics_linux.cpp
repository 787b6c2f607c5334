#include "desktop/graphics.h"

#include <QDir>
#include <QQuickWindow>
#include <QSGRendererInterface>

namespace muelle::desktop {

void chooseSceneGraph()
{
    if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND"))
        return;
    const QStringList renderNodes
        = QDir(QStringLiteral("/dev/dri")).entryList({ QStringLiteral("renderD*") }, QDir::System);
    if (renderNodes.isEmpty())
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
}

} // namespace muelle::desktop
