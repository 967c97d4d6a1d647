#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QString>

namespace Kura::Catalog {

// scrypt cost parameters. The defaults (N = 2^15, r = 8, p = 1) use 32 MiB and about 0.1 s
// per hash; tests may pass cheaper ones. verifyPassword reads the parameters from the stored
// string, so raising the defaults later keeps old hashes valid.
struct ScryptParams {
    quint64 n = 1u << 15; // CPU/memory cost, a power of two >= 2
    quint32 r = 8; // block size
    quint32 p = 1; // parallelism
};

// Hashes `password` with scrypt (OpenSSL EVP_PBE_scrypt) and a fresh 16-byte random salt.
// Returns "scrypt$N$r$p$<salt base64>$<hash base64>" (32-byte hash). Errors: InvalidArgument
// for parameters outside the limits verifyPassword accepts, Internal if OpenSSL fails.
Result<QString> hashPassword(const QString &password, const ScryptParams &params = {});

// Checks `password` against a string made by hashPassword, comparing in constant time.
// Returns false for a wrong password. Errors: Corrupt when `stored` is malformed or its
// parameters exceed the limits (N <= 2^20, r <= 32, p <= 16, memory <= 256 MiB), so a
// tampered row cannot make the server allocate without bound.
Result<bool> verifyPassword(const QString &password, const QString &stored);

// A new random secret (32 bytes, base64url without padding) for API keys, agent secrets
// and enrollment tokens. Only its tokenHash() is stored. Internal if the system random
// generator fails.
Result<QString> generateToken();

// Tokens handed to API clients and agents name their tenant so that the server can look
// them up within that tenant only: "<tenant id>.<secret>".
Result<QString> generateTenantToken(qint64 tenantId);
// The tenant id of a token made by generateTenantToken; InvalidArgument if malformed.
Result<qint64> tenantOfToken(const QString &token);

// SHA-256 of a high-entropy token, lower-case hex. Tokens are random, so no KDF is needed.
QString tokenHash(const QString &token);

} // namespace Kura::Catalog
