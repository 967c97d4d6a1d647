#include "connection.h"

#include "auth.h"

#include <QIODevice>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

namespace {
constexpr qint64 ReadSliceBytes = 64 * 1024;

template<class T>
const T *as(const Message &message)
{
    return std::get_if<T>(&message);
}
} // namespace

Connection::Connection(QIODevice *device, const Options &options, QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_options(options)
    , m_session(options.role)
    , m_receiveWindow(qBound(MinReceiveWindowBytes, options.receiveWindowBytes, MaxReceiveWindowBytes),
                      qBound(MinReceiveWindowBytes, options.receiveWindowBytes, MaxReceiveWindowBytes) / 4)
{
    m_options.receiveWindowBytes = m_receiveWindow.windowBytes();
    if (!m_options.clock)
        m_options.clock = SystemClock::instance();
}

Connection::~Connection()
{
    if (m_device)
        disconnect(m_device, nullptr, this, nullptr);
}

qint64 Connection::nowMs() const
{
    return m_options.clock->nowMs();
}

void Connection::start()
{
    if (m_started || m_closed)
        return;
    m_started = true;
    m_lastReceivedMs = m_lastSentMs = nowMs();
    if (!m_device || !m_device->isOpen()) {
        shutDown(Error(ErrorCode::Unavailable, u"the connection's device is not open"_s, true), false);
        return;
    }
    connect(m_device, &QIODevice::readyRead, this, &Connection::readAvailable);
    connect(m_device, &QIODevice::readChannelFinished, this, &Connection::onReadFinished);
    if (m_options.tickIntervalMs > 0) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_options.tickIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &Connection::tick);
        m_timer->start();
    }
    if (m_options.role == Role::Agent) {
        const Hello hello{m_options.minVersion, m_options.maxVersion, Role::Agent,
                          m_options.softwareVersion, m_options.receiveWindowBytes};
        if (auto sent = sendControl(0, hello); !sent)
            return shutDown(sent.error(), false);
    }
    // Bytes may have arrived before start().
    QMetaObject::invokeMethod(this, &Connection::readAvailable, Qt::QueuedConnection);
}

Status Connection::write(const QByteArray &bytes)
{
    if (!m_device || m_device->write(bytes) != bytes.size()) {
        return fail(ErrorCode::Io, u"writing to the connection failed: %1"_s.arg(
                                       m_device ? m_device->errorString() : u"device gone"_s),
                    true);
    }
    m_lastSentMs = nowMs();
    return {};
}

qint64 Connection::sendCreditBytes() const
{
    if (m_backlogProbe && m_backlogProbe() > m_backlogLimit) {
        m_backlogBlocked = true;
        return 0;
    }
    return m_sendWindow.availableBytes();
}

void Connection::setWriteBacklog(std::function<qint64()> probe, qint64 limitBytes)
{
    m_backlogProbe = std::move(probe);
    m_backlogLimit = qMax<qint64>(limitBytes, 64 * 1024);
}

void Connection::setFlushAfterData(std::function<void()> flush)
{
    m_flushAfterData = std::move(flush);
}

void Connection::onBytesWritten()
{
    if (m_backlogBlocked && m_backlogProbe && m_backlogProbe() <= m_backlogLimit / 2) {
        m_backlogBlocked = false;
        emit sendCreditAvailable();
    }
}

Status Connection::sendControl(quint32 streamId, const Message &message)
{
    auto frame = FrameEncoder::encode(Frame{FrameType::Control, streamId, encodeMessage(message)});
    if (!frame)
        return fail(frame.error());
    KURA_TRY(m_session.onSend(streamId, messageType(message)));
    return write(*frame);
}

Status Connection::send(quint32 streamId, const Message &message)
{
    if (m_closed)
        return fail(ErrorCode::Unavailable, u"the connection is closed"_s, true);
    const MessageType type = messageType(message);
    if (type == MessageType::ChunkData)
        return fail(ErrorCode::InvalidArgument, u"chunk_data goes through sendChunk()"_s);
    if (type == MessageType::ChunkAck)
        return fail(ErrorCode::InvalidArgument, u"chunk_ack goes through consumeData()"_s);
    const bool wasReady = m_session.isReady();
    if (auto sent = sendControl(streamId, message); !sent) {
        if (sent.error().code() == ErrorCode::Io)
            shutDown(sent.error(), false);
        return sent;
    }
    if (type == MessageType::Error && streamId == 0)
        shutDown(std::get<ErrorMessage>(message).toError(), false);
    else if (!wasReady && m_session.isReady())
        emit ready();
    return {};
}

