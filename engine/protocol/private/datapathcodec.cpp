#include "datapathcodec.h"

#include <protocol/frame.h>

#include <QtEndian>

#include <cstring>
#include <string_view>

namespace Kura::Protocol::Detail {
namespace {

// CBOR initial bytes (RFC 8949 §3): major type in the top three bits.
constexpr quint8 MajorUnsigned = 0x00;
constexpr quint8 MajorBytes = 0x40;
constexpr quint8 MajorText = 0x60;
constexpr quint8 MajorMap = 0xA0;
constexpr quint8 OneByteFollows = 24;

class Writer
{
public:
    explicit Writer(qsizetype reserve) { m_out.reserve(reserve); }

    void head(quint8 major, quint64 value)
    {
        if (value < OneByteFollows) {
            put(quint8(major | value));
        } else if (value <= 0xFF) {
            put(quint8(major | OneByteFollows));
            put(quint8(value));
        } else if (value <= 0xFFFF) {
            put(quint8(major | (OneByteFollows + 1)));
            putBigEndian(quint16(value));
        } else if (value <= 0xFFFFFFFFu) {
            put(quint8(major | (OneByteFollows + 2)));
            putBigEndian(quint32(value));
        } else {
            put(quint8(major | (OneByteFollows + 3)));
            putBigEndian(quint64(value));
        }
    }
    void text(std::string_view s)
    {
        head(MajorText, s.size());
        m_out.append(s.data(), qsizetype(s.size()));
    }
    // The map's head and its "t" key, for a message of `fields` more keys.
    void message(std::string_view type, quint64 fields)
    {
        head(MajorMap, fields + 1);
        text("t");
        text(type);
    }
    void field(std::string_view key, std::string_view value)
    {
        text(key);
        text(value);
    }
    void field(std::string_view key, qint64 value)
    {
        text(key);
        head(MajorUnsigned, quint64(value));
    }
    void bytes(const QByteArray &b)
    {
        head(MajorBytes, quint64(b.size()));
        m_out.append(b);
    }
    QByteArray take() { return std::move(m_out); }

private:
    void put(quint8 byte) { m_out.append(char(byte)); }
    template<class T>
    void putBigEndian(T value)
    {
        char buffer[sizeof(T)];
        qToBigEndian(value, buffer);
        m_out.append(buffer, sizeof(T));
    }

    QByteArray m_out;
};

// Matches the canonical encoding only: every method returns false (or nullopt) on anything
// else, and the caller gives up on the fast path.
class Matcher
{
public:
    explicit Matcher(const QByteArray &in)
        : m_at(reinterpret_cast<const quint8 *>(in.constData())), m_end(m_at + in.size())
    {
    }

