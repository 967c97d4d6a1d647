#pragma once

#include <core/error.h>
#include <protocol/flowcontrol.h>
#include <protocol/messages.h>
#include <store/blobid.h>

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>

namespace Kura::Protocol {
class Connection;
}

namespace Kura::Agent {

// The bridge between one request stream of the agent's connection (which lives in the
// connection's thread) and the worker threads of a backup or restore, which block on it:
//  - offer(): a compressed chunk that is sent only if the server is missing it: offers are
//    asked about in batches (missing_chunks_query / missing_chunks_reply) while the workers
//    go on, and the missing ones join the send queue - no worker waits for a round trip;
//  - send(): chunk_data + Data frames through a bounded queue that the connection thread
//    drains as the server's receive window and the bandwidth limit allow;
//  - fetch(): batched fetch_chunks, answered by chunk_data or chunk_unavailable in order;
//    prefetch() asks ahead, and a later fetch() of the same blob takes that answer.
// When the stream fails (connection lost, server error, cancel) every waiting call returns
// the error at once. Worker-side functions must not be called from the connection thread.
class StreamChannel : public QObject
{
    Q_OBJECT

public:
    StreamChannel(Protocol::Connection *connection, quint32 streamId, qint64 bandwidthLimitBytesPerSecond,
                  QObject *parent = nullptr);
    ~StreamChannel() override;

    quint32 streamId() const { return m_streamId; }

    // Worker side (blocking).
    // Blocks only while the chunks offered or queued exceed the memory budget.
    Status offer(const Protocol::ChunkData &header, QByteArray stored);
    Status send(const Protocol::ChunkData &header, QByteArray stored);
    Result<std::pair<Protocol::ChunkData, QByteArray>> fetch(Protocol::BlobKind kind, const Store::BlobId &id);
    // Does not block. Asks for blobs that fetch() is called for soon; at most MaxPrefetched
    // answers wait for their fetch() at a time (further ids are left to fetch()).
    void prefetch(Protocol::BlobKind kind, const QList<Store::BlobId> &ids);
    static constexpr qsizetype MaxPrefetched = 1024;
    // Waits until everything passed to send() has been handed to the connection.
    Status drain();
    // Bytes handed to the connection so far (Data payload).
    qint64 sentBytes() const { return m_sentBytes.load(); }
    qint64 chunksSent() const { return m_chunksSent.load(); }
    qint64 chunksDeduplicated() const { return m_chunksDeduplicated.load(); }
    const std::atomic<bool> *cancelFlag() const { return &m_cancelled; }

    // Connection-thread side: the agent routes the stream's messages here.
    void onMessage(const Protocol::Message &message);
    void onChunk(const Protocol::ChunkData &header, const QByteArray &stored);
    void onSendCredit() { pump(); }
    // Fails every waiting and later worker call with `reason`; sets the cancel flag.
    void abort(const Error &reason);
    bool isAborted() const;

private:
    struct Outgoing
    {
        Protocol::ChunkData header;
        QByteArray stored;
    };
    struct Fetch
    {
        Protocol::BlobKind kind = Protocol::BlobKind::Data;
        Store::BlobId id;
        bool done = false;
        std::optional<Error> error;
        Protocol::ChunkData header;
        QByteArray stored;
        QWaitCondition answered; // with m_mutex: only the thread waiting for this answer wakes
    };
    void scheduleFlush();
    void schedulePump(); // call with m_mutex held // call with m_mutex held
    void flushRequests();
    void pump();

    QPointer<Protocol::Connection> m_connection;
    const quint32 m_streamId;
    std::atomic<bool> m_cancelled { false };
    std::atomic<qint64> m_sentBytes { 0 };
    std::atomic<qint64> m_chunksSent { 0 }, m_chunksDeduplicated { 0 };

    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    std::optional<Error> m_failure;
    bool m_flushScheduled = false;
    bool m_pumpScheduled = false;
    std::deque<Outgoing> m_newOffers;
    std::deque<std::vector<Outgoing>> m_outstandingOffers; // asked about, in query order
    qint64 m_offeredBytes = 0;
    std::deque<std::shared_ptr<Fetch>> m_newFetches;
    std::deque<std::shared_ptr<Fetch>> m_outstandingFetches;
    QHash<QByteArray, std::shared_ptr<Fetch>> m_prefetched; // by blob id, until fetch() takes them
    std::deque<Outgoing> m_outgoing;
    qint64 m_outgoingBytes = 0;
    bool m_sending = false; // the connection thread holds an item outside the queue

    Protocol::RateLimiter m_rateLimiter; // the connection thread only
};

} // namespace Kura::Agent
