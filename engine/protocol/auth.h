#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QString>

// Challenge-response authentication of an enrolled agent (docs/protocol.md, "Authentication").
//
// The server sends a fresh random nonce; the agent answers with
//   mac = HMAC-SHA-256(key = agent secret, data = "kura-agent-auth-v1" || 0x00 || nonce || agentId)
// (agentId as UTF-8). The secret never crosses the wire after enrollment, a captured mac is
// useless for another nonce, and binding the agent id stops a mac made for one identity from
// being presented for another.
namespace Kura::Protocol {

// `size` cryptographically random bytes (OpenSSL RAND_bytes). Unavailable when the random
// generator fails.
Result<QByteArray> randomBytes(qsizetype size);
// A new challenge nonce of NonceBytes.
Result<QByteArray> newAuthNonce();
// A new agent secret of SecretBytes, issued at enrollment.
Result<QByteArray> newAgentSecret();

// The mac an agent holding `secret` sends for `nonce`. InvalidArgument when the secret or the
// nonce has the wrong size.
Result<QByteArray> authMac(const QByteArray &secret, const QByteArray &nonce, const QString &agentId);
// Recomputes the mac and compares in constant time. Unauthorized when it does not match.
Status verifyAuthMac(const QByteArray &secret, const QByteArray &nonce, const QString &agentId,
                     const QByteArray &mac);

} // namespace Kura::Protocol
