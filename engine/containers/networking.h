#pragma once
// A container's networks: its endpoints, made when it starts (the runtime
// has created its namespaces, its process has not run yet), its published
// ports, the /etc/hosts of the containers that share a user-defined network
// (so they find each other by name), what goes when it exits, and docker
// network connect/disconnect.

#include "engine/containers/container.h"

class QHostAddress;

namespace muelle::engine::network {
class NetworkService;
}

namespace muelle::engine::containers {

class ContainerStore;

class ContainerNetworking {
public:
    ContainerNetworking(ContainerStore &store, network::NetworkService &networks) : store_(store), networks_(networks)
    {
    }

    // The networks a container is configured to join: its network mode's
    // (none for "none", "host" and "container:") and those connected since.
    QStringList networksOf(const Container &container) const;
    // Its endpoints and published ports, its process `pid` created, not yet
    // running; on failure it is left on no network.
    Result<> join(Container &container, int pid);
    // Endpoints and ports given back (it exited, or its start failed).
    void leave(Container &container);
    // After muelled restarts: its endpoints claimed again, its ports' proxies started.
    void restore(Container &container);
    // Its /etc/hosts: localhost, --add-host, and on user-defined networks
    // the containers it shares them with.
    QByteArray hostsFileOf(const Container &container) const;
    // docker network connect: a running container joins now (with `ip`
    // when given), a stopped one when it starts. disconnect: it leaves.
    Result<> connect(const QString &name, const QString &network, const QString &ip);
    Result<> disconnect(const QString &name, const QString &network);

private:
    Result<> joinNetwork(Container &container, int pid, const QString &network, const QString &ip);
    Result<> publishPorts(Container &container, const QHostAddress &ip);
    // Rewrites the hosts files of the running containers on the network (but `except`).
    void refreshHosts(const QString &networkId, const QString &except);
    void rewriteHosts(const Container &container);

    ContainerStore &store_;
    network::NetworkService &networks_;
};

} // namespace muelle::engine::containers
