#pragma once

#include <QByteArray>
#include <QString>

namespace Kura::Api {

// How agents reach this server, as written into agent packages (docs/protocol.md, "Agent
// package"). kura-server fills it from its agent listener's configuration.
struct ServerIdentity {
    QString agentAddress; // "host:port" agents dial, as seen from their networks
    QString drAddress; // "host:port" of the disaster-recovery server; empty when there is none
    QByteArray certificateSha256; // SHA-256 of the listener's TLS certificate (DER), 32 bytes
};

} // namespace Kura::Api
