#include "agent.h"

#include "hostfacts.h"

#include <core/memory.h>
#include <protocol/auth.h>
#include <protocol/tlssocket.h>
#include <store/fs/posixfilesystem.h>

#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace Kura::Agent {
namespace {

constexpr int MaxBackoffMs = 60 * 1000;

std::pair<QString, quint16> splitAddress(const QString &address)
{
    const qsizetype colon = address.lastIndexOf(u':');
    QString host = address.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return { host, quint16(address.mid(colon + 1).toUInt()) };
}

} // namespace

Agent::Agent(AgentSettings settings, AgentState state, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_state(std::move(state))
    , m_fs(std::make_unique<Fs::PosixFileSystem>())
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Agent::connectToServer);
}

Agent::~Agent()
{
    m_stopped = true;
    for (auto &[stream, job] : m_jobs)
        if (job)
            delete job.data();
    m_jobs.clear();
    delete m_connection.data();
    delete m_socket;
}

QString Agent::softwareVersion()
{
    return QStringLiteral(KURA_VERSION);
}

void Agent::start()
{
    m_stopped = false;
    connectToServer();
}

void Agent::stop()
{
    m_stopped = true;
    m_reconnectTimer.stop();
    if (m_connection)
        m_connection->close(Error(ErrorCode::Unavailable, u"the agent is shutting down"_s));
}

void Agent::connectToServer()
{
    if (m_stopped)
        return;
    if (m_connection)
        m_connection->deleteLater();
    if (m_socket)
        m_socket->deleteLater();
    m_socket = new QSslSocket(this);
    QSslConfiguration tls = m_socket->sslConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    // The server's certificate is self-signed and pinned by fingerprint (checked in
    // onEncrypted() before a single byte of the protocol is sent).
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_socket->setSslConfiguration(tls);
    connect(m_socket, &QSslSocket::encrypted, this, &Agent::onEncrypted);
    QSslSocket *socket = m_socket;
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        if (socket == m_socket && !m_connection)
            scheduleReconnect(socket->errorString());
    });
    const QString address = m_usingDr && !m_state.drAddress.isEmpty() ? m_state.drAddress : m_state.primaryAddress;
    const auto [host, port] = splitAddress(address);
    m_socket->connectToHostEncrypted(host, port);
}

void Agent::onEncrypted()
{
    const QByteArray presented = m_socket->peerCertificate().digest(QCryptographicHash::Sha256);
    if (presented != m_state.certificateSha256) {
        const QString reason = u"the server presented certificate %1, but this agent trusts only %2"_s
                                   .arg(QString::fromLatin1(presented.toHex()),
                                        QString::fromLatin1(m_state.certificateSha256.toHex()));
        m_socket->abort();
        scheduleReconnect(reason);
        return;
    }
    Protocol::Connection::Options options;
    options.role = Protocol::Role::Agent;
    options.softwareVersion = softwareVersion();
    auto *connection = new Protocol::Connection(m_socket, options, this);
    m_connection = connection;
    Protocol::attachTlsSocket(*connection, *m_socket);
    connect(connection, &Protocol::Connection::messageReceived, this, &Agent::onMessage);
    connect(connection, &Protocol::Connection::chunkReceived, this, &Agent::onChunk);
    connect(connection, &Protocol::Connection::closed, this, &Agent::onClosed);
    connect(connection, &Protocol::Connection::sendCreditAvailable, this, [this] {
        for (auto &[stream, job] : m_jobs)
            if (job)
                job->channel().onSendCredit();
    });
    connect(connection, &Protocol::Connection::ready, this, [this] {
        m_backoffMs = 1000;
        (void)m_connection->send(0, collectHostFacts(m_settings.flavor, softwareVersion()));
        emit ready(m_state.agentId);
    });
    connection->start();
}

