// A container's OCI bundle: its root filesystem mounted, the files the
// engine writes for it (hostname, hosts, resolv.conf), and config.json.
#include "engine/containers/bundle.h"

#include "engine/containers/networking.h"
#include "engine/containers/store.h"
#include "engine/containers/volumemounts.h"
#include "engine/images/images.h"
#include "engine/runtime/ocispec.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <sys/resource.h>

namespace muelle::engine::containers {
namespace {

Result<> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(path, file.errorString()));
    return {};
}

qint64 hardLimit(int resource)
{
    rlimit limit{};
    if (::getrlimit(resource, &limit) != 0 || limit.rlim_max == RLIM_INFINITY)
        return 0;
    return qint64(limit.rlim_max);
}

// The host's resolv.conf without loopback name servers, which mean nothing
// inside the container's own network namespace.
QByteArray resolvConf(const Spec &spec, bool hostNetwork)
{
    QFile host(QStringLiteral("/etc/resolv.conf"));
    QByteArray text = host.open(QIODevice::ReadOnly) ? host.readAll() : QByteArray();
    if (!spec.dns.isEmpty() || !spec.dnsSearch.isEmpty() || !spec.dnsOptions.isEmpty()) {
        QByteArray own;
        for (const QString &server : spec.dns)
            own += "nameserver " + server.toUtf8() + '\n';
        if (!spec.dnsSearch.isEmpty())
            own += "search " + spec.dnsSearch.join(u' ').toUtf8() + '\n';
        if (!spec.dnsOptions.isEmpty())
            own += "options " + spec.dnsOptions.join(u' ').toUtf8() + '\n';
        return own;
    }
    if (hostNetwork)
        return text;
    QByteArray kept;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("nameserver") && (trimmed.contains(" 127.") || trimmed.contains(" ::1")))
            continue;
        if (!line.isEmpty())
            kept += line + '\n';
    }
    return kept;
}

} // namespace

Result<QString> BundleWriter::writeNetworkFiles(const Container &container)
{
    const Paths &paths = store_.paths();
    const bool hostNetwork = container.spec.networkMode == QLatin1String("host");
    const QString hostname = hostNetwork    ? QHostInfo::localHostName()
        : container.spec.hostname.isEmpty() ? container.shortId()
                                            : container.spec.hostname;
    const QByteArray hosts = networking_.hostsFileOf(container);
    if (auto written = writeFile(paths.containerHostname(container.id), hostname.toUtf8() + '\n'); !written)
        return fail(written.error());
    if (auto written = writeFile(paths.containerHosts(container.id), hosts); !written)
        return fail(written.error());
    if (auto written = writeFile(paths.containerResolvConf(container.id), resolvConf(container.spec, hostNetwork));
        !written)
        return fail(written.error());
    return hostname;
}

Result<const Container *> BundleWriter::networkContainerOf(const Container &container)
{
    auto joined = store_.lookup(container.spec.networkMode.section(u':', 1));
    if (!joined)
        return fail(joined.error());
    if ((*joined)->id == container.id)
        return fail(Code::InvalidArgument, QStringLiteral("cannot join own network"));
    if (!(*joined)->running() || (*joined)->state.pid <= 0)
        return fail(
            Code::Conflict, QStringLiteral("cannot join network of a non running container: %1").arg((*joined)->id));
    return *joined;
}

Result<QString> BundleWriter::write(Container &container)
{
    const Paths &paths = store_.paths();
    auto details = store_.images().inspect(container.image.toString());
    if (!details)
        return fail(details.error());
    const QString dir = paths.container(container.id);
    if (!QDir().mkpath(dir))
        return fail(Code::Internal, QStringLiteral("mkdir \"%1\" failed").arg(dir));
    // --network container:<name> shares that container's network namespace
    // and the files that go with it: its hostname, hosts and resolv.conf.
    QString networkOwner = container.id;
    QString networkNamespace;
    Result<QString> hostname = QString();
    if (container.spec.networkMode.startsWith(QLatin1String("container:"))) {
        auto joined = networkContainerOf(container);
        if (!joined)
            return fail(joined.error());
        networkOwner = (*joined)->id;
        networkNamespace = QStringLiteral("/proc/%1/ns/net").arg((*joined)->state.pid);
        QFile file(paths.containerHostname(networkOwner));
        hostname = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().trimmed()) : (*joined)->shortId();
    } else {
        hostname = writeNetworkFiles(container);
    }
    if (!hostname)
        return hostname;
    const snapshots::WritableLayer layer = store_.layerOf(container);
    auto rootfs = layer.mount();
    if (!rootfs)
        return rootfs;

    runtime::BundleInputs inputs;
    inputs.id = container.id;
    inputs.spec = container.spec;
    inputs.spec.hostname = *hostname;
    inputs.image = details->config;
    inputs.rootfs = *rootfs;
    inputs.namespaces.hostNetwork = container.spec.networkMode == QLatin1String("host");
    inputs.namespaces.networkPath = networkNamespace;
    inputs.hostsFile = paths.containerHosts(networkOwner);
    inputs.resolvConfFile = paths.containerResolvConf(networkOwner);
    inputs.hostnameFile = paths.containerHostname(networkOwner);
    inputs.initPath = store_.settings().initPath;
    inputs.cgroupsPath = Paths::containerCgroup(container.id);
    inputs.hostNofileHard = hardLimit(RLIMIT_NOFILE);
    inputs.hostNprocHard = hardLimit(RLIMIT_NPROC);
    auto mounts = store_.volumes().resolve(container, *rootfs);
    if (!mounts) {
        layer.unmount();
        return fail(mounts.error());
    }
    inputs.mounts = *mounts;
    auto spec = runtime::runtimeSpec(inputs);
    if (!spec) {
        layer.unmount();
        return fail(spec.error());
    }
    if (auto written
        = writeFile(paths.containerConfig(container.id), QJsonDocument(*spec).toJson(QJsonDocument::Compact));
        !written)
        return fail(written.error());
    return rootfs;
}

} // namespace muelle::engine::containers
