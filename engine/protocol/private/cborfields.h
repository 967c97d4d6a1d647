#pragma once

#include <core/error.h>
#include <protocol/messagetype.h>

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Typed, bounded access to the fields of a received CBOR map. Every failure is an
// ErrorCode::Corrupt error that names the message and the field ("job-start: field
// \"includePaths\" item 3 is not a text string"). Absent optional fields yield the default.
namespace Kura::Protocol::Detail {

inline constexpr qsizetype MaxTextBytes = 64 * 1024;      // any single text field
inline constexpr qsizetype MaxPathBytes = 4096;           // a file system path
inline constexpr qsizetype MaxListItems = 4096;           // any list

class FieldReader
{
public:
    FieldReader(const QCborMap &map, const char *messageName) : m_map(map), m_message(messageName)
    {
    }

    bool has(const char *key) const;
    Result<QString> text(const char *key, qsizetype maxBytes = MaxTextBytes) const;
    Result<qint64> integer(const char *key, qint64 min, qint64 max) const;
    Result<bool> boolean(const char *key) const;
    // Bytes of exactly `exactBytes` (when > 0) or at most `maxBytes`.
    Result<QByteArray> bytes(const char *key, qsizetype exactBytes, qsizetype maxBytes = 0) const;
    Result<QStringList> textList(const char *key, qsizetype maxItems, qsizetype maxBytes) const;
    Result<QList<QByteArray>> bytesList(const char *key, qsizetype maxItems, qsizetype exactBytes) const;
    Result<QCborMap> map(const char *key) const;
    Result<QCborArray> array(const char *key, qsizetype maxItems) const;

    Error error(const char *key, const QString &problem) const;

private:
    Result<QCborValue> value(const char *key) const;

    const QCborMap &m_map;
    const char *m_message;
};

// Optional variants: return `fallback` when the key is absent, the error when present but bad.
Result<QString> optionalText(const FieldReader &reader, const char *key, qsizetype maxBytes);
Result<qint64> optionalInteger(const FieldReader &reader, const char *key, qint64 min, qint64 max,
                               qint64 fallback);
Result<QStringList> optionalTextList(const FieldReader &reader, const char *key,
                                     qsizetype maxItems, qsizetype maxBytes);
Result<QByteArray> optionalBytes(const FieldReader &reader, const char *key, qsizetype exactBytes);

// A map holding only the "t" key of `type`, to which toCbor() adds the fields.
QCborMap messageMap(MessageType type);

QCborArray toCborArray(const QStringList &list);
QCborArray toCborArray(const QList<QByteArray> &list);

} // namespace Kura::Protocol::Detail


