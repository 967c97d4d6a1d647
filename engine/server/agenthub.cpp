#include "agenthub.h"

#include <catalog/enrollmentstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/password.h>
#include <catalog/serverstore.h>
#include <catalog/usagestore.h>
#include <core/memory.h>
#include <protocol/auth.h>
#include <protocol/tlssocket.h>

#include <QSslConfiguration>
#include <QTimer>
#include <QSslServer>
#include <QSslSocket>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

// The tenant an agent id or enrollment token belongs to: "<tenant id>.<rest>".
qint64 tenantOf(const QString &text)
{
    const qsizetype dot = text.indexOf(u'.');
    bool ok = false;
    const qint64 tenant = dot > 0 ? text.left(dot).toLongLong(&ok) : 0;
    return ok ? tenant : 0;
}

Catalog::HostFacts catalogFacts(const Protocol::HostFacts &f)
{
    return { f.hostName, f.osId, f.osVersion, f.arch, f.flavor, f.agentVersion, f.addresses };
}

} // namespace

AgentHub::AgentHub(Catalog::Database &database, TenantRepositories &repositories, const Clock &clock, QObject *parent)
    : QObject(parent), m_db(database), m_repositories(repositories), m_clock(clock)
{
    m_pool.setMaxThreadCount(QThread::idealThreadCount());
    qRegisterMetaType<Kura::Server::BackupReceiver::Outcome>();
}

AgentHub::~AgentHub()
{
    for (auto &session : m_sessions)
        if (session->connection)
            session->connection->close(Error(ErrorCode::Unavailable, u"the server is shutting down"_s));
    m_pool.waitForDone();
    m_sessions.clear();
}

Result<quint16> AgentHub::listen(const TlsIdentity &identity, const QHostAddress &address, quint16 port)
{
    m_server = new QSslServer(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setLocalCertificate(identity.certificate);
    tls.setPrivateKey(identity.key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // agents authenticate inside the protocol
    m_server->setSslConfiguration(tls);
    m_server->setHandshakeTimeout(15000);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &AgentHub::onNewConnection);
    if (!m_server->listen(address, port))
        return fail(ErrorCode::Unavailable, u"cannot listen for agents on %1:%2: %3"_s.arg(address.toString()).arg(port)
                                                .arg(m_server->errorString()));
    return m_server->serverPort();
}

void AgentHub::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection());
        if (!socket)
            continue;
        auto session = std::make_unique<Session>();
        Session *s = session.get();
        s->socket = socket;
        Protocol::Connection::Options options;
        options.role = Protocol::Role::Server;
        options.softwareVersion = QStringLiteral(KURA_VERSION);
        options.clock = &m_clock;
        auto *connection = new Protocol::Connection(socket, options, socket);
        s->connection = connection;
        Protocol::attachTlsSocket(*connection, *socket);
        connect(connection, &Protocol::Connection::messageReceived, this,
                [this, s](quint32 stream, const Protocol::Message &m) { onMessage(s, stream, m); });
        connect(connection, &Protocol::Connection::chunkReceived, this,
                [this, s](quint32 stream, const Protocol::ChunkData &h, const QByteArray &d) { onChunk(s, stream, h, d); });
        connect(connection, &Protocol::Connection::closed, this, [this, s](const Error &e) { onClosed(s, e); });
        connect(connection, &Protocol::Connection::sendCreditAvailable, this, [this, s] {
            for (auto &[id, stream] : s->streams)
                if (stream.kind == Stream::Kind::Restore)
                    pumpRestore(s, id);
        });
        connect(socket, &QAbstractSocket::disconnected, connection, [connection] {
            connection->close(Error(ErrorCode::Unavailable, u"the agent closed the connection"_s));
        });
        m_sessions.push_back(std::move(session));
        connection->start();
    }
}

AgentHub::Session *AgentHub::sessionFor(qint64 tenantId, qint64 serverId) const
{
    for (const auto &s : m_sessions)
        if (s->tenantId == tenantId && s->serverId == serverId && s->connection && s->connection->isReady())
            return s.get();
    return nullptr;
}

void AgentHub::disconnectAgent(qint64 tenantId, qint64 serverId, const QString &reason)
{
    QList<QPointer<Protocol::Connection>> connections;
    for (const auto &s : m_sessions)
        if (s->tenantId == tenantId && s->serverId == serverId && s->connection)
            connections << s->connection;
    for (const QPointer<Protocol::Connection> &connection : std::as_const(connections))
        if (connection)
            connection->close(Error(ErrorCode::Unauthorized, reason)); // the agent stops for good
}

bool AgentHub::isConnected(qint64 tenantId, qint64 serverId) const
{
    return sessionFor(tenantId, serverId) != nullptr;
}

