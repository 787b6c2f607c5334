#include "http/worker.h"

#include "http/log.h"

#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimerEvent>

#include <unistd.h>

namespace muelle::http {

void Worker::adopt(qintptr fd, std::shared_ptr<const ListenerConfig> config)
{
    QIODevice *device = nullptr;
    QSslSocket *tls = nullptr;
    bool ok = false;
    if (config->kind == Endpoint::Kind::Unix) {
        auto *socket = new QLocalSocket;
        ok = socket->setSocketDescriptor(fd, QLocalSocket::ConnectedState, QIODevice::ReadWrite);
        device = socket;
    } else if (config->tls) {
        tls = new QSslSocket;
        tls->setSslConfiguration(*config->tls);
        ok = tls->setSocketDescriptor(fd);
        device = tls;
    } else {
        auto *socket = new QTcpSocket;
        ok = socket->setSocketDescriptor(fd);
        device = socket;
    }
    if (!ok) {
        qCWarning(lcHttp) << "adopt accepted socket:" << device->errorString();
        delete device;
        ::close(int(fd));
        --load;
        return;
    }
    connections_.insert(new Connection(device, std::move(config), this));
    if (tls)
        tls->startServerEncryption();
    if (!sweep_.isActive())
        sweep_.start(int(tick_.count()), this);
}

void Worker::closeAll()
{
    const auto connections = connections_.values();
    for (Connection *connection : connections) {
        connection->shutdown();
        delete connection;
    }
    sweep_.stop();
}

void Worker::forget(Connection *connection)
{
    if (connections_.remove(connection))
        --load;
    if (connections_.isEmpty())
        sweep_.stop();
}

void Worker::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != sweep_.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    const auto now = Clock::now();
    const auto connections = connections_.values();
    for (Connection *connection : connections) {
        if (connections_.contains(connection))
            connection->checkTimeouts(now);
    }
}

} // namespace muelle::http
