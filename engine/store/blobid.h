#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>

namespace Kura::Store {

// A 32-byte identifier: a blob's keyed hash (HMAC-SHA-256 of its plaintext) or a file's
// SHA-256 (packs, index and snapshot objects are named by the hash of their stored bytes).
struct BlobId
{
    std::array<std::uint8_t, 32> bytes {};

    static constexpr int Size = 32;

    bool isNull() const
    {
        for (auto b : bytes)
            if (b)
                return false;
        return true;
    }
    QByteArray toByteArray() const
    {
        return QByteArray(reinterpret_cast<const char *>(bytes.data()), Size);
    }
    QString toHex() const { return QString::fromLatin1(toByteArray().toHex()); }
    // Parses 32 raw bytes; nullopt when the size is wrong.
    static std::optional<BlobId> fromBytes(const char *data, qsizetype size)
    {
        if (size != Size)
            return std::nullopt;
        BlobId id;
        std::memcpy(id.bytes.data(), data, Size);
        return id;
    }
    static std::optional<BlobId> fromByteArray(const QByteArray &raw)
    {
        return fromBytes(raw.constData(), raw.size());
    }
    // Parses 64 hex digits; nullopt on anything else.
    static std::optional<BlobId> fromHex(QStringView hex);

    auto operator<=>(const BlobId &) const = default;
    bool operator==(const BlobId &) const = default;
};

struct BlobIdHash
{
    std::size_t operator()(const BlobId &id) const noexcept
    {
        std::size_t h;
        std::memcpy(&h, id.bytes.data(), sizeof h); // ids are uniformly distributed
        return h;
    }
};

inline std::optional<BlobId> BlobId::fromHex(QStringView hex)
{
    if (hex.size() != Size * 2)
        return std::nullopt;
    for (QChar c : hex)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return std::nullopt;
    return fromByteArray(QByteArray::fromHex(hex.toLatin1()));
}

inline size_t qHash(const BlobId &id, size_t seed = 0) noexcept
{
    return BlobIdHash()(id) ^ seed;
}

enum class BlobType : std::uint8_t { Data = 0, Tree = 1 };

} // namespace Kura::Store