void AgentHub::handleEnroll(Session *s, const Protocol::Enroll &enroll)
{
    const qint64 tenant = tenantOf(enroll.token);
    // Server names are unique in a tenant; clones of one machine share a host name.
    Catalog::ServerStore servers(m_db);
    QSet<QString> taken;
    if (auto existing = tenant > 0 ? servers.list(tenant) : Result<QList<Catalog::ServerRecord>>(QList<Catalog::ServerRecord> {}))
        for (const Catalog::ServerRecord &r : std::as_const(*existing))
            taken.insert(r.name);
    QString name = enroll.facts.hostName;
    for (int n = 2; taken.contains(name); ++n)
        name = u"%1-%2"_s.arg(enroll.facts.hostName).arg(n);
    auto secret = Protocol::newAgentSecret();
    if (!secret) {
        s->connection->close(secret.error());
        return;
    }
    Catalog::NewServer server;
    server.name = name;
    server.agentId = u"%1.%2"_s.arg(tenant).arg(QUuid::createUuid().toString(QUuid::Id128));
    server.agentSecretHash = Catalog::tokenHash(QString::fromLatin1(secret->toHex()));
    server.facts = catalogFacts(enroll.facts);
    Catalog::EnrollmentStore tokens(m_db);
    auto enrolled = tenant > 0 ? tokens.enroll(tenant, enroll.token, m_clock.nowMs(), server)
                               : Result<Catalog::EnrolledServer>(fail(ErrorCode::Unauthorized, u"malformed token"_s));
    if (!enrolled) {
        s->connection->close(enrolled.error().code() == ErrorCode::Unauthorized
                                 ? Error(ErrorCode::Unauthorized, u"enrollment refused: the token is unknown, expired or already used"_s)
                                 : enrolled.error().withContext(u"enrollment failed; the token stays usable"_s));
        return;
    }
    s->tenantId = tenant;
    s->serverId = enrolled->serverId;
    s->agentId = server.agentId;
    if (const Status sent = s->connection->send(0, Protocol::EnrollResult { server.agentId, *secret }); !sent)
        return;
    becomeReady(s);
}

void AgentHub::handleAuth(Session *s, const Protocol::AuthResponse &response)
{
    const qint64 tenant = tenantOf(response.agentId);
    Catalog::ServerStore servers(m_db);
    auto record = tenant > 0 ? servers.findByAgentId(tenant, response.agentId)
                             : Result<Catalog::ServerRecord>(fail(ErrorCode::NotFound, u"malformed agent id"_s));
    const QByteArray key = record ? QByteArray::fromHex(record->agentSecretHash.toLatin1()) : QByteArray(32, '\0');
    const Status verified = Protocol::verifyAuthMac(key, s->connection->challengeNonce(), response.agentId, response.mac);
    if (!record || !verified) {
        s->connection->close(Error(ErrorCode::Unauthorized, u"authentication refused for agent \"%1\""_s.arg(response.agentId)));
        return;
    }
    // A second connection with the same identity replaces the first.
    if (Session *old = sessionFor(tenant, record->id))
        old->connection->close(Error(ErrorCode::Conflict, u"another connection authenticated as this agent"_s));
    s->tenantId = tenant;
    s->serverId = record->id;
    s->agentId = response.agentId;
    if (const Status sent = s->connection->send(0, Protocol::AuthResult { response.agentId }); !sent)
        return;
    becomeReady(s);
}

void AgentHub::becomeReady(Session *s)
{
    Catalog::ServerStore servers(m_db);
    (void)servers.setOnline(s->tenantId, s->serverId, true, m_clock.nowMs());
    if (s->socket)
        (void)servers.setAdvertisedAddress(s->tenantId, s->serverId, s->socket->peerAddress().toString());
    emit agentOnline(s->tenantId, s->serverId);
}

void AgentHub::onMessage(Session *s, quint32 streamId, const Protocol::Message &message)
{
    if (const auto *enroll = std::get_if<Protocol::Enroll>(&message)) {
        handleEnroll(s, *enroll);
        return;
    }
    if (const auto *auth = std::get_if<Protocol::AuthResponse>(&message)) {
        handleAuth(s, *auth);
        return;
    }
    if (const auto *facts = std::get_if<Protocol::HostFacts>(&message)) {
        Catalog::ServerStore servers(m_db);
        (void)servers.updateFacts(s->tenantId, s->serverId, catalogFacts(*facts));
        return;
    }
    auto it = s->streams.find(streamId);
    if (it == s->streams.end())
        return;
    Stream &stream = it->second;
    switch (stream.kind) {
    case Stream::Kind::Backup:
        if (stream.receiver)
            stream.receiver->onMessage(message);
        return;
    case Stream::Kind::Restore:
        handleRestoreMessage(s, streamId, stream, message);
        return;
    case Stream::Kind::Browse: {
        BrowseCallback callback = std::move(stream.browse);
        s->streams.erase(it);
        if (const auto *reply = std::get_if<Protocol::BrowseReply>(&message))
            callback(*reply);
        else if (const auto *error = std::get_if<Protocol::ErrorMessage>(&message))
            callback(fail(error->toError()));
        return;
    }
    }
}

