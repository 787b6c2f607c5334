#pragma once
// The two Firewall implementations, chosen by makeFirewall().

#include "engine/network/firewall.h"

namespace muelle::engine::network {

std::unique_ptr<Firewall> makeNftables(const QString &table);
std::unique_ptr<Firewall> makeIptables(const QString &chain);

} // namespace muelle::engine::network
