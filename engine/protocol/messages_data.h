#pragma once

#include <core/error.h>
#include <protocol/messagetype.h>

#include <QByteArray>
#include <QCborMap>
#include <QList>

// Data-path messages: source-side deduplication queries, the header that precedes every
// Data frame, and flow-control acknowledgements. Conversion contract as in messages_session.h.
namespace Kura::Protocol {

// Agent -> server, on a backup's stream: which of these chunk ids does the repository lack?
struct MissingChunksQuery
{
    static constexpr MessageType Type = MessageType::MissingChunksQuery;
    QList<QByteArray> ids; // each ChunkIdBytes, at most MaxIdsPerQuery

    QCborMap toCbor() const;
    static Result<MissingChunksQuery> fromCbor(const QCborMap &map);
    bool operator==(const MissingChunksQuery &) const = default;
};

// Server -> agent: the ids of the query that the repository lacks, in query order.
struct MissingChunksReply
{
    static constexpr MessageType Type = MessageType::MissingChunksReply;
    QList<QByteArray> missing;

    QCborMap toCbor() const;
    static Result<MissingChunksReply> fromCbor(const QCborMap &map);
    bool operator==(const MissingChunksReply &) const = default;
};

enum class BlobKind { Data, Tree };
enum class Compression { None, Zstd };
const char *blobKindName(BlobKind kind);
const char *compressionName(Compression compression);

// Either direction, on a job's stream: announces the blob whose stored bytes follow in the
// very next frame, a Data frame on the same stream of exactly `storedLength` bytes.
struct ChunkData
{
    static constexpr MessageType Type = MessageType::ChunkData;
    QByteArray id;              // ChunkIdBytes: keyed SHA-256 of the raw bytes
    BlobKind kind = BlobKind::Data;
    qint64 rawLength = 0;       // bytes after decompression, at most MaxDataPayloadBytes
    Compression compression = Compression::None;
    qint64 storedLength = 0;    // bytes in the Data frame; equals rawLength when not compressed

    QCborMap toCbor() const;
    static Result<ChunkData> fromCbor(const QCborMap &map);
    bool operator==(const ChunkData &) const = default;
};

// Either direction, stream 0: returns `bytes` of Data-frame credit to the peer (flowcontrol.h).
struct ChunkAck
{
    static constexpr MessageType Type = MessageType::ChunkAck;
    qint64 bytes = 0; // 1..MaxReceiveWindowBytes

    QCborMap toCbor() const;
    static Result<ChunkAck> fromCbor(const QCborMap &map);
    bool operator==(const ChunkAck &) const = default;
};

// Restore streams: the agent asks for blobs it needs; the server answers each id with a
// chunk_data (+ Data frame) or a chunk_unavailable, in the order asked.
struct FetchChunks
{
    static constexpr MessageType Type = MessageType::FetchChunks;
    BlobKind kind = BlobKind::Data;
    QList<QByteArray> ids; // each ChunkIdBytes, 1..MaxIdsPerQuery

    QCborMap toCbor() const;
    static Result<FetchChunks> fromCbor(const QCborMap &map);
    bool operator==(const FetchChunks &) const = default;
};

struct ChunkUnavailable
{
    static constexpr MessageType Type = MessageType::ChunkUnavailable;
    QByteArray id;   // ChunkIdBytes
    QString message; // why (damaged pack, unknown id)

    QCborMap toCbor() const;
    static Result<ChunkUnavailable> fromCbor(const QCborMap &map);
    bool operator==(const ChunkUnavailable &) const = default;
};

} // namespace Kura::Protocol
