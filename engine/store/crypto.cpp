#include "crypto.h"

#include <QtEndian>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

namespace Kura::Store {
namespace {

constexpr int NonceSize = 12;
constexpr int TagSize = 16;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// One cipher context per thread: creating contexts is far costlier than re-initialising.
EVP_CIPHER_CTX *threadCipherContext()
{
    thread_local CipherCtx ctx(EVP_CIPHER_CTX_new());
    return ctx.get();
}

const EVP_CIPHER *aesGcm()
{
    static const EVP_CIPHER *cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

const EVP_MD *sha256Md()
{
    static const EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

} // namespace

QByteArray secureRandom(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), int(size)) != 1)
        std::abort(); // no randomness means no safe keys or nonces: never continue
    return out;
}

MasterKey MasterKey::generate()
{
    MasterKey key;
    key.encryptionKey = secureRandom(32);
    key.idKey = secureRandom(32);
    key.chunkerSeed = qFromLittleEndian<quint64>(secureRandom(8).constData());
    return key;
}

QByteArray MasterKey::serialize() const
{
    QByteArray out = encryptionKey + idKey;
    out.resize(72);
    qToLittleEndian<quint64>(chunkerSeed, out.data() + 64);
    return out;
}

Result<MasterKey> MasterKey::deserialize(const QByteArray &bytes)
{
    if (bytes.size() != 72)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("master key has %1 bytes, expected 72").arg(bytes.size()));
    MasterKey key;
    key.encryptionKey = bytes.left(32);
    key.idKey = bytes.mid(32, 32);
    key.chunkerSeed = qFromLittleEndian<quint64>(bytes.constData() + 64);
    return key;
}

QByteArray seal(const QByteArray &key, const char *plaintext, qsizetype size)
{
    Q_ASSERT(key.size() == 32);
    QByteArray out(size + SealOverhead, Qt::Uninitialized);
    auto *dst = reinterpret_cast<unsigned char *>(out.data());
    if (RAND_bytes(dst, NonceSize) != 1)
        std::abort();
    EVP_CIPHER_CTX *ctx = threadCipherContext();
    int len = 0;
    bool ok = EVP_EncryptInit_ex2(ctx, aesGcm(), reinterpret_cast<const unsigned char *>(key.constData()),
                                  dst, nullptr) == 1
        && EVP_EncryptUpdate(ctx, dst + NonceSize, &len,
                             reinterpret_cast<const unsigned char *>(plaintext), int(size)) == 1
        && EVP_EncryptFinal_ex(ctx, dst + NonceSize + len, &len) == 1
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TagSize, dst + NonceSize + size) == 1;
    if (!ok)
        std::abort(); // encryption of valid input cannot fail short of a broken library
    return out;
}

Result<QByteArray> unseal(const QByteArray &key, const char *sealed, qsizetype size)
{
    if (size < SealOverhead)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("sealed object of %1 bytes is shorter than nonce and tag").arg(size));
    const qsizetype plainSize = size - SealOverhead;
    QByteArray out(plainSize, Qt::Uninitialized);
    const auto *src = reinterpret_cast<const unsigned char *>(sealed);
    EVP_CIPHER_CTX *ctx = threadCipherContext();
    int len = 0;
    QByteArray tag(sealed + NonceSize + plainSize, TagSize);
    bool ok = EVP_DecryptInit_ex2(ctx, aesGcm(), reinterpret_cast<const unsigned char *>(key.constData()),
                                  src, nullptr) == 1
        && EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char *>(out.data()), &len,
                             src + NonceSize, int(plainSize)) == 1
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TagSize, tag.data()) == 1
        && EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()) + len, &len) == 1;
    if (!ok)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("authentication tag mismatch (damaged data or wrong key)"));
    return out;
}

