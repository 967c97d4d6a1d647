#include "messages_data.h"

#include "private/cborfields.h"

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

using namespace Detail;

QCborMap MissingChunksQuery::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("ids"_L1, toCborArray(ids));
    return map;
}

Result<MissingChunksQuery> MissingChunksQuery::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "missing_chunks_query");
    MissingChunksQuery query;
    KURA_READ(query.ids, in.bytesList("ids", MaxIdsPerQuery, ChunkIdBytes));
    return query;
}

QCborMap MissingChunksReply::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("missing"_L1, toCborArray(missing));
    return map;
}

Result<MissingChunksReply> MissingChunksReply::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "missing_chunks_reply");
    MissingChunksReply reply;
    KURA_READ(reply.missing, in.bytesList("missing", MaxIdsPerQuery, ChunkIdBytes));
    return reply;
}

const char *blobKindName(BlobKind kind)
{
    return kind == BlobKind::Tree ? "tree" : "data";
}

const char *compressionName(Compression compression)
{
    return compression == Compression::Zstd ? "zstd" : "none";
}

template<class Enum>
static std::optional<Enum> enumFromName(const QString &name, std::initializer_list<Enum> values,
                                        const char *(*nameOf)(Enum))
{
    for (Enum value : values) {
        if (name == QLatin1StringView(nameOf(value)))
            return value;
    }
    return std::nullopt;
}

QCborMap ChunkData::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("id"_L1, id);
    map.insert("kind"_L1, QLatin1StringView(blobKindName(kind)));
    map.insert("rawLength"_L1, rawLength);
    map.insert("compression"_L1, QLatin1StringView(compressionName(compression)));
    map.insert("storedLength"_L1, storedLength);
    return map;
}

Result<ChunkData> ChunkData::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "chunk_data");
    ChunkData chunk;
    KURA_READ(chunk.id, in.bytes("id", ChunkIdBytes));
    QString name;
    KURA_READ(name, in.text("kind", 16));
    const auto kind = enumFromName(name, {BlobKind::Data, BlobKind::Tree}, blobKindName);
    if (!kind)
        return fail(in.error("kind", u"names no known blob kind: \"%1\""_s.arg(name)));
    chunk.kind = *kind;
    KURA_READ(chunk.rawLength, in.integer("rawLength", 0, MaxDataPayloadBytes));
    KURA_READ(name, in.text("compression", 16));
    const auto compression = enumFromName(name, {Compression::None, Compression::Zstd}, compressionName);
    if (!compression)
        return fail(in.error("compression", u"names no known compression: \"%1\""_s.arg(name)));
    chunk.compression = *compression;
    KURA_READ(chunk.storedLength, in.integer("storedLength", 0, MaxDataPayloadBytes));
    if (chunk.compression == Compression::None && chunk.storedLength != chunk.rawLength) {
        return fail(in.error("storedLength", u"%1 differs from rawLength %2 without compression"_s
                                                 .arg(chunk.storedLength)
                                                 .arg(chunk.rawLength)));
    }
    return chunk;
}

QCborMap FetchChunks::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("kind"_L1, QLatin1StringView(blobKindName(kind)));
    map.insert("ids"_L1, toCborArray(ids));
    return map;
}

Result<FetchChunks> FetchChunks::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "fetch_chunks");
    FetchChunks fetch;
    QString name;
    KURA_READ(name, in.text("kind", 16));
    const auto kind = enumFromName(name, {BlobKind::Data, BlobKind::Tree}, blobKindName);
    if (!kind)
        return fail(in.error("kind", u"names no known blob kind: \"%1\""_s.arg(name)));
    fetch.kind = *kind;
    KURA_READ(fetch.ids, in.bytesList("ids", MaxIdsPerQuery, ChunkIdBytes));
    if (fetch.ids.isEmpty())
        return fail(in.error("ids", u"is empty"_s));
    return fetch;
}

QCborMap ChunkUnavailable::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("id"_L1, id);
    map.insert("message"_L1, message);
    return map;
}

Result<ChunkUnavailable> ChunkUnavailable::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "chunk_unavailable");
    ChunkUnavailable unavailable;
    KURA_READ(unavailable.id, in.bytes("id", ChunkIdBytes));
    KURA_READ(unavailable.message, in.text("message", 4096));
    return unavailable;
}

QCborMap ChunkAck::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("bytes"_L1, bytes);
    return map;
}

Result<ChunkAck> ChunkAck::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "chunk_ack");
    ChunkAck ack;
    KURA_READ(ack.bytes, in.integer("bytes", 1, MaxReceiveWindowBytes));
    return ack;
}

} // namespace Kura::Protocol
