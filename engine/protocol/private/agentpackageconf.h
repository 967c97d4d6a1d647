#pragma once

// kura-agent.conf, the JSON file inside an agent package (agentpackage.h), and the checks of
// every field. Internal to kura_protocol.
#include <protocol/agentpackage.h>

namespace Kura::Protocol::Detail {

// InvalidArgument naming the first bad field of `package` ("agent package: field \"token\"
// is empty").
Status validateAgentConf(const AgentPackage &package);

// The JSON text of a valid package (see agentpackage.h for the layout).
QByteArray agentConfToJson(const AgentPackage &package);

// Parses kura-agent.conf. Corrupt naming the field; Unsupported for a newer "format".
Result<AgentPackage> agentConfFromJson(const QByteArray &json);

} // namespace Kura::Protocol::Detail
