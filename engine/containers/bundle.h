#pragma once
// A container's OCI bundle: its root filesystem mounted, the files the
// engine writes for it (hostname, hosts, resolv.conf; a "container:"
// network mode shares those of the container it joins), and config.json
// from its spec, its image's config and its mounts. Written at each start.

#include "engine/containers/container.h"

namespace muelle::engine::containers {

class ContainerStore;
class ContainerNetworking;

class BundleWriter {
public:
    BundleWriter(ContainerStore &store, ContainerNetworking &networking) : store_(store), networking_(networking) { }

    // Writes the bundle; returns the mounted root's path (unmounted again
    // when a later step fails).
    Result<QString> write(Container &container);
    // The running container whose network a "container:<name>" one joins:
    // InvalidArgument for itself, Conflict when it is not running.
    Result<const Container *> networkContainerOf(const Container &container);

private:
    Result<QString> writeNetworkFiles(const Container &container);

    ContainerStore &store_;
    ContainerNetworking &networking_;
};

} // namespace muelle::engine::containers