void AgentHub::onChunk(Session *s, quint32 streamId, const Protocol::ChunkData &header, const QByteArray &stored)
{
    auto it = s->streams.find(streamId);
    if (it == s->streams.end() || it->second.kind != Stream::Kind::Backup || !it->second.receiver) {
        (void)s->connection->consumeData(stored.size());
        return;
    }
    it->second.receiver->onChunk(header, stored);
}

void AgentHub::onClosed(Session *s, const Error &reason)
{
    const QString why = u"the agent's connection was lost: %1"_s.arg(reason.message());
    // Taken out first: a receiver that finishes at once removes its stream from the session.
    std::map<quint32, Stream> streams = std::move(s->streams);
    s->streams.clear();
    for (auto &[id, stream] : streams) {
        if (stream.kind == Stream::Kind::Backup && stream.receiver)
            stream.receiver->abort(why);
        else if (stream.kind == Stream::Kind::Restore)
            finishJob(s->tenantId, stream.jobId, failedJob(why), false);
        else if (stream.browse)
            stream.browse(fail(ErrorCode::Unavailable, why));
    }
    if (s->serverId > 0 && !sessionFor(s->tenantId, s->serverId)) {
        Catalog::ServerStore servers(m_db);
        (void)servers.setOnline(s->tenantId, s->serverId, false, m_clock.nowMs());
        emit agentOffline(s->tenantId, s->serverId, reason.message());
    }
    s->serverId = 0;
    if (s->socket)
        s->socket->deleteLater();
    QTimer::singleShot(0, this, [this, s] {
        std::erase_if(m_sessions, [s](const std::unique_ptr<Session> &p) { return p.get() == s; });
    });
}

quint32 AgentHub::openStream(Session *s, Stream stream)
{
    const quint32 id = s->nextStream++;
    s->streams.emplace(id, std::move(stream));
    return id;
}

void AgentHub::addEvent(qint64 tenantId, qint64 jobId, int level, const QString &text)
{
    Catalog::JobStore jobs(m_db);
    (void)jobs.addEvent(tenantId, jobId, { m_clock.nowMs(), Catalog::EventLevel(level), text });
}

void AgentHub::recordUsage(qint64 tenantId, qint64 jobId, qint64 protectedBytes)
{
    // Today's protected volume of the server (SPEC §10): the newest successful backup's size.
    auto job = Catalog::JobStore(m_db).job(tenantId, jobId);
    auto server = job ? Catalog::ServerStore(m_db).server(tenantId, job->serverId)
                      : Result<Catalog::ServerRecord>(fail(job.error()));
    if (!server || !server->plan)
        return;
    Catalog::UsageSample sample;
    sample.serverId = server->id;
    sample.serverName = server->name;
    sample.day = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC).date();
    sample.protectedBytes = protectedBytes;
    sample.storage = server->plan->storage;
    sample.timing = server->plan->timing;
    sample.retentionDays = server->plan->retentionDays;
    if (const Status recorded = Catalog::UsageStore(m_db).record(tenantId, sample); !recorded)
        qWarning("cannot record the usage of server %lld: %s", server->id, qPrintable(recorded.error().message()));
}

Scheduler::FinishedJob AgentHub::failedJob(const QString &reason, Policy::JobState state)
{
    Scheduler::FinishedJob job;
    job.state = state;
    job.reason = reason;
    return job;
}

void AgentHub::finishJob(qint64 tenantId, qint64 jobId, const Scheduler::FinishedJob &outcome, bool isBackup)
{
    if (isBackup && m_scheduler) {
        if (const Status done = m_scheduler->jobFinished(tenantId, jobId, outcome); !done)
            qWarning("cannot record the end of job %lld: %s", jobId, qPrintable(done.error().message()));
        if (outcome.state == Policy::JobState::Succeeded)
            recordUsage(tenantId, jobId, outcome.sourceBytes);
    } else {
        Catalog::JobStore jobs(m_db);
        // A restore that succeeded shows its final totals, whatever its last progress event said.
        if (outcome.state == Policy::JobState::Succeeded)
            (void)jobs.updateProgress(tenantId, jobId,
                                      { outcome.sourceBytes, outcome.files, outcome.sourceBytes, outcome.files, 0 });
        (void)jobs.finish(tenantId, jobId, outcome.state, outcome.reason, m_clock.nowMs());
    }
    emit jobChanged(tenantId, jobId);
    releaseFreeMemoryWhenIdle(this, [this] { return !hasDataStreams(); });
}

bool AgentHub::hasDataStreams() const
{
    for (const auto &session : m_sessions) {
        for (const auto &[id, stream] : session->streams) {
            if (stream.kind != Stream::Kind::Browse)
                return true;
        }
    }
    return false;
}

} // namespace Kura::Server