Status Connection::sendChunk(quint32 streamId, const ChunkData &header, const QByteArray &stored)
{
    if (m_closed)
        return fail(ErrorCode::Unavailable, u"the connection is closed"_s, true);
    if (header.storedLength != stored.size()) {
        return fail(ErrorCode::InvalidArgument, u"chunk_data announces %1 stored bytes but %2 were given"_s
                                                    .arg(header.storedLength)
                                                    .arg(stored.size()));
    }
    if (!m_sendWindow.canSend(stored.size()))
        return m_sendWindow.onSent(stored.size()); // the Conflict error, nothing recorded
    auto dataHeader = FrameEncoder::encodeHeader(FrameType::Data, streamId, stored.size());
    if (!dataHeader)
        return fail(dataHeader.error());
    KURA_TRY(sendControl(streamId, header));
    KURA_TRY(m_sendWindow.onSent(stored.size()));
    // Two writes rather than one concatenated copy of every chunk.
    Status written = write(*dataHeader);
    if (written)
        written = write(stored);
    if (written && m_flushAfterData)
        m_flushAfterData();
    if (!written)
        shutDown(written.error(), false);
    return written;
}

Status Connection::consumeData(qint64 bytes)
{
    if (m_closed)
        return fail(ErrorCode::Unavailable, u"the connection is closed"_s, true);
    auto ack = m_receiveWindow.onConsumed(bytes);
    if (!ack)
        return fail(ack.error());
    if (*ack == 0)
        return {};
    Status sent = sendControl(0, ChunkAck{*ack});
    if (!sent)
        shutDown(sent.error(), false);
    return sent;
}

void Connection::close(const Error &reason)
{
    shutDown(reason, true);
}

void Connection::shutDown(const Error &reason, bool tellPeer)
{
    if (m_closed)
        return;
    m_closed = true;
    m_closeReason = reason;
    if (tellPeer && m_session.state() != SessionState::Closed && m_device && m_device->isOpen()) {
        auto frame = FrameEncoder::encode(
            Frame{FrameType::Control, 0, encodeMessage(ErrorMessage::fromError(reason))});
        if (frame)
            m_device->write(*frame);
    }
    m_session.close();
    if (m_timer)
        m_timer->stop();
    if (m_device) {
        disconnect(m_device, nullptr, this, nullptr);
        m_device->close();
    }
    emit closed(reason);
}

void Connection::tick()
{
    if (m_closed || !m_started)
        return;
    const qint64 now = nowMs();
    if (now - m_lastReceivedMs > m_options.heartbeatTimeoutMs) {
        return close(Error(ErrorCode::Unavailable,
                           u"heartbeat timeout: nothing received for %1 ms"_s.arg(now - m_lastReceivedMs),
                           true));
    }
    const bool mayHeartbeat = m_session.state() != SessionState::AwaitHello;
    if (mayHeartbeat && now - m_lastSentMs >= m_options.heartbeatIntervalMs) {
        if (auto sent = sendControl(0, Heartbeat{now}); !sent)
            shutDown(sent.error(), false);
    }
}

void Connection::onReadFinished()
{
    readAvailable();
    if (!m_closed)
        shutDown(Error(ErrorCode::Unavailable, u"the peer closed the connection"_s, true), false);
}

void Connection::readAvailable()
{
    while (!m_closed && m_device && m_device->bytesAvailable() > 0) {
        if (const std::span<char> room = m_decoder.payloadRoom(); !room.empty()) {
            // The rest of a frame's payload goes straight into the frame.
            const qint64 got = m_device->read(room.data(), qint64(room.size()));
            if (got <= 0)
                break;
            m_decoder.commitPayload(qsizetype(got));
        } else {
            if (m_readBuffer.isEmpty())
                m_readBuffer = QByteArray(ReadSliceBytes, Qt::Uninitialized);
            const qint64 got = m_device->read(m_readBuffer.data(), m_readBuffer.size());
            if (got <= 0)
                break;
            if (auto fed = m_decoder.feed(m_readBuffer.constData(), qsizetype(got)); !fed)
                return close(fed.error());
        }
        m_lastReceivedMs = nowMs();
        while (!m_closed) {
            const auto frame = m_decoder.takeFrame();
            if (!frame)
                break;
            if (auto handled = handleFrame(*frame); !handled)
                return close(handled.error());
        }
    }
}

