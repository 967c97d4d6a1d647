#include "keyfile.h"

#include <QSysInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Kura::Store {

QByteArray encodeKeyFile(const KeyFile &key)
{
    const QJsonObject o {
        { u"version"_s, 1 },
        { u"kdf"_s, u"scrypt"_s },
        { u"n"_s, double(key.params.n) },
        { u"r"_s, double(key.params.r) },
        { u"p"_s, double(key.params.p) },
        { u"salt"_s, QString::fromLatin1(key.salt.toBase64()) },
        { u"data"_s, QString::fromLatin1(key.sealedKey.toBase64()) },
        { u"created"_s, key.created.toUTC().toString(Qt::ISODate) },
        { u"host"_s, key.host },
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<KeyFile> decodeKeyFile(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return fail(ErrorCode::Corrupt, QStringLiteral("key file is not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(u"version"_s).toInt(-1) != 1)
        return fail(ErrorCode::Unsupported, QStringLiteral("key file version is unknown"));
    if (o.value(u"kdf"_s).toString() != u"scrypt"_s)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("key derivation \"%1\" is unknown").arg(o.value(u"kdf"_s).toString()));
    KeyFile key;
    const double n = o.value(u"n"_s).toDouble(-1), r = o.value(u"r"_s).toDouble(-1),
                 p = o.value(u"p"_s).toDouble(-1);
    if (n < 0 || r < 0 || p < 0 || n > double(ScryptParams::MaxN) || r > ScryptParams::MaxR
        || p > ScryptParams::MaxP || n != double(quint64(n)) || r != double(quint32(r)) || p != double(quint32(p)))
        return fail(ErrorCode::Corrupt, QStringLiteral("key file has bad scrypt parameters"));
    key.params = { quint64(n), quint32(r), quint32(p) };
    KURA_TRY(key.params.validate());
    auto base64 = [&](const QString &field) -> Result<QByteArray> {
        auto decoded = QByteArray::fromBase64Encoding(o.value(field).toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(ErrorCode::Corrupt, QStringLiteral("key file field \"%1\" is not base64").arg(field));
        return *decoded;
    };
    auto salt = base64(u"salt"_s);
    auto data = base64(u"data"_s);
    if (!salt || !data)
        return fail(salt ? data.error() : salt.error());
    if (salt->size() < 16 || data->size() != 72 + SealOverhead)
        return fail(ErrorCode::Corrupt, QStringLiteral("key file salt or key has the wrong size"));
    key.salt = *salt;
    key.sealedKey = *data;
    key.created = QDateTime::fromString(o.value(u"created"_s).toString(), Qt::ISODate);
    key.host = o.value(u"host"_s).toString();
    return key;
}

Result<KeyFile> makeKeyFile(const MasterKey &master, const QByteArray &passphrase,
                            const ScryptParams &params)
{
    KeyFile key;
    key.params = params;
    key.salt = secureRandom(32);
    auto derived = deriveKey(passphrase, key.salt, params);
    if (!derived)
        return fail(derived.error());
    key.sealedKey = seal(*derived, master.serialize());
    key.created = QDateTime::currentDateTimeUtc();
    key.host = QSysInfo::machineHostName();
    return key;
}

Result<MasterKey> unlockKeyFile(const KeyFile &key, const QByteArray &passphrase)
{
    auto derived = deriveKey(passphrase, key.salt, key.params);
    if (!derived)
        return fail(derived.error());
    auto plain = unseal(*derived, key.sealedKey);
    if (!plain)
        return fail(ErrorCode::Unauthorized, QStringLiteral("the passphrase does not open this key"));
    return MasterKey::deserialize(*plain);
}

} // namespace Kura::Store
