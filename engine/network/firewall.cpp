#include "engine/network/firewall.h"

#include "engine/network/command_p.h"
#include "engine/network/firewall_p.h"

namespace muelle::engine::network {

FirewallBackend detectFirewallBackend()
{
    return run({ QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("tables") }) ? FirewallBackend::Nftables
                                                                                            : FirewallBackend::Iptables;
}

std::unique_ptr<Firewall> makeFirewall(const FirewallOptions &options)
{
    if (options.backend == FirewallBackend::Nftables)
        return makeNftables(options.table);
    return makeIptables(options.chain);
}

QString masqueradeComment(const QString &bridge)
{
    return QStringLiteral("muelle:net:") + bridge;
}

QString forwardComment(const PortForward &forward)
{
    const QString host = forward.hostIp.isNull() ? QStringLiteral("0.0.0.0") : forward.hostIp.toString();
    return QStringLiteral("muelle:port:%1:%2:%3").arg(forward.protocol, host).arg(forward.hostPort);
}

} // namespace muelle::engine::network
