#include "password.h"

#include <QCryptographicHash>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    constexpr int SaltBytes = 16;
    constexpr int HashBytes = 32;
    constexpr quint64 MaxN = 1u << 20;
    constexpr quint32 MaxR = 32;
    constexpr quint32 MaxP = 16;
    constexpr quint64 MaxMemoryBytes = 256ull * 1024 * 1024;

    quint64 memoryNeeded(const ScryptParams &params)
    {
        return 128ull * params.n * params.r * (params.p + 1);
    }

    bool paramsAcceptable(const ScryptParams &params)
    {
        const bool powerOfTwo = params.n >= 2 && (params.n & (params.n - 1)) == 0;
        return powerOfTwo && params.n <= MaxN && params.r >= 1 && params.r <= MaxR && params.p >= 1
            && params.p <= MaxP && memoryNeeded(params) <= MaxMemoryBytes;
    }

    Result<QByteArray> scrypt(const QString &password, const QByteArray &salt,
        const ScryptParams &params, int outputBytes)
    {
        const QByteArray pass = password.toUtf8();
        QByteArray out(outputBytes, Qt::Uninitialized);
        const int ok = EVP_PBE_scrypt(pass.constData(), size_t(pass.size()),
            reinterpret_cast<const unsigned char *>(salt.constData()), size_t(salt.size()),
            params.n, params.r, params.p, memoryNeeded(params) + 1024 * 1024,
            reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()));
        if (ok != 1)
            return fail(ErrorCode::Internal,
                u"scrypt failed (N=%1, r=%2, p=%3)"_s.arg(params.n).arg(params.r).arg(params.p));
        return out;
    }

    struct StoredHash {
        ScryptParams params;
        QByteArray salt;
        QByteArray hash;
    };

    Result<StoredHash> parseStored(const QString &stored)
    {
        const QStringList parts = stored.split(u'$');
        auto corrupt = [](const QString &what) {
            return fail(ErrorCode::Corrupt, u"password hash: %1"_s.arg(what));
        };
        if (parts.size() != 6 || parts.at(0) != "scrypt"_L1)
            return corrupt(u"expected \"scrypt$N$r$p$salt$hash\""_s);
        bool okN = false, okR = false, okP = false;
        StoredHash out;
        out.params.n = parts.at(1).toULongLong(&okN);
        out.params.r = parts.at(2).toUInt(&okR);
        out.params.p = parts.at(3).toUInt(&okP);
        if (!okN || !okR || !okP || !paramsAcceptable(out.params))
            return corrupt(u"parameters N=%1 r=%2 p=%3 are out of range"_s.arg(
                parts.at(1), parts.at(2), parts.at(3)));
        const auto decode = QByteArray::fromBase64Encoding(
            parts.at(4).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        const auto hash = QByteArray::fromBase64Encoding(
            parts.at(5).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decode || !hash || decode.decoded.size() < 8 || hash.decoded.size() < 16
            || hash.decoded.size() > 64)
            return corrupt(u"salt or hash is not valid base64 of a sensible length"_s);
        out.salt = decode.decoded;
        out.hash = hash.decoded;
        return out;
    }

} // namespace

Result<QString> hashPassword(const QString &password, const ScryptParams &params)
{
    if (!paramsAcceptable(params))
        return fail(ErrorCode::InvalidArgument,
            u"scrypt parameters N=%1 r=%2 p=%3 are out of range"_s.arg(params.n).arg(params.r).arg(
                params.p));
    QByteArray salt(SaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), SaltBytes) != 1)
        return fail(ErrorCode::Internal, u"random salt generation failed"_s);
    auto hash = scrypt(password, salt, params, HashBytes);
    if (!hash)
        return fail(hash.error());
    return u"scrypt$%1$%2$%3$%4$%5"_s.arg(params.n).arg(params.r).arg(params.p).arg(
        QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash->toBase64()));
}

Result<bool> verifyPassword(const QString &password, const QString &stored)
{
    auto parsed = parseStored(stored);
    if (!parsed)
        return fail(parsed.error());
    auto hash = scrypt(password, parsed->salt, parsed->params, int(parsed->hash.size()));
    if (!hash)
        return fail(hash.error());
    return CRYPTO_memcmp(hash->constData(), parsed->hash.constData(), size_t(hash->size())) == 0;
}

Result<QString> generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1)
        return fail(ErrorCode::Internal, u"the system random generator failed"_s);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> generateTenantToken(qint64 tenantId)
{
    auto secret = generateToken();
    if (!secret)
        return fail(secret.error());
    return u"%1.%2"_s.arg(tenantId).arg(*secret);
}

Result<qint64> tenantOfToken(const QString &token)
{
    const qsizetype dot = token.indexOf(u'.');
    bool ok = false;
    const qint64 tenantId = dot > 0 ? token.left(dot).toLongLong(&ok) : 0;
    if (!ok || tenantId <= 0 || dot + 1 >= token.size())
        return fail(
            ErrorCode::InvalidArgument, u"token is not of the form \"<tenant id>.<secret>\""_s);
    return tenantId;
}

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Kura::Catalog
