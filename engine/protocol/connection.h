#pragma once

#include <core/clock.h>
#include <core/error.h>
#include <protocol/flowcontrol.h>
#include <protocol/frame.h>
#include <protocol/messages.h>
#include <protocol/session.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QIODevice;
class QTimer;

namespace Kura::Protocol {

// One end of an agent <-> server connection over an open, already connected QIODevice
// (QSslSocket in production, QLocalSocket or QTcpSocket in tests).
//
// The connection frames and parses everything, enforces the session rules (session.h) in
// both directions, the receive window (flowcontrol.h) and the heartbeat timeout, and does the
// parts of the handshake that need no outside knowledge:
//  - Agent: start() sends Hello; a HelloReply outside our version range closes the connection.
//  - Server: on Hello it negotiates the version, answers HelloReply and sends an AuthChallenge
//    with a fresh nonce (challengeNonce()). Deciding on Enroll/AuthResponse is the owner's job:
//    answer with send(EnrollResult/AuthResult) or close(Error(Unauthorized, ...)).
// Heartbeat and ChunkAck messages are handled here and not emitted. Everything else that is
// received arrives through messageReceived() or chunkReceived(); the session becomes ready()
// when AuthResult or EnrollResult has been sent (server) or received (agent).
//
// Any malformed frame, undecodable message, rule violation, window overrun or heartbeat
// timeout closes the connection: the reason goes to the peer as an Error message (best
// effort), the device is closed, and closed() is emitted once with the reason.
//
// The connection does not own the device; the device must outlive it. Lives in one thread.
// Do not delete the connection from a slot connected to its signals; use deleteLater().
class Connection : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        Role role = Role::Agent;
        int minVersion = MinProtocolVersion;
        int maxVersion = MaxProtocolVersion;
        QString softwareVersion;
        qint64 receiveWindowBytes = DefaultReceiveWindowBytes; // announced to the peer
        qint64 heartbeatIntervalMs = 10000; // send a Heartbeat when idle this long
        qint64 heartbeatTimeoutMs = 35000;  // close when nothing arrived for this long
        int tickIntervalMs = 1000;          // how often tick() runs; 0: only when called
        const Clock *clock = nullptr;       // nullptr: SystemClock
    };

    Connection(QIODevice *device, const Options &options, QObject *parent = nullptr);
    ~Connection() override;

    // Starts reading (and, for the agent, sends Hello) and starts the heartbeat timer.
    void start();

    // Sends a control message on `streamId`. ErrorCode::Conflict when the session rules do not
    // allow it now (nothing is sent), InvalidArgument for ChunkData (use sendChunk), ChunkAck
    // (use consumeData) or a message too large for a frame, Unavailable after close. An Error on stream 0 closes the
    // connection after it is written.
    Status send(quint32 streamId, const Message &message);
    // Sends a ChunkData header and its Data frame. ErrorCode::Conflict, retryable, when the
    // peer's window has no room for `stored` (wait for sendCreditAvailable()); InvalidArgument
    // when header.storedLength differs from stored.size().
    Status sendChunk(quint32 streamId, const ChunkData &header, const QByteArray &stored);
    // Reports that `bytes` of received Data payload were consumed (stored, written or
    // dropped); returns credit to the peer. Every chunkReceived() payload must be consumed
    // eventually, or the peer runs out of window. InvalidArgument when more is consumed than
    // was received.
    Status consumeData(qint64 bytes);
    // Closes with `reason` (sent to the peer when the session is still open). Idempotent.
    void close(const Error &reason);
    // Sends a heartbeat when due and closes on heartbeat timeout. Called by the internal
    // timer; tests with a manual clock call it directly.
    void tick();

    Role role() const { return m_options.role; }
    const Session &session() const { return m_session; }
    bool isReady() const { return m_session.isReady() && !m_closed; }
    bool isClosed() const { return m_closed; }
    const std::optional<Error> &closeReason() const { return m_closeReason; }
    int negotiatedVersion() const { return m_version; }
    QByteArray challengeNonce() const { return m_nonce; }
    // What may be sent now: the peer's window, or 0 while the write backlog is over its limit.
    qint64 sendCreditBytes() const;
    // Bounds the bytes written but not yet handed to the network (for a TLS socket: the
    // plaintext and the encrypted bytes it still buffers): while probe() exceeds `limitBytes`,
    // sendCreditBytes() is 0, so senders hold their data instead of piling it into socket
    // buffers (memory stays flat when the peer or the network is slower than the sender).
    // Call onBytesWritten() when the device reports written bytes; sendCreditAvailable() is
    // emitted once the backlog is down to half the limit.
    void setWriteBacklog(std::function<qint64()> probe, qint64 limitBytes);
    void onBytesWritten();
    // Called after each Data frame is written, to push it through the device's own buffers
    // (see attachTlsSocket()).
    void setFlushAfterData(std::function<void()> flush);
    // When bytes last arrived from the peer, on the connection's clock (for "online since").
    qint64 lastReceivedMs() const { return m_lastReceivedMs; }

signals:
    void messageReceived(quint32 streamId, const Kura::Protocol::Message &message);
    void chunkReceived(quint32 streamId, const Kura::Protocol::ChunkData &header,
                       const QByteArray &stored);
    void ready();
    void sendCreditAvailable();
    void closed(const Kura::Error &reason);

private:
    struct PendingChunk
    {
        quint32 streamId = 0;
        ChunkData header;
        bool discard = false;
    };

    void readAvailable();
    void onReadFinished();
    Status handleFrame(const Frame &frame);
    Status handleControl(const Frame &frame);
    Status handleData(const Frame &frame);
    Status handleReceived(quint32 streamId, const Message &message);
    Status onHello(const Hello &hello);
    Status onHelloReply(const HelloReply &reply);
    Status sendControl(quint32 streamId, const Message &message);
    Status write(const QByteArray &bytes);
    void shutDown(const Error &reason, bool tellPeer);
    qint64 nowMs() const;

    QPointer<QIODevice> m_device;
    std::function<void()> m_flushAfterData;
    Options m_options;
    Session m_session;
    FrameDecoder m_decoder;
    QByteArray m_readBuffer; // headers and control frames are read through it
    SendWindow m_sendWindow{MinReceiveWindowBytes};
    ReceiveWindow m_receiveWindow;
    std::optional<PendingChunk> m_pendingChunk;
    QTimer *m_timer = nullptr;
    std::function<qint64()> m_backlogProbe;
    qint64 m_backlogLimit = 0;
    mutable bool m_backlogBlocked = false;
    qint64 m_lastReceivedMs = 0;
    qint64 m_lastSentMs = 0;
    int m_version = 0;
    QByteArray m_nonce;
    bool m_started = false;
    bool m_closed = false;
    std::optional<Error> m_closeReason;
};

} // namespace Kura::Protocol

Q_DECLARE_METATYPE(Kura::Protocol::Message)
Q_DECLARE_METATYPE(Kura::Protocol::ChunkData)
