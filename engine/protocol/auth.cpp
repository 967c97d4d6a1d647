#include "auth.h"

#include "messagetype.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

static constexpr char AuthLabel[] = "kura-agent-auth-v1";

Result<QByteArray> randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    if (size > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(size)) != 1)
        return fail(ErrorCode::Unavailable, u"the system random generator failed"_s, true);
    return bytes;
}

Result<QByteArray> newAuthNonce()
{
    return randomBytes(NonceBytes);
}

Result<QByteArray> newAgentSecret()
{
    return randomBytes(SecretBytes);
}

Result<QByteArray> authMac(const QByteArray &secret, const QByteArray &nonce, const QString &agentId)
{
    if (secret.size() != SecretBytes)
        return fail(ErrorCode::InvalidArgument, u"agent secret has %1 bytes, expected %2"_s.arg(secret.size()).arg(SecretBytes));
    if (nonce.size() != NonceBytes)
        return fail(ErrorCode::InvalidArgument, u"nonce has %1 bytes, expected %2"_s.arg(nonce.size()).arg(NonceBytes));
    QByteArray data(AuthLabel, sizeof(AuthLabel)); // includes the terminating 0x00
    data += nonce;
    data += agentId.toUtf8();
    QByteArray mac(MacBytes, Qt::Uninitialized);
    unsigned int macLength = 0;
    const unsigned char *result = HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
                                       reinterpret_cast<const unsigned char *>(data.constData()),
                                       size_t(data.size()),
                                       reinterpret_cast<unsigned char *>(mac.data()), &macLength);
    if (!result || macLength != unsigned(MacBytes))
        return fail(ErrorCode::Internal, u"HMAC-SHA-256 failed"_s);
    return mac;
}

Status verifyAuthMac(const QByteArray &secret, const QByteArray &nonce, const QString &agentId,
                     const QByteArray &mac)
{
    auto expected = authMac(secret, nonce, agentId);
    if (!expected)
        return fail(expected.error());
    if (mac.size() != expected->size()
        || CRYPTO_memcmp(mac.constData(), expected->constData(), size_t(mac.size())) != 0)
        return fail(ErrorCode::Unauthorized, u"authentication failed for agent \"%1\""_s.arg(agentId));
    return {};
}

} // namespace Kura::Protocol
