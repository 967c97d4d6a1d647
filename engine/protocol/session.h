#pragma once

#include <core/error.h>
#include <protocol/messagetype.h>

#include <QHash>

// The connection-level rules of the protocol as a pure state machine (docs/protocol.md,
// "Handshake" and "Streams"): which message may be sent by whom, on which stream, in which
// state. Connection feeds it every message in both directions; tests drive it directly.
// Not thread-safe.
namespace Kura::Protocol {

enum class SessionState {
    AwaitHello,       // nothing exchanged yet
    AwaitHelloReply,  // agent sent Hello
    AwaitChallenge,   // server sent HelloReply
    AwaitCredentials, // server sent AuthChallenge; agent answers with Enroll or AuthResponse
    AwaitAuthResult,  // server decides
    Ready,            // authenticated: requests may flow
    Closed,           // an Error on stream 0 was exchanged, or close() was called
};
const char *sessionStateName(SessionState state);

// What to do with a received message that passed the rules.
enum class Disposition {
    Deliver, // hand it to the owner
    Discard, // a late message on a stream that is already closed (a benign race)
};

// The highest version both ranges contain. ErrorCode::Unsupported when they do not overlap.
Result<int> negotiateVersion(int ourMin, int ourMax, int theirMin, int theirMax);

class Session
{
public:
    // Streams that may be open at once; opening more is a protocol violation.
    static constexpr int MaxOpenStreams = 64;

    explicit Session(Role localRole) : m_local(localRole) { }

    Role localRole() const { return m_local; }
    SessionState state() const { return m_state; }
    bool isReady() const { return m_state == SessionState::Ready; }

    // Checks that the local side may send `type` on `stream` now, and records it.
    // ErrorCode::Conflict (a caller error, nothing recorded) when it may not.
    Status onSend(quint32 stream, MessageType type);
    // Checks a message from the peer and records it. ErrorCode::Corrupt, with a message that
    // starts "protocol violation", when the peer broke the rules.
    Result<Disposition> onReceive(quint32 stream, MessageType type);

    bool isStreamOpen(quint32 stream) const { return m_streams.contains(stream); }
    // True once the server cancelled the stream; the agent may then send no more chunk data
    // or queries on it, only JobProgress and the closing JobFinished.
    bool isStreamCancelled(quint32 stream) const;
    int openStreamCount() const { return int(m_streams.size()); }

    void close() { m_state = SessionState::Closed; m_streams.clear(); }

private:
    enum class StreamKind { Backup, Restore, Browse };
    struct StreamInfo
    {
        StreamKind kind = StreamKind::Backup;
        bool cancelled = false;
    };

    Result<Disposition> check(quint32 stream, MessageType type, Role sender);
    Status checkHandshake(MessageType type);
    Result<Disposition> checkStream(quint32 stream, MessageType type, Role sender);
    Status checkOpen(quint32 stream, MessageType type);
    Status checkKind(quint32 stream, const StreamInfo &info, MessageType type, Role sender);
    void record(quint32 stream, MessageType type);
    Error violation(const QString &what) const;

    Role m_local;
    bool m_checkingOutgoing = false;
    SessionState m_state = SessionState::AwaitHello;
    quint32 m_highestOpened = 0;
    QHash<quint32, StreamInfo> m_streams;
};

} // namespace Kura::Protocol
