#pragma once

#include <core/error.h>

#include <QtGlobal>

#include <optional>

// Credit-based flow control for Data frames (docs/protocol.md, "Flow control").
//
// Each side announces a receive window in the handshake (Hello / HelloReply). The peer may
// have at most that many bytes of Data-frame payload unacknowledged. The receiver returns
// credit with ChunkAck once it has consumed the bytes (stored, written or discarded). Only
// Data-frame payload counts; control frames are bounded by their own frame limit.
//
// Cancellation does not touch the windows: bytes already sent on a cancelled or closed stream
// stay in flight until the receiver acknowledges them, and the receiver acknowledges them at
// once when it discards them, so credit is never lost.
//
// Both classes are pure bookkeeping without I/O or clocks; they are not thread-safe.
namespace Kura::Protocol {

// The sending side: how many bytes may go out now.
class SendWindow
{
public:
    explicit SendWindow(qint64 windowBytes);

    qint64 windowBytes() const { return m_window; }
    qint64 inFlightBytes() const { return m_inFlight; }
    qint64 availableBytes() const { return m_window - m_inFlight; }
    bool canSend(qint64 bytes) const { return bytes >= 0 && bytes <= availableBytes(); }

    // Records `bytes` as sent. ErrorCode::Conflict (retryable) when they do not fit the
    // window; nothing is recorded then.
    Status onSent(qint64 bytes);
    // Returns credit. ErrorCode::Corrupt when the peer acknowledges more than is in flight
    // (a protocol violation); nothing is recorded then.
    Status onAcknowledged(qint64 bytes);

private:
    qint64 m_window;
    qint64 m_inFlight = 0;
};

// The receiving side: checks that the peer respects the window, and decides when to send
// credit back.
class ReceiveWindow
{
public:
    // Credit is returned in batches of at least `ackThresholdBytes`, and always once
    // everything received has been consumed (so a sender waiting for room for one large
    // frame cannot stall). A threshold of 0 acknowledges every release at once.
    explicit ReceiveWindow(qint64 windowBytes, qint64 ackThresholdBytes = 0);

    qint64 windowBytes() const { return m_window; }
    // Bytes received and not yet acknowledged (consumed or not).
    qint64 unacknowledgedBytes() const { return m_unacknowledged; }
    // Bytes received and not yet consumed.
    qint64 unconsumedBytes() const { return m_unacknowledged - m_pendingAck; }

    // Records an arriving Data frame. ErrorCode::Corrupt when the peer exceeded the window.
    Status onReceived(qint64 bytes);
    // Records that `bytes` were consumed. Returns how many bytes to acknowledge now (0: wait
    // for more). InvalidArgument when more is consumed than was received and not consumed.
    Result<qint64> onConsumed(qint64 bytes);

private:
    qint64 m_window;
    qint64 m_threshold;
    qint64 m_unacknowledged = 0;
    qint64 m_pendingAck = 0; // consumed, not yet acknowledged
};

// A bandwidth limit (the per-agent setting that backups and restores respect), applied by
// whoever sends the Data frames: the agent for backups, the server for restores. A token
// bucket of one second's worth of bytes; a chunk larger than that goes once the bucket is
// full and leaves it in debt.
class RateLimiter
{
public:
    explicit RateLimiter(qint64 bytesPerSecond = 0) : m_rate(qMax<qint64>(bytesPerSecond, 0)) {}
    // 0: `bytes` may be sent now, and are counted. Otherwise the milliseconds to wait before
    // asking again. `nowMs` is a monotonic clock, such as clockMs().
    qint64 take(qint64 bytes, qint64 nowMs);
    static qint64 clockMs();

private:
    qint64 m_rate;
    qint64 m_milliTokens = 0;
    std::optional<qint64> m_stampMs;
};

} // namespace Kura::Protocol
