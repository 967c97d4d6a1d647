#include "session.h"

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

namespace {

enum class Senders { Agent, Server, Both };

Senders sendersOf(MessageType type)
{
    switch (type) {
    case MessageType::Hello:
    case MessageType::AuthResponse:
    case MessageType::Enroll:
    case MessageType::HostFacts:
    case MessageType::JobProgress:
    case MessageType::JobFinished:
    case MessageType::BrowseReply:
    case MessageType::MissingChunksQuery:
    case MessageType::FetchChunks:
    case MessageType::JobEvent:
        return Senders::Agent;
    case MessageType::HelloReply:
    case MessageType::AuthChallenge:
    case MessageType::AuthResult:
    case MessageType::EnrollResult:
    case MessageType::JobStart:
    case MessageType::RestoreStart:
    case MessageType::BrowseRequest:
    case MessageType::MissingChunksReply:
    case MessageType::ChunkUnavailable:
    case MessageType::Cancel:
        return Senders::Server;
    case MessageType::Heartbeat:
    case MessageType::Error:
    case MessageType::ChunkData:
    case MessageType::ChunkAck:
        return Senders::Both;
    }
    return Senders::Both;
}

bool isHandshake(MessageType type)
{
    switch (type) {
    case MessageType::Hello:
    case MessageType::HelloReply:
    case MessageType::AuthChallenge:
    case MessageType::AuthResponse:
    case MessageType::AuthResult:
    case MessageType::Enroll:
    case MessageType::EnrollResult:
        return true;
    default:
        return false;
    }
}

// Messages that live on stream 0 only; Error may use any stream; the rest need a stream.
bool isConnectionScoped(MessageType type)
{
    return isHandshake(type) || type == MessageType::HostFacts || type == MessageType::Heartbeat
        || type == MessageType::ChunkAck;
}

bool opensStream(MessageType type)
{
    return type == MessageType::JobStart || type == MessageType::RestoreStart
        || type == MessageType::BrowseRequest;
}

QLatin1StringView nameOf(MessageType type)
{
    return QLatin1StringView(messageTypeName(type));
}

} // namespace

const char *sessionStateName(SessionState state)
{
    switch (state) {
    case SessionState::AwaitHello:
        return "awaiting hello";
    case SessionState::AwaitHelloReply:
        return "awaiting hello_reply";
    case SessionState::AwaitChallenge:
        return "awaiting auth_challenge";
    case SessionState::AwaitCredentials:
        return "awaiting enroll or auth_response";
    case SessionState::AwaitAuthResult:
        return "awaiting enroll_result or auth_result";
    case SessionState::Ready:
        return "ready";
    case SessionState::Closed:
        return "closed";
    }
    return "unknown";
}

Result<int> negotiateVersion(int ourMin, int ourMax, int theirMin, int theirMax)
{
    const int highest = qMin(ourMax, theirMax);
    if (highest < qMax(ourMin, theirMin) || theirMin > theirMax) {
        return fail(ErrorCode::Unsupported,
                    u"no common protocol version: we speak %1..%2, the peer %3..%4"_s.arg(ourMin)
                        .arg(ourMax)
                        .arg(theirMin)
                        .arg(theirMax));
    }
    return highest;
}

bool Session::isStreamCancelled(quint32 stream) const
{
    const auto it = m_streams.constFind(stream);
    return it != m_streams.constEnd() && it->cancelled;
}

Error Session::violation(const QString &what) const
{
    if (m_checkingOutgoing)
        return Error(ErrorCode::Conflict, u"may not send now: "_s + what);
    return Error(ErrorCode::Corrupt, u"protocol violation: "_s + what);
}

Status Session::onSend(quint32 stream, MessageType type)
{
    m_checkingOutgoing = true;
    auto disposition = check(stream, type, m_local);
    m_checkingOutgoing = false;
    if (!disposition)
        return fail(disposition.error());
    if (*disposition == Disposition::Discard)
        return fail(ErrorCode::Conflict, u"may not send now: stream %1 is closed"_s.arg(stream));
    record(stream, type);
    return {};
}

Result<Disposition> Session::onReceive(quint32 stream, MessageType type)
{
    const Role peer = m_local == Role::Agent ? Role::Server : Role::Agent;
    auto disposition = check(stream, type, peer);
    if (disposition && *disposition == Disposition::Deliver)
        record(stream, type);
    return disposition;
}

Result<Disposition> Session::check(quint32 stream, MessageType type, Role sender)
{
    if (m_state == SessionState::Closed)
        return fail(violation(u"%1 after the session was closed"_s.arg(nameOf(type))));
    const Senders senders = sendersOf(type);
    if ((senders == Senders::Agent && sender != Role::Agent)
        || (senders == Senders::Server && sender != Role::Server)) {
        return fail(violation(u"%1 sent by the %2"_s.arg(nameOf(type), QLatin1StringView(roleName(sender)))));
    }
    if (isConnectionScoped(type) && stream != 0)
        return fail(violation(u"%1 on stream %2; it belongs on stream 0"_s.arg(nameOf(type)).arg(stream)));
    if (!isConnectionScoped(type) && type != MessageType::Error && stream == 0)
        return fail(violation(u"%1 on stream 0; it needs a request stream"_s.arg(nameOf(type))));
    if (type == MessageType::Error && stream == 0)
        return Disposition::Deliver;
    if (type == MessageType::Heartbeat && m_state != SessionState::AwaitHello)
        return Disposition::Deliver;
    if (m_state != SessionState::Ready) {
        KURA_TRY(checkHandshake(type));
        return Disposition::Deliver;
    }
    if (isHandshake(type))
        return fail(violation(u"%1 after the handshake"_s.arg(nameOf(type))));
    if (isConnectionScoped(type))
        return Disposition::Deliver;
    return checkStream(stream, type, sender);
}

