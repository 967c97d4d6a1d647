#pragma once

#include "backupreceiver.h"
#include "tenantrepositories.h"
#include "tlsidentity.h"

#include <catalog/database.h>
#include <core/clock.h>
#include <protocol/connection.h>
#include <protocol/flowcontrol.h>
#include <scheduler/dispatcher.h>
#include <scheduler/scheduler.h>

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <map>

class QSslServer;
class QSslSocket;

namespace Kura::Server {

// What a restore needs (the API validated it against the policy before).
struct RestoreRequest
{
    qint64 tenantId = 0;
    qint64 jobId = 0;          // the catalog's restore job, queued
    qint64 targetServerId = 0; // whose agent writes
    Policy::JobKind kind = Policy::JobKind::FileRestore;
    QString snapshotId;
    QString targetPath;        // files
    QStringList selectedPaths; // files: empty means everything
    Protocol::OverwritePolicy overwrite = Protocol::OverwritePolicy::Skip;
    QString device;            // system
};

// The agents' side of kura-server (ARCHITECTURE "Agent protocol"): a TLS 1.3 listener,
// one session per connected agent (enrollment with one-time tokens, challenge-response
// authentication, host facts, online state), and the scheduler's Dispatcher: backups run on
// request streams of the agent's session with a BackupReceiver each; restores stream
// verified-on-arrival blobs to the target agent; browsing asks the agent for a folder.
// Lives in the server's scheduler thread (with the catalog connection of that thread).
class AgentHub : public QObject, public Scheduler::Dispatcher
{
    Q_OBJECT

public:
    AgentHub(Catalog::Database &database, TenantRepositories &repositories, const Clock &clock,
             QObject *parent = nullptr);
    ~AgentHub() override;

    // The scheduler this hub reports to (set once, before listen()).
    void setScheduler(Scheduler::Scheduler *scheduler) { m_scheduler = scheduler; }
    Result<quint16> listen(const TlsIdentity &identity, const QHostAddress &address, quint16 port);

    bool isConnected(qint64 tenantId, qint64 serverId) const override;
    void dispatch(const Scheduler::DispatchRequest &request) override;
    void stop(qint64 tenantId, qint64 jobId) override;

    // Starts a restore on the target server's agent. Unavailable when it is not connected.
    Status startRestore(const RestoreRequest &request);
    using BrowseCallback = std::function<void(Result<Protocol::BrowseReply>)>;
    // Asks the server's agent for a folder's entries; the callback runs in this thread.
    void browse(qint64 tenantId, qint64 serverId, const QString &path, int maxEntries, BrowseCallback callback);
    // Closes every session of the server's agent (its record was deleted) with Unauthorized, so
    // that the agent stops instead of reconnecting; its streams end as on a lost connection.
    void disconnectAgent(qint64 tenantId, qint64 serverId, const QString &reason);

signals:
    void agentOnline(qint64 tenantId, qint64 serverId);
    void agentOffline(qint64 tenantId, qint64 serverId, const QString &reason);
    // A job's progress or state changed (for live events).
    void jobChanged(qint64 tenantId, qint64 jobId);

private:
    struct Session;
    struct Stream
    {
        enum class Kind { Backup, Restore, Browse } kind = Kind::Backup;
        qint64 jobId = 0;
        QPointer<BackupReceiver> receiver;
        BrowseCallback browse;
        std::deque<std::pair<Protocol::BlobKind, QByteArray>> pendingFetches; // restore
        qint64 restoreTargetServer = 0;
        Protocol::RateLimiter restoreRate; // the target agent's bandwidth limit
        bool restorePumpTimed = false;     // a timer calls pumpRestore() when the limit allows
    };
    struct Session
    {
        QPointer<QSslSocket> socket;
        QPointer<Protocol::Connection> connection;
        qint64 tenantId = 0;
        qint64 serverId = 0;
        QString agentId;
        quint32 nextStream = 1;
        std::map<quint32, Stream> streams;
    };

    void onNewConnection();
    void onMessage(Session *session, quint32 streamId, const Protocol::Message &message);
    void onChunk(Session *session, quint32 streamId, const Protocol::ChunkData &header, const QByteArray &stored);
    void onClosed(Session *session, const Error &reason);
    void handleEnroll(Session *session, const Protocol::Enroll &enroll);
    void handleAuth(Session *session, const Protocol::AuthResponse &response);
    void becomeReady(Session *session);
    void handleRestoreMessage(Session *session, quint32 streamId, Stream &stream, const Protocol::Message &message);
    void pumpRestore(Session *session, quint32 streamId);
    void finishJob(qint64 tenantId, qint64 jobId, const Scheduler::FinishedJob &outcome, bool isBackup);
    void recordUsage(qint64 tenantId, qint64 jobId, qint64 protectedBytes);
    bool hasDataStreams() const; // a backup or restore stream is open
    static Scheduler::FinishedJob failedJob(const QString &reason, Policy::JobState state = Policy::JobState::Failed);
    Session *sessionFor(qint64 tenantId, qint64 serverId) const;
    quint32 openStream(Session *session, Stream stream);
    void addEvent(qint64 tenantId, qint64 jobId, int level, const QString &text);

    Catalog::Database &m_db;
    TenantRepositories &m_repositories;
    const Clock &m_clock;
    Scheduler::Scheduler *m_scheduler = nullptr;
    QSslServer *m_server = nullptr;
    QThreadPool m_pool;
    std::vector<std::unique_ptr<Session>> m_sessions;
};

} // namespace Kura::Server
