#pragma once

#include <protocol/connection.h>
#include <store/lock.h>
#include <store/repository.h>

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace Kura::Server {

// The server's side of one backup stream: answers missing-chunk queries from the tenant's
// repository, verifies every chunk that arrives (decompressed, keyed hash checked against
// its id, so an agent cannot poison deduplication) and stores it on a thread pool, and on
// job_finished checks that every tree received references only stored data before it
// commits the snapshot, last. Uploaded data is flushed even when the job fails, so the next
// backup reuses it. Lives in the hub's thread.
class BackupReceiver : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        Policy::JobState state = Policy::JobState::Failed;
        QString reason;
        QString snapshotId;
        Protocol::JobStatistics statistics;
    };

    BackupReceiver(Protocol::Connection *connection, quint32 streamId, Store::Repository &repository,
                   Store::Snapshot snapshotTemplate, QThreadPool &pool, QObject *parent = nullptr);
    ~BackupReceiver() override;

    // Takes the repository's shared lock (prune waits for it). Conflict when prune holds it.
    Status begin(const QString &what);
    void onMessage(const Protocol::Message &message);
    void onChunk(const Protocol::ChunkData &header, const QByteArray &stored);
    // The connection dropped or the job was stopped server-side: flush and fail.
    void abort(const QString &reason);
    // Chunk bytes that crossed the network so far (as sent, compressed).
    qint64 receivedBytes() const { return m_receivedBytes; }

signals:
    void progress(const Protocol::JobProgress &progress);
    void event(const Protocol::JobEvent &event);
    void finished(const Kura::Server::BackupReceiver::Outcome &outcome);

private:
    struct TreeRefs
    {
        std::vector<Store::BlobId> subtrees;
        std::vector<Store::BlobId> data;
    };

    struct Incoming
    {
        Protocol::ChunkData header;
        QByteArray stored;
        Store::BlobId id;
    };
    struct Verified
    {
        qint64 bytes = 0;
        std::optional<Error> error;
        Store::BlobId id;
        TreeRefs refs;
        bool isTree = false;
    };
    // Decompresses (into a buffer of the pool thread) and hashes the chunk, and stores it as it
    // came when it matches its id.
    static Verified verifyAndStore(Store::Repository &repo, const Incoming &chunk);
    void stored(Verified result);
    void maybeFinish();
    Outcome commit();
    void finish(Outcome outcome);

    QPointer<Protocol::Connection> m_connection;
    quint32 m_streamId;
    Store::Repository &m_repo;
    Store::Snapshot m_snapshot;
    QThreadPool &m_pool;
    std::unique_ptr<Store::RepositoryLock> m_lock;
    int m_inFlight = 0;
    qint64 m_receivedBytes = 0;
    std::optional<Protocol::JobFinished> m_agentFinished;
    std::optional<Error> m_failure;
    bool m_done = false;
    std::unordered_map<Store::BlobId, TreeRefs, Store::BlobIdHash> m_newTrees;
    std::unordered_set<Store::BlobId, Store::BlobIdHash> m_received;
};

} // namespace Kura::Server

Q_DECLARE_METATYPE(Kura::Server::BackupReceiver::Outcome)
