#pragma once

#include <protocol/frame.h>

#include <QString>

#include <optional>

// Message kinds and the limits every message shares (docs/protocol.md, "Messages").
namespace Kura::Protocol {

// Protocol versions this build speaks. Negotiation picks the highest common one.
inline constexpr int MinProtocolVersion = 1;
inline constexpr int MaxProtocolVersion = 1;

inline constexpr qsizetype ChunkIdBytes = 32;   // keyed SHA-256 of the raw chunk
inline constexpr qsizetype NonceBytes = 32;     // authentication challenge
inline constexpr qsizetype SecretBytes = 32;    // agent secret issued at enrollment
inline constexpr qsizetype MacBytes = 32;       // HMAC-SHA-256 output
inline constexpr qsizetype IdKeyBytes = 32;     // tenant key for chunk ids
inline constexpr qsizetype MaxIdsPerQuery = 4096;
inline constexpr qsizetype MaxBrowseEntries = 2048;

// Receive windows (flow control) that a peer may announce.
inline constexpr qint64 MinReceiveWindowBytes = MaxDataPayloadBytes;
inline constexpr qint64 MaxReceiveWindowBytes = qint64(1) << 30;
inline constexpr qint64 DefaultReceiveWindowBytes = qint64(64) << 20;
// How much a sender lets pile up in its socket's buffers before it holds its data back
// (Connection::setWriteBacklog): enough to keep a fast link busy, small against the window.
inline constexpr qint64 WriteBacklogBytes = qint64(8) << 20;

enum class Role { Agent, Server };

enum class MessageType {
    Hello,
    HelloReply,
    AuthChallenge,
    AuthResponse,
    AuthResult,
    Enroll,
    EnrollResult,
    HostFacts,
    Heartbeat,
    Error,
    JobStart,
    JobProgress,
    JobFinished,
    Cancel,
    RestoreStart,
    BrowseRequest,
    BrowseReply,
    MissingChunksQuery,
    MissingChunksReply,
    ChunkData,
    ChunkAck,
    FetchChunks,
    ChunkUnavailable,
    JobEvent,
};

// The wire name of a message type: the value of the "t" key ("hello", "job_start", ...).
const char *messageTypeName(MessageType type);
std::optional<MessageType> messageTypeFromName(const QString &name);

const char *roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

} // namespace Kura::Protocol