BlobId keyedHash(const QByteArray &idKey, const char *data, qsizetype size)
{
    // HMAC-SHA-256 built from two SHA-256 contexts whose key-dependent prefix state is
    // computed once per thread and key, then copied for every chunk.
    struct Prefix
    {
        QByteArray key;
        EVP_MD_CTX *inner = nullptr;
        EVP_MD_CTX *outer = nullptr;
        EVP_MD_CTX *work = nullptr;
        ~Prefix()
        {
            EVP_MD_CTX_free(inner);
            EVP_MD_CTX_free(outer);
            EVP_MD_CTX_free(work);
        }
    };
    thread_local Prefix prefix;
    if (prefix.key != idKey || !prefix.inner) {
        if (!prefix.inner) {
            prefix.inner = EVP_MD_CTX_new();
            prefix.outer = EVP_MD_CTX_new();
            prefix.work = EVP_MD_CTX_new();
        }
        unsigned char ipad[64], opad[64];
        for (int i = 0; i < 64; ++i) {
            const unsigned char k = i < idKey.size() ? static_cast<unsigned char>(idKey[i]) : 0;
            ipad[i] = k ^ 0x36;
            opad[i] = k ^ 0x5c;
        }
        EVP_DigestInit_ex(prefix.inner, sha256Md(), nullptr);
        EVP_DigestUpdate(prefix.inner, ipad, 64);
        EVP_DigestInit_ex(prefix.outer, sha256Md(), nullptr);
        EVP_DigestUpdate(prefix.outer, opad, 64);
        prefix.key = idKey;
    }
    unsigned char innerDigest[32];
    BlobId id;
    EVP_MD_CTX_copy_ex(prefix.work, prefix.inner);
    EVP_DigestUpdate(prefix.work, data, size_t(size));
    EVP_DigestFinal_ex(prefix.work, innerDigest, nullptr);
    EVP_MD_CTX_copy_ex(prefix.work, prefix.outer);
    EVP_DigestUpdate(prefix.work, innerDigest, 32);
    EVP_DigestFinal_ex(prefix.work, id.bytes.data(), nullptr);
    return id;
}

BlobId sha256(const char *data, qsizetype size)
{
    Sha256Stream stream;
    stream.add(data, size);
    return stream.finish();
}

Sha256Stream::Sha256Stream()
    : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(m_ctx), sha256Md(), nullptr);
}

Sha256Stream::~Sha256Stream()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
}

void Sha256Stream::add(const char *data, qsizetype size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), data, size_t(size));
}

BlobId Sha256Stream::finish()
{
    BlobId id;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(m_ctx), id.bytes.data(), nullptr);
    return id;
}

Status ScryptParams::validate() const
{
    if (n < 2 || (n & (n - 1)) != 0 || n > MaxN)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("scrypt N=%1 is not a power of two up to %2").arg(n).arg(MaxN));
    if (r < 1 || r > MaxR || p < 1 || p > MaxP)
        return fail(ErrorCode::Corrupt, QStringLiteral("scrypt r=%1 p=%2 out of range").arg(r).arg(p));
    // Bound memory (128·r·N bytes) and total work (memory × p), not just each factor.
    const quint64 memory = 128ull * r * n;
    if (memory > MaxMemoryBytes || memory * p > MaxMemoryBytes * 4)
        return fail(ErrorCode::Corrupt, QStringLiteral("scrypt N=%1 r=%2 p=%3 asks for too much memory or work")
                                            .arg(n)
                                            .arg(r)
                                            .arg(p));
    return {};
}

Result<QByteArray> deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                             const ScryptParams &params)
{
    KURA_TRY(params.validate());
    QByteArray out(32, Qt::Uninitialized);
    const quint64 maxMemory = 128ull * params.r * params.n * 2 + (64ull << 20);
    if (EVP_PBE_scrypt(passphrase.constData(), size_t(passphrase.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()), size_t(salt.size()),
                       params.n, params.r, params.p, maxMemory,
                       reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()))
        != 1)
        return fail(ErrorCode::Internal, QStringLiteral("scrypt key derivation failed"));
    return out;
}

} // namespace Kura::Store
