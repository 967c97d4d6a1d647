#pragma once

#include "blobid.h"

#include <core/error.h>

#include <QByteArray>

namespace Kura::Store {

// The secret material of one repository, created at init and stored only wrapped by a
// passphrase in key files. All blobs and metadata objects are sealed with encryptionKey;
// chunk ids are HMAC-SHA-256 with idKey; chunk boundaries depend on chunkerSeed so that
// they do not reveal content to someone who can only see sizes.
struct MasterKey
{
    QByteArray encryptionKey; // 32 bytes, AES-256-GCM
    QByteArray idKey;         // 32 bytes, HMAC-SHA-256
    quint64 chunkerSeed = 0;

    static MasterKey generate();
    QByteArray serialize() const;                        // 72 bytes
    static Result<MasterKey> deserialize(const QByteArray &bytes);
};

// Cryptographically random bytes (OpenSSL RAND_bytes). Aborts only if the system RNG fails.
QByteArray secureRandom(qsizetype size);

// AES-256-GCM: output = 12-byte random nonce || ciphertext || 16-byte tag.
// Sealed size = plaintext size + SealOverhead.
constexpr qsizetype SealOverhead = 12 + 16;
QByteArray seal(const QByteArray &key, const char *plaintext, qsizetype size);
inline QByteArray seal(const QByteArray &key, const QByteArray &plaintext)
{
    return seal(key, plaintext.constData(), plaintext.size());
}
// Verifies and decrypts; ErrorCode::Corrupt if the tag does not match (wrong key or damage).
Result<QByteArray> unseal(const QByteArray &key, const char *sealed, qsizetype size);
inline Result<QByteArray> unseal(const QByteArray &key, const QByteArray &sealed)
{
    return unseal(key, sealed.constData(), sealed.size());
}

// Keyed chunk id: HMAC-SHA-256(idKey, data). Thread-safe (per-thread contexts).
BlobId keyedHash(const QByteArray &idKey, const char *data, qsizetype size);
// Plain SHA-256 (names of packs and metadata objects).
BlobId sha256(const char *data, qsizetype size);
inline BlobId sha256(const QByteArray &data) { return sha256(data.constData(), data.size()); }

// Incremental SHA-256 for data written in pieces (pack files).
class Sha256Stream
{
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream &) = delete;
    Sha256Stream &operator=(const Sha256Stream &) = delete;
    void add(const char *data, qsizetype size);
    BlobId finish();

private:
    void *m_ctx;
};

// scrypt parameters; stored in each key file. Limits protect against key files that ask
// for absurd memory or time.
struct ScryptParams
{
    quint64 n = 1u << 15; // CPU/memory cost, power of two
    quint32 r = 8;
    quint32 p = 1;
    static constexpr quint64 MaxN = 1u << 22;
    static constexpr quint32 MaxR = 32;
    static constexpr quint32 MaxP = 16;
    static constexpr quint64 MaxMemoryBytes = 1ull << 30;
    Status validate() const;
};

// Derives a 32-byte key-encryption key from a passphrase (memory-hard scrypt).
Result<QByteArray> deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                             const ScryptParams &params);

} // namespace Kura::Store
