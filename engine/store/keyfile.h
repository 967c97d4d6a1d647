#pragma once

#include "crypto.h"

#include <QDateTime>

namespace Kura::Store {

// A key slot: the master key sealed with a key derived from one passphrase. A repository
// has one or more; any of them opens it. Stored as plaintext JSON in keys/<random id>.
struct KeyFile
{
    ScryptParams params;
    QByteArray salt;       // 32 random bytes
    QByteArray sealedKey;  // seal(derived key, MasterKey::serialize())
    QDateTime created;
    QString host;
};

QByteArray encodeKeyFile(const KeyFile &key);
Result<KeyFile> decodeKeyFile(const QByteArray &json);

// Seals `master` under `passphrase` with fresh salt.
Result<KeyFile> makeKeyFile(const MasterKey &master, const QByteArray &passphrase,
                            const ScryptParams &params);
// ErrorCode::Unauthorized when the passphrase does not open this slot.
Result<MasterKey> unlockKeyFile(const KeyFile &key, const QByteArray &passphrase);

} // namespace Kura::Store