    // The head of `major` with its argument in the shortest form.
    std::optional<quint64> head(quint8 major)
    {
        if (m_at == m_end || (*m_at & 0xE0) != major)
            return std::nullopt;
        const quint8 info = *m_at++ & 0x1F;
        if (info < OneByteFollows)
            return info;
        if (info > OneByteFollows + 3)
            return std::nullopt;
        const qsizetype width = qsizetype(1) << (info - OneByteFollows);
        if (m_end - m_at < width)
            return std::nullopt;
        quint64 value = 0;
        for (qsizetype i = 0; i < width; ++i)
            value = (value << 8) | *m_at++;
        const quint64 shortestBelow = width == 1 ? OneByteFollows : quint64(1) << (4 * width);
        if (value < shortestBelow)
            return std::nullopt; // a longer form than needed
        return value;
    }
    bool text(std::string_view s)
    {
        const quint8 *start = m_at;
        const auto length = head(MajorText);
        if (!length || *length != s.size() || quint64(m_end - m_at) < *length
            || std::memcmp(m_at, s.data(), s.size()) != 0) {
            m_at = start;
            return false;
        }
        m_at += s.size();
        return true;
    }
    std::optional<QByteArray> bytes(qsizetype exactly)
    {
        const auto length = head(MajorBytes);
        if (!length || *length != quint64(exactly) || m_end - m_at < exactly)
            return std::nullopt;
        QByteArray out(reinterpret_cast<const char *>(m_at), exactly);
        m_at += exactly;
        return out;
    }
    std::optional<qint64> integer(qint64 min, qint64 max)
    {
        const auto value = head(MajorUnsigned);
        if (!value || *value > quint64(max) || qint64(*value) < min)
            return std::nullopt;
        return qint64(*value);
    }
    bool atEnd() const { return m_at == m_end; }

private:
    const quint8 *m_at;
    const quint8 *m_end;
};

constexpr std::string_view ChunkDataName = "chunk_data";
constexpr std::string_view ChunkAckName = "chunk_ack";

bool validLength(qint64 length)
{
    return length >= 0 && length <= qint64(MaxDataPayloadBytes);
}

std::optional<QByteArray> encode(const ChunkData &chunk)
{
    if (chunk.id.size() != ChunkIdBytes || !validLength(chunk.rawLength) || !validLength(chunk.storedLength))
        return std::nullopt;
    Writer out(96);
    out.message(ChunkDataName, 5);
    out.text("id");
    out.bytes(chunk.id);
    out.field("kind", blobKindName(chunk.kind));
    out.field("rawLength", chunk.rawLength);
    out.field("compression", compressionName(chunk.compression));
    out.field("storedLength", chunk.storedLength);
    return out.take();
}

std::optional<QByteArray> encode(const ChunkAck &ack)
{
    if (ack.bytes < 1 || ack.bytes > MaxReceiveWindowBytes)
        return std::nullopt;
    Writer out(24);
    out.message(ChunkAckName, 1);
    out.field("bytes", ack.bytes);
    return out.take();
}

// One of the two names of an enum with two values, or nullopt for anything else.
template<class Enum>
std::optional<Enum> either(Matcher &in, Enum a, Enum b, const char *(*nameOf)(Enum))
{
    if (in.text(nameOf(a)))
        return a;
    if (in.text(nameOf(b)))
        return b;
    return std::nullopt;
}

std::optional<Message> decodeChunkData(Matcher &in)
{
    if (!in.text("id"))
        return std::nullopt;
    auto id = in.bytes(ChunkIdBytes);
    const auto kind = id && in.text("kind") ? either(in, BlobKind::Data, BlobKind::Tree, blobKindName) : std::nullopt;
    const auto raw = kind && in.text("rawLength") ? in.integer(0, MaxDataPayloadBytes) : std::nullopt;
    const auto compression = raw && in.text("compression")
        ? either(in, Compression::None, Compression::Zstd, compressionName)
        : std::nullopt;
    const auto stored = compression && in.text("storedLength") ? in.integer(0, MaxDataPayloadBytes) : std::nullopt;
    if (!stored || !in.atEnd() || (*compression == Compression::None && *stored != *raw))
        return std::nullopt;
    return Message(ChunkData{std::move(*id), *kind, *raw, *compression, *stored});
}

} // namespace

std::optional<QByteArray> encodeDataPathMessage(const Message &message)
{
    if (const auto *chunk = std::get_if<ChunkData>(&message))
        return encode(*chunk);
    if (const auto *ack = std::get_if<ChunkAck>(&message))
        return encode(*ack);
    return std::nullopt;
}

std::optional<Message> decodeDataPathMessage(const QByteArray &payload)
{
    Matcher in(payload);
    const auto pairs = in.head(MajorMap);
    if (!pairs || !in.text("t"))
        return std::nullopt;
    if (*pairs == 6 && in.text(ChunkDataName))
        return decodeChunkData(in);
    if (*pairs == 2 && in.text(ChunkAckName) && in.text("bytes")) {
        const auto bytes = in.integer(1, MaxReceiveWindowBytes);
        if (!bytes || !in.atEnd())
            return std::nullopt;
        return Message(ChunkAck{*bytes});
    }
    return std::nullopt;
}

} // namespace Kura::Protocol::Detail