void Agent::onMessage(quint32 streamId, const Protocol::Message &message)
{
    if (const auto *challenge = std::get_if<Protocol::AuthChallenge>(&message)) {
        if (m_state.isEnrolled()) {
            auto mac = Protocol::authMac(m_state.authKey(), challenge->nonce, m_state.agentId);
            if (!mac) {
                m_connection->close(mac.error());
                return;
            }
            (void)m_connection->send(0, Protocol::AuthResponse { m_state.agentId, *mac });
        } else {
            (void)m_connection->send(0, Protocol::Enroll { m_state.token, collectHostFacts(m_settings.flavor, softwareVersion()) });
        }
        return;
    }
    if (const auto *enrolled = std::get_if<Protocol::EnrollResult>(&message)) {
        AgentState next = m_state;
        next.agentId = enrolled->agentId;
        next.secret = enrolled->agentSecret;
        next.token.clear();
        if (const Status saved = next.save(m_settings.stateFolder); !saved) {
            m_connection->close(saved.error());
            finalStop(u"enrolled, but the identity could not be saved: %1"_s.arg(saved.error().message()));
            return;
        }
        m_state = next;
        return;
    }
    if (std::holds_alternative<Protocol::AuthResult>(message))
        return;
    if (const auto *start = std::get_if<Protocol::JobStart>(&message)) {
        startJob(streamId, backupBody(*start, m_settings, *m_fs), start->bandwidthLimitBytesPerSecond);
        return;
    }
    if (const auto *restore = std::get_if<Protocol::RestoreStart>(&message)) {
        startJob(streamId, restoreBody(*restore, m_settings, *m_fs), restore->bandwidthLimitBytesPerSecond);
        return;
    }
    if (const auto *request = std::get_if<Protocol::BrowseRequest>(&message)) {
        auto reply = browse(*request, *m_fs);
        if (reply)
            (void)m_connection->send(streamId, *reply);
        else
            (void)m_connection->send(streamId, Protocol::ErrorMessage::fromError(reply.error()));
        return;
    }
    const auto job = m_jobs.find(streamId);
    if (job == m_jobs.end() || !job->second)
        return;
    if (const auto *cancel = std::get_if<Protocol::Cancel>(&message))
        job->second->cancel(cancel->reason);
    else if (const auto *error = std::get_if<Protocol::ErrorMessage>(&message))
        job->second->cancel(error->message);
    else
        job->second->channel().onMessage(message);
}

void Agent::onChunk(quint32 streamId, const Protocol::ChunkData &header, const QByteArray &stored)
{
    const auto job = m_jobs.find(streamId);
    if (job == m_jobs.end() || !job->second) {
        (void)m_connection->consumeData(stored.size());
        return;
    }
    job->second->channel().onChunk(header, stored);
}

void Agent::startJob(quint32 streamId, AgentJob::Body body, qint64 bandwidthLimit)
{
    auto *job = new AgentJob(m_connection, streamId, bandwidthLimit, std::move(body), this);
    m_jobs[streamId] = job;
    connect(job, &AgentJob::finished, this, [this](quint32 stream) {
        m_jobs.erase(stream);
        if (m_jobs.empty())
            releaseFreeMemoryWhenIdle(this, [this] { return m_jobs.empty(); });
    });
    job->start();
}

void Agent::onClosed(const Error &reason)
{
    for (auto &[stream, job] : m_jobs)
        if (job)
            job->abandon(reason);
    m_jobs.clear();
    if (reason.code() == ErrorCode::Unauthorized) {
        finalStop(reason.message());
        return;
    }
    scheduleReconnect(reason.message());
}

void Agent::scheduleReconnect(const QString &reason)
{
    emit disconnected(reason);
    if (m_stopped || m_reconnectTimer.isActive())
        return;
    if (!m_state.drAddress.isEmpty())
        m_usingDr = !m_usingDr && m_backoffMs >= 8000; // try the DR server after a few failures
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(MaxBackoffMs, m_backoffMs * 2);
}

void Agent::finalStop(const QString &reason)
{
    m_stopped = true;
    m_reconnectTimer.stop();
    emit stopped(reason);
}

} // namespace Kura::Agent
