#pragma once
// muelled's configuration: the command line and a daemon.json file with the
// keys Docker's daemon uses, where they exist:
//
//   {
//     "data-root": "/var/lib/muelle",
//     "hosts": ["unix:///run/muelle/muelle.sock", "tcp://127.0.0.1:2375"],
//     "group": "muelle",                       // owner group of unix sockets
//     "insecure-registries": ["registry.local:5000", "10.0.0.0/8"],
//     "registry-mirrors": ["https://mirror.local"],
//     "max-concurrent-downloads": 3,
//     "max-concurrent-uploads": 5,
//     "storage-driver": "overlay2",            // overlay2 | vfs (copying); probed when absent
//     "log-level": "info",                    // debug | info | warn | error | fatal
//     "dbus-address": "system"                // the bus of org.muelle.Engine1: system, an address, or none
//   }
//
// Flags override the file. Unknown keys are refused, as dockerd does.

#include "base/error.h"

#include <QStringList>

namespace muelle::engine::daemon {

struct Config {
    QString dataRoot = QStringLiteral("/var/lib/muelle");
    QStringList hosts; // empty: the default unix socket
    QString group = QStringLiteral("muelle");
    QStringList insecureRegistries;
    QStringList registryMirrors;
    int maxConcurrentDownloads = 3;
    int maxConcurrentUploads = 5;
    QString storageDriver; // empty: overlay2 where overlayfs mounts, else vfs
    QString logLevel = QStringLiteral("info");
    QString execRoot = QStringLiteral("/run/muelle"); // runtime state and shim sockets
    QString runtime = QStringLiteral("runc"); // the OCI runtime's executable
    QString bridge = QStringLiteral("muelle0"); // the default network's Linux bridge
    QString initPath; // --init's binary; "" = the first of docker-init, tini-static found
    // Where org.muelle.Engine1 is served: "system" (skipped with a warning
    // when there is no system bus), a D-Bus address, or "none".
    QString dbusAddress = QStringLiteral("system");

    static QString defaultSocket() { return QStringLiteral("unix:///run/muelle/muelle.sock"); }

    // Reads daemon.json; NotFound when missing, InvalidArgument naming the key.
    static Result<Config> load(const QString &path);
    // The same from bytes (the file name is used in messages).
    static Result<Config> parse(const QByteArray &json, const QString &path);
};

// Parses `muelled [--config FILE] [--data-root DIR] [-H HOST]... [--group G] [--dbus-address A]
// [--log-level L] [-s DRIVER] [--insecure-registry R]...` (argv without the program name). InvalidArgument with the
// usage when the line is wrong.
Result<Config> configFromCommandLine(const QStringList &arguments);

} // namespace muelle::engine::daemon
