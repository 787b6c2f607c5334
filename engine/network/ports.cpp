#include "engine/network/ports.h"

#include "engine/network/proxy_p.h"

namespace muelle::engine::network {
namespace {

// The host IP as docker's messages show it: "" is "0.0.0.0".
QString shownIp(const PortBinding &binding)
{
    return binding.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : binding.hostIp;
}

QString keyOf(const PortBinding &binding)
{
    return QStringLiteral("%1/%2:%3").arg(binding.protocol, shownIp(binding)).arg(binding.hostPort);
}

// DNAT rules exist for IPv4 only, and never help loopback traffic.
bool needsForward(const QHostAddress &hostIp)
{
    return hostIp.isNull() || (hostIp.protocol() == QAbstractSocket::IPv4Protocol && !hostIp.isLoopback());
}

Result<QHostAddress> listenAddress(const PortBinding &binding, const QString &what)
{
    if (binding.protocol == QLatin1String("sctp"))
        return fail(Code::Unimplemented, what + QStringLiteral(": sctp ports are not supported"));
    if (binding.protocol != QLatin1String("tcp") && binding.protocol != QLatin1String("udp"))
        return fail(Code::InvalidArgument, what + QStringLiteral(": invalid protocol"));
    if (binding.containerPort < 1 || binding.containerPort > 65535 || binding.hostPort < 0 || binding.hostPort > 65535)
        return fail(Code::InvalidArgument, what + QStringLiteral(": invalid port"));
    if (binding.hostIp.isEmpty() || binding.hostIp == QLatin1String("0.0.0.0"))
        return QHostAddress(QHostAddress::Any);
    const QHostAddress address(binding.hostIp);
    if (address.isNull())
        return fail(Code::InvalidArgument, what + QStringLiteral(": invalid host IP"));
    return address;
}

} // namespace

struct PortMapper::Held {
    PortBinding binding;
    std::unique_ptr<Proxy> proxy;
    std::optional<PortForward> forward;
};

PortMapper::PortMapper(Firewall &firewall, QObject *parent) : QObject(parent), firewall_(firewall) { }

PortMapper::~PortMapper() = default;

Result<PortBinding> PortMapper::publish(const PortBinding &requested, const QHostAddress &containerIp)
{
    PortBinding binding = requested;
    if (binding.hostIp == QLatin1String("0.0.0.0"))
        binding.hostIp.clear();
    const QString what = QStringLiteral("publish \"%1:%2:%3/%4\"")
                             .arg(shownIp(binding))
                             .arg(binding.hostPort)
                             .arg(binding.containerPort)
                             .arg(binding.protocol);
    auto listen = listenAddress(binding, what);
    if (!listen)
        return fail(listen.error());
    if (containerIp.protocol() != QAbstractSocket::IPv4Protocol)
        return fail(Code::InvalidArgument, what + QStringLiteral(": the container needs an IPv4 address"));
    for (const auto &held : std::as_const(held_)) {
        const PortBinding &other = held->binding;
        if (binding.hostPort != 0 && other.hostPort == binding.hostPort && other.protocol == binding.protocol
            && (other.hostIp.isEmpty() || binding.hostIp.isEmpty() || other.hostIp == binding.hostIp))
            return fail(Code::Conflict,
                QStringLiteral("Bind for %1:%2 failed: port is already allocated")
                    .arg(shownIp(binding))
                    .arg(binding.hostPort));
    }

    auto proxy = startProxy(binding.protocol, *listen, binding.hostPort, containerIp, binding.containerPort);
    if (!proxy && proxy.error().code == Code::Conflict) {
        const QString family
            = listen->protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("6") : QStringLiteral("4");
        return fail(Code::Conflict,
            QStringLiteral("Error starting userland proxy: listen %1%2 %3:%4: bind: address already in use")
                .arg(binding.protocol, family, shownIp(binding))
                .arg(binding.hostPort));
    }
    if (!proxy)
        return fail(proxy.error().context(what + QStringLiteral(": start userland proxy")));
    binding.hostPort = (*proxy)->port();

    auto held = std::make_shared<Held>(Held{ binding, std::move(*proxy), std::nullopt });
    const QHostAddress hostIp = binding.hostIp.isEmpty() ? QHostAddress() : *listen;
    if (needsForward(hostIp)) {
        const PortForward forward{ binding.protocol, hostIp, binding.hostPort, containerIp, binding.containerPort };
        if (auto added = firewall_.addForward(forward); !added)
            return fail(added.error().context(what));
        held->forward = forward;
    }
    held_.insert(keyOf(binding), held);
    return binding;
}

Result<> PortMapper::unpublish(const PortBinding &published)
{
    PortBinding binding = published;
    if (binding.hostIp == QLatin1String("0.0.0.0"))
        binding.hostIp.clear();
    const QString what = QStringLiteral("unpublish \"%1\"").arg(keyOf(binding));
    // Taking it out first stops its proxy whatever happens to the rules.
    const std::shared_ptr<Held> held = held_.take(keyOf(binding));
    PortForward forward{ binding.protocol, QHostAddress(binding.hostIp), binding.hostPort, {}, 0 };
    if (held && held->forward)
        forward = *held->forward;
    if (auto removed = firewall_.removeForward(forward); !removed)
        return fail(removed.error().context(what));
    if (auto unused = firewall_.removeIfUnused(); !unused)
        return fail(unused.error().context(what));
    return {};
}

} // namespace muelle::engine::network
