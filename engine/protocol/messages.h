#pragma once

#include <core/error.h>
#include <protocol/messages_data.h>
#include <protocol/messages_job.h>
#include <protocol/messages_session.h>
#include <protocol/messagetype.h>

#include <QByteArray>
#include <QCborMap>

#include <variant>

// All control messages as one value type, and their encoding into Control frame payloads.
namespace Kura::Protocol {

using Message = std::variant<Hello, HelloReply, AuthChallenge, AuthResponse, AuthResult, Enroll,
                             EnrollResult, HostFacts, Heartbeat, ErrorMessage, JobStart,
                             JobProgress, JobFinished, Cancel, RestoreStart, BrowseRequest,
                             BrowseReply, MissingChunksQuery, MissingChunksReply, ChunkData,
                             ChunkAck, FetchChunks, ChunkUnavailable, JobEvent>;

MessageType messageType(const Message &message);

// The CBOR map of `message`, with its "t" key.
QCborMap messageToCbor(const Message &message);
// Dispatches on the "t" key and validates every field. ErrorCode::Corrupt names the message
// type and field at fault; an unknown "t" is ErrorCode::Corrupt too.
Result<Message> messageFromCbor(const QCborMap &map);

// The payload of a Control frame: the CBOR encoding of messageToCbor().
QByteArray encodeMessage(const Message &message);
// Parses a Control frame payload: exactly one well-formed CBOR map, nothing after it.
Result<Message> decodeMessage(const QByteArray &payload);

} // namespace Kura::Protocol
