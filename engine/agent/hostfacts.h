#pragma once

#include <protocol/messages_session.h>

namespace Kura::Agent {

// The facts an agent reports about its host (SPEC §1): host name, OS id and version from
// os-release, architecture, the flavor label given in the agent's settings, the agent's
// version and the host's non-loopback addresses. An empty `flavor` reports the machine's size.
Protocol::HostFacts collectHostFacts(const QString &flavor, const QString &agentVersion);

} // namespace Kura::Agent