Status Connection::handleFrame(const Frame &frame)
{
    if (frame.type == FrameType::Data)
        return handleData(frame);
    if (m_pendingChunk) {
        return fail(ErrorCode::Corrupt, u"protocol violation: a control frame on stream %1 follows "
                                        u"chunk_data instead of its data frame"_s.arg(frame.streamId));
    }
    return handleControl(frame);
}

Status Connection::handleControl(const Frame &frame)
{
    auto message = decodeMessage(frame.payload);
    if (!message)
        return fail(message.error());
    const MessageType type = messageType(*message);
    auto disposition = m_session.onReceive(frame.streamId, type);
    if (!disposition)
        return fail(disposition.error());
    if (type == MessageType::ChunkData) {
        m_pendingChunk = PendingChunk{frame.streamId, std::get<ChunkData>(*message),
                                      *disposition == Disposition::Discard};
        return {};
    }
    if (*disposition == Disposition::Discard)
        return {};
    return handleReceived(frame.streamId, *message);
}

Status Connection::handleData(const Frame &frame)
{
    if (!m_pendingChunk)
        return fail(ErrorCode::Corrupt, u"protocol violation: data frame on stream %1 without chunk_data"_s.arg(frame.streamId));
    const PendingChunk pending = *std::exchange(m_pendingChunk, std::nullopt);
    if (pending.streamId != frame.streamId || pending.header.storedLength != frame.payload.size()) {
        return fail(ErrorCode::Corrupt,
                    u"protocol violation: data frame (stream %1, %2 bytes) does not match its "
                    u"chunk_data (stream %3, %4 bytes)"_s.arg(frame.streamId)
                        .arg(frame.payload.size())
                        .arg(pending.streamId)
                        .arg(pending.header.storedLength));
    }
    KURA_TRY(m_receiveWindow.onReceived(frame.payload.size()));
    if (pending.discard)
        return consumeData(frame.payload.size());
    emit chunkReceived(frame.streamId, pending.header, frame.payload);
    return {};
}

Status Connection::handleReceived(quint32 streamId, const Message &message)
{
    switch (messageType(message)) {
    case MessageType::Heartbeat:
        return {};
    case MessageType::ChunkAck:
        KURA_TRY(m_sendWindow.onAcknowledged(as<ChunkAck>(message)->bytes));
        emit sendCreditAvailable();
        return {};
    case MessageType::Error:
        if (streamId == 0) {
            shutDown(as<ErrorMessage>(message)->toError().withContext(u"closed by the peer"_s), false);
            return {};
        }
        break;
    case MessageType::Hello:
        KURA_TRY(onHello(*as<Hello>(message)));
        break;
    case MessageType::HelloReply:
        KURA_TRY(onHelloReply(*as<HelloReply>(message)));
        break;
    case MessageType::AuthChallenge:
        m_nonce = as<AuthChallenge>(message)->nonce;
        break;
    default:
        break;
    }
    emit messageReceived(streamId, message);
    if (!m_closed && m_session.isReady() && (std::holds_alternative<AuthResult>(message)
                                             || std::holds_alternative<EnrollResult>(message)))
        emit ready();
    return {};
}

Status Connection::onHello(const Hello &hello)
{
    if (hello.role != Role::Agent)
        return fail(ErrorCode::Corrupt, u"protocol violation: hello from a peer in role \"%1\""_s.arg(QLatin1StringView(roleName(hello.role))));
    auto version = negotiateVersion(m_options.minVersion, m_options.maxVersion, hello.minVersion, hello.maxVersion);
    if (!version)
        return fail(version.error());
    m_version = *version;
    m_sendWindow = SendWindow(hello.receiveWindowBytes);
    KURA_TRY(sendControl(0, HelloReply{m_version, m_options.softwareVersion, m_options.receiveWindowBytes}));
    auto nonce = newAuthNonce();
    if (!nonce)
        return fail(nonce.error());
    m_nonce = *nonce;
    return sendControl(0, AuthChallenge{m_nonce});
}

Status Connection::onHelloReply(const HelloReply &reply)
{
    if (reply.version < m_options.minVersion || reply.version > m_options.maxVersion) {
        return fail(ErrorCode::Unsupported, u"the server chose protocol version %1; we speak %2..%3"_s
                                                .arg(reply.version)
                                                .arg(m_options.minVersion)
                                                .arg(m_options.maxVersion));
    }
    m_version = reply.version;
    m_sendWindow = SendWindow(reply.receiveWindowBytes);
    return {};
}

} // namespace Kura::Protocol