Status Session::checkHandshake(MessageType type)
{
    bool expected = false;
    switch (m_state) {
    case SessionState::AwaitHello:
        expected = type == MessageType::Hello;
        break;
    case SessionState::AwaitHelloReply:
        expected = type == MessageType::HelloReply;
        break;
    case SessionState::AwaitChallenge:
        expected = type == MessageType::AuthChallenge;
        break;
    case SessionState::AwaitCredentials:
        expected = type == MessageType::Enroll || type == MessageType::AuthResponse;
        break;
    case SessionState::AwaitAuthResult:
        expected = type == MessageType::EnrollResult || type == MessageType::AuthResult;
        break;
    case SessionState::Ready:
    case SessionState::Closed:
        break;
    }
    if (expected)
        return {};
    return fail(violation(u"%1 while %2 (before authentication)"_s.arg(
        nameOf(type), QLatin1StringView(sessionStateName(m_state)))));
}

Result<Disposition> Session::checkStream(quint32 stream, MessageType type, Role sender)
{
    if (opensStream(type)) {
        KURA_TRY(checkOpen(stream, type));
        return Disposition::Deliver;
    }
    const auto it = m_streams.constFind(stream);
    if (it == m_streams.constEnd()) {
        if (stream <= m_highestOpened)
            return Disposition::Discard;
        return fail(violation(u"%1 on stream %2, which was never opened"_s.arg(nameOf(type)).arg(stream)));
    }
    KURA_TRY(checkKind(stream, *it, type, sender));
    return Disposition::Deliver;
}

Status Session::checkOpen(quint32 stream, MessageType type)
{
    if (stream <= m_highestOpened) {
        return fail(violation(u"%1 reuses stream %2 (new streams must have increasing ids above %3)"_s
                                  .arg(nameOf(type))
                                  .arg(stream)
                                  .arg(m_highestOpened)));
    }
    if (m_streams.size() >= MaxOpenStreams)
        return fail(violation(u"%1 would open more than %2 streams"_s.arg(nameOf(type)).arg(MaxOpenStreams)));
    return {};
}

Status Session::checkKind(quint32 stream, const StreamInfo &info, MessageType type, Role sender)
{
    bool allowed = type == MessageType::Error;
    switch (info.kind) {
    case StreamKind::Backup:
        allowed = allowed || type == MessageType::JobProgress || type == MessageType::JobFinished
            || type == MessageType::JobEvent
            || type == MessageType::Cancel || type == MessageType::MissingChunksQuery
            || type == MessageType::MissingChunksReply
            || (type == MessageType::ChunkData && sender == Role::Agent);
        break;
    case StreamKind::Restore:
        allowed = allowed || type == MessageType::JobProgress || type == MessageType::JobFinished
            || type == MessageType::Cancel || type == MessageType::FetchChunks
            || type == MessageType::JobEvent
            || type == MessageType::ChunkUnavailable
            || (type == MessageType::ChunkData && sender == Role::Server);
        break;
    case StreamKind::Browse:
        allowed = allowed || type == MessageType::BrowseReply;
        break;
    }
    if (!allowed) {
        return fail(violation(u"%1 from the %2 does not belong on stream %3"_s.arg(
                                  nameOf(type), QLatin1StringView(roleName(sender)))
                                  .arg(stream)));
    }
    const bool moreData = type == MessageType::ChunkData || type == MessageType::MissingChunksQuery
        || type == MessageType::FetchChunks;
    if (info.cancelled && moreData && sender == m_local)
        return fail(violation(u"%1 on stream %2 after it was cancelled"_s.arg(nameOf(type)).arg(stream)));
    return {};
}

void Session::record(quint32 stream, MessageType type)
{
    switch (type) {
    case MessageType::Hello:
        m_state = SessionState::AwaitHelloReply;
        break;
    case MessageType::HelloReply:
        m_state = SessionState::AwaitChallenge;
        break;
    case MessageType::AuthChallenge:
        m_state = SessionState::AwaitCredentials;
        break;
    case MessageType::Enroll:
    case MessageType::AuthResponse:
        m_state = SessionState::AwaitAuthResult;
        break;
    case MessageType::EnrollResult:
    case MessageType::AuthResult:
        m_state = SessionState::Ready;
        break;
    case MessageType::JobStart:
    case MessageType::RestoreStart:
    case MessageType::BrowseRequest:
        m_streams.insert(stream, StreamInfo{type == MessageType::JobStart ? StreamKind::Backup
                                                : type == MessageType::RestoreStart ? StreamKind::Restore
                                                                                    : StreamKind::Browse,
                                            false});
        m_highestOpened = stream;
        break;
    case MessageType::JobFinished:
    case MessageType::BrowseReply:
        m_streams.remove(stream);
        break;
    case MessageType::Error:
        if (stream == 0)
            close();
        else
            m_streams.remove(stream);
        break;
    case MessageType::Cancel:
        m_streams[stream].cancelled = true;
        break;
    default:
        break;
    }
}

} // namespace Kura::Protocol
