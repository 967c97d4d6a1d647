#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QList>

#include <optional>
#include <span>

// Frames of the agent <-> server wire protocol (docs/protocol.md, "Frames").
//
// Every frame is a fixed 16-byte header followed by `payloadLength` bytes of payload:
//
//   offset size field
//   0      2    magic "KW" (0x4B 0x57)
//   2      1    version of the frame layout (FrameLayoutVersion)
//   3      1    type (FrameType)
//   4      1    flags (no flag is defined in layout version 1; must be zero)
//   5      3    reserved, must be zero
//   8      4    stream id, big-endian (0 = the connection itself)
//   12     4    payload length, big-endian
//
// There is no checksum: the transport is TLS 1.3, whose AEAD already rejects any altered byte,
// and chunk payloads are verified end to end against their content ids.
namespace Kura::Protocol {

inline constexpr quint8 FrameMagic0 = 0x4B; // 'K'
inline constexpr quint8 FrameMagic1 = 0x57; // 'W'
inline constexpr quint8 FrameLayoutVersion = 1;
inline constexpr qsizetype FrameHeaderBytes = 16;

// Largest payload of a Control frame (one CBOR-encoded message).
inline constexpr quint32 MaxControlPayloadBytes = 1024 * 1024;
// Largest payload of a Data frame (one stored chunk or tree blob).
inline constexpr quint32 MaxDataPayloadBytes = 16 * 1024 * 1024;

enum class FrameType : quint8 {
    Control = 1, // payload: one CBOR map, a control message (messages.h)
    Data = 2,    // payload: the stored bytes of the blob announced by the preceding ChunkData
};

// The name used in error messages and docs ("control", "data").
const char *frameTypeName(FrameType type);
// The payload limit of a frame type.
quint32 maxPayloadBytes(FrameType type);

struct Frame
{
    FrameType type = FrameType::Control;
    quint32 streamId = 0;
    QByteArray payload;

    bool operator==(const Frame &) const = default;
};

// Serialises frames. Stateless; safe to call from any thread.
class FrameEncoder
{
public:
    // Returns header + payload, or InvalidArgument when the payload exceeds the limit of its
    // type (the caller built something the peer would reject).
    static Result<QByteArray> encode(const Frame &frame);
    // Returns only the 16-byte header for a payload of `payloadLength` bytes, so that large
    // payloads can be written without copying them. Same limit check as encode().
    static Result<QByteArray> encodeHeader(FrameType type, quint32 streamId, qsizetype payloadLength);
};

// Parses a byte stream, fed in arbitrary slices as they arrive from a socket, into frames.
//
// The decoder checks the header (magic, layout version, type, flags, reserved bytes, length
// against the limit of the type) as soon as its 16 bytes are complete, before it reserves any
// memory for the payload, so it never holds more than one header plus one payload of at most
// the limit. The first malformed header turns the decoder into the failed state: every later
// call returns the same ErrorCode::Corrupt error naming the problem and the stream offset.
// Not thread-safe; one decoder per connection.
class FrameDecoder
{
public:
    FrameDecoder() = default;
    // A decoder with smaller limits than the protocol's (used by peers with little memory
    // and by tests). Limits above the protocol's are clamped to them.
    FrameDecoder(quint32 maxControlBytes, quint32 maxDataBytes);

    // Consumes all of `bytes`. Complete frames are queued for takeFrame(). Returns the error
    // when the stream is (or already was) malformed.
    Status feed(const char *data, qsizetype size);
    Status feed(const QByteArray &bytes) { return feed(bytes.constData(), bytes.size()); }

    // The rest of the payload in progress, for a reader that puts the next bytes of the stream
    // straight into it and then calls commitPayload() with how many it put there (saving a
    // copy of every chunk). Empty when the next bytes are a header or the decoder has failed.
    std::span<char> payloadRoom();
    // `size` bytes (at most payloadRoom()'s size) were written to the front of payloadRoom().
    void commitPayload(qsizetype size);

    // Declares the end of the stream. ErrorCode::Corrupt ("stream ended inside a frame
    // header" / "... payload") when a frame is incomplete, else the decoder's state.
    Status finish();

    // The next complete frame, in stream order, or nullopt when none is complete yet.
    std::optional<Frame> takeFrame();
    bool hasFrame() const { return !m_ready.isEmpty(); }

    bool failed() const { return m_error.has_value(); }
    const std::optional<Error> &error() const { return m_error; }
    // Total bytes consumed so far (the offset used in error messages).
    qint64 offset() const { return m_offset; }
    // Bytes buffered for the frame in progress (header or payload).
    qsizetype bufferedBytes() const { return m_header.size() + m_filled; }

private:
    Status parseHeader();
    Status failWith(const QString &what);
    qsizetype consumeHeader(const char *data, qsizetype size);
    qsizetype consumePayload(const char *data, qsizetype size);
    void completePayload();

    quint32 m_maxControlBytes = MaxControlPayloadBytes;
    quint32 m_maxDataBytes = MaxDataPayloadBytes;
    QByteArray m_header;   // bytes of the header in progress (< FrameHeaderBytes)
    QByteArray m_payload;  // payload in progress, allocated once the header was checked
    qsizetype m_filled = 0; // bytes of m_payload received so far
    bool m_inPayload = false;
    Frame m_current;
    quint32 m_expected = 0;
    qint64 m_offset = 0;
    qint64 m_frameStart = 0;
    QList<Frame> m_ready;
    std::optional<Error> m_error;
};

} // namespace Kura::Protocol
