#include "registry/app.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("muelle-registry"));
    return muelle::registry::run(QCoreApplication::arguments().mid(1));
}
