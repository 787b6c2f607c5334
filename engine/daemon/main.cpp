#include "engine/daemon/daemon.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("muelled"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MUELLE_VERSION));
    return muelle::engine::daemon::run(QCoreApplication::arguments().mid(1));
}
