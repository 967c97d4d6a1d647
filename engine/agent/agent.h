#pragma once

#include "agentstate.h"
#include "jobs.h"

#include <protocol/connection.h>
#include <store/fs/filesystem.h>

#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace Kura::Agent {

// The agent runtime (SPEC §1, §2; docs/protocol.md): dials its server over TLS 1.3 with the
// server certificate pinned, enrolls with its one-time token or authenticates with its own
// secret (challenge-response), reports host facts, and serves the server's requests: backups
// with source-side deduplication, restores, browsing. Reconnects with backoff (1 s doubling to
// 60 s) whenever the connection drops; a refused enrollment or identity is final (stopped()).
// Lives in one thread with an event loop; jobs run on worker threads of their own.
class Agent : public QObject
{
    Q_OBJECT

public:
    Agent(AgentSettings settings, AgentState state, QObject *parent = nullptr);
    ~Agent() override;

    void start();
    void stop();
    const AgentState &state() const { return m_state; }
    bool isReady() const { return m_connection && m_connection->isReady(); }
    int runningJobs() const { return int(m_jobs.size()); }

    static QString softwareVersion();

signals:
    // Enrolled (the identity is saved) or authenticated.
    void ready(const QString &agentId);
    // The connection dropped; the agent retries unless it stopped.
    void disconnected(const QString &reason);
    // A final refusal (unknown or reused token, identity not accepted, wrong certificate):
    // the agent does not retry.
    void stopped(const QString &reason);

private:
    void connectToServer();
    void onEncrypted();
    void onMessage(quint32 streamId, const Protocol::Message &message);
    void onChunk(quint32 streamId, const Protocol::ChunkData &header, const QByteArray &stored);
    void onClosed(const Error &reason);
    void scheduleReconnect(const QString &reason);
    void startJob(quint32 streamId, AgentJob::Body body, qint64 bandwidthLimit);
    void finalStop(const QString &reason);

    AgentSettings m_settings;
    AgentState m_state;
    std::unique_ptr<Fs::FileSystem> m_fs;
    QSslSocket *m_socket = nullptr;
    QPointer<Protocol::Connection> m_connection;
    QTimer m_reconnectTimer;
    int m_backoffMs = 1000;
    bool m_stopped = false;
    bool m_usingDr = false;
    std::map<quint32, QPointer<AgentJob>> m_jobs;
};

} // namespace Kura::Agent
