#include "streamchannel.h"

#include <protocol/connection.h>

#include <QTimer>

#include <QSet>

using namespace Qt::StringLiterals;

namespace Kura::Agent {
namespace {

// Chunk data waiting for the connection: enough to keep the pipe full, small enough that
// memory stays flat.
constexpr qint64 MaxQueuedBytes = 16 * 1024 * 1024;
// What a queued chunk counts against MaxQueuedBytes at least: each one costs a queue entry,
// its header and allocator overhead besides its bytes, and 32 MiB of small files' compressed
// chunks were tens of thousands of entries.
constexpr qint64 MinQueuedCost = 16 * 1024;

qint64 queueCost(const QByteArray &stored)
{
    return qMax<qint64>(stored.size(), MinQueuedCost);
}

} // namespace

StreamChannel::StreamChannel(Protocol::Connection *connection, quint32 streamId,
                             qint64 bandwidthLimitBytesPerSecond, QObject *parent)
    : QObject(parent), m_connection(connection), m_streamId(streamId), m_rateLimiter(bandwidthLimitBytesPerSecond)
{
}

StreamChannel::~StreamChannel()
{
    abort(Error(ErrorCode::Cancelled, u"the stream was closed"_s));
}

void StreamChannel::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, [this] { flushRequests(); }, Qt::QueuedConnection);
}

Status StreamChannel::offer(const Protocol::ChunkData &header, QByteArray stored)
{
    QMutexLocker lock(&m_mutex);
    while (!m_failure && m_offeredBytes + m_outgoingBytes > 0
           && m_offeredBytes + m_outgoingBytes + queueCost(stored) > MaxQueuedBytes)
        m_changed.wait(&m_mutex);
    if (m_failure)
        return Kura::fail(*m_failure);
    m_offeredBytes += queueCost(stored);
    m_newOffers.push_back({ header, std::move(stored) });
    scheduleFlush();
    return {};
}

void StreamChannel::schedulePump()
{
    if (!m_pumpScheduled) {
        m_pumpScheduled = true;
        QMetaObject::invokeMethod(this, [this] { pump(); }, Qt::QueuedConnection);
    }
}

Status StreamChannel::send(const Protocol::ChunkData &header, QByteArray stored)
{
    QMutexLocker lock(&m_mutex);
    while (!m_failure && m_outgoingBytes > 0 && m_outgoingBytes + queueCost(stored) > MaxQueuedBytes)
        m_changed.wait(&m_mutex);
    if (m_failure)
        return Kura::fail(*m_failure);
    m_outgoingBytes += queueCost(stored);
    m_outgoing.push_back({ header, std::move(stored) });
    schedulePump();
    return {};
}

Result<std::pair<Protocol::ChunkData, QByteArray>> StreamChannel::fetch(Protocol::BlobKind kind,
                                                                        const Store::BlobId &id)
{
    QMutexLocker lock(&m_mutex);
    if (m_failure)
        return Kura::fail(*m_failure);
    std::shared_ptr<Fetch> request;
    if (auto ahead = m_prefetched.find(id.toByteArray()); ahead != m_prefetched.end() && (*ahead)->kind == kind) {
        request = *ahead;
        m_prefetched.erase(ahead);
    } else {
        request = std::make_shared<Fetch>();
        request->kind = kind;
        request->id = id;
        m_newFetches.push_back(request);
        scheduleFlush();
    }
    while (!request->done && !m_failure)
        request->answered.wait(&m_mutex);
    if (!request->done)
        return Kura::fail(*m_failure);
    if (request->error)
        return Kura::fail(*request->error);
    return std::make_pair(request->header, std::move(request->stored));
}

void StreamChannel::prefetch(Protocol::BlobKind kind, const QList<Store::BlobId> &ids)
{
    QMutexLocker lock(&m_mutex);
    if (m_failure)
        return;
    for (const Store::BlobId &id : ids) {
        if (m_prefetched.size() >= MaxPrefetched)
            break;
        const QByteArray key = id.toByteArray();
        if (m_prefetched.contains(key))
            continue;
        auto request = std::make_shared<Fetch>();
        request->kind = kind;
        request->id = id;
        m_prefetched.insert(key, request);
        m_newFetches.push_back(std::move(request));
    }
    scheduleFlush();
}

Status StreamChannel::drain()
{
    QMutexLocker lock(&m_mutex);
    while (!m_failure
           && (!m_outgoing.empty() || m_sending || !m_newOffers.empty() || !m_outstandingOffers.empty()))
        m_changed.wait(&m_mutex);
    if (m_failure)
        return Kura::fail(*m_failure);
    return {};
}

void StreamChannel::flushRequests()
{
    std::vector<Outgoing> offers;
    std::vector<std::shared_ptr<Fetch>> fetches;
    {
        QMutexLocker lock(&m_mutex);
        m_flushScheduled = false;
        if (m_failure)
            return;
        while (!m_newOffers.empty()) {
            offers.push_back(std::move(m_newOffers.front()));
            m_newOffers.pop_front();
        }
        // Outstanding from now on, in the order they are asked for, so that abort() wakes
        // their threads whatever happens below.
        while (!m_newFetches.empty()) {
            fetches.push_back(m_newFetches.front());
            m_outstandingFetches.push_back(std::move(m_newFetches.front()));
            m_newFetches.pop_front();
        }
    }
    if (!m_connection) {
        abort(Error(ErrorCode::Unavailable, u"the connection to the server is gone"_s));
        return;
    }
    for (size_t start = 0; start < offers.size(); start += size_t(Protocol::MaxIdsPerQuery)) {
        const size_t end = qMin(offers.size(), start + size_t(Protocol::MaxIdsPerQuery));
        Protocol::MissingChunksQuery message;
        std::vector<Outgoing> batch;
        for (size_t i = start; i < end; ++i) {
            message.ids << offers[i].header.id;
            batch.push_back(std::move(offers[i]));
        }
        {
            QMutexLocker lock(&m_mutex);
            m_outstandingOffers.push_back(std::move(batch));
        }
        if (const Status sent = m_connection->send(m_streamId, message); !sent) {
            abort(sent.error());
            return;
        }
    }
    // One fetch_chunks per run of the same kind, so that answers come back in request order.
    for (size_t start = 0; start < fetches.size();) {
        Protocol::FetchChunks message;
        message.kind = fetches[start]->kind;
        size_t end = start;
        while (end < fetches.size() && fetches[end]->kind == message.kind
               && message.ids.size() < Protocol::MaxIdsPerQuery)
            message.ids << fetches[end++]->id.toByteArray();
        if (const Status sent = m_connection->send(m_streamId, message); !sent) {
            abort(sent.error());
            return;
        }
        start = end;
    }
}

void StreamChannel::onMessage(const Protocol::Message &message)
{
    if (const auto *reply = std::get_if<Protocol::MissingChunksReply>(&message)) {
        QMutexLocker lock(&m_mutex);
        if (m_outstandingOffers.empty()) {
            lock.unlock();
            abort(Error(ErrorCode::Corrupt, u"the server answered a missing-chunks query that was not asked"_s));
            return;
        }
        const QSet<QByteArray> missing(reply->missing.cbegin(), reply->missing.cend());
        for (Outgoing &offer : m_outstandingOffers.front()) {
            m_offeredBytes -= queueCost(offer.stored);
            if (missing.contains(offer.header.id)) {
                m_outgoingBytes += queueCost(offer.stored);
                m_outgoing.push_back(std::move(offer));
            } else {
                m_chunksDeduplicated.fetch_add(1);
            }
        }
        m_outstandingOffers.pop_front();
        schedulePump();
        m_changed.wakeAll();
        return;
    }
    if (const auto *unavailable = std::get_if<Protocol::ChunkUnavailable>(&message)) {
        QMutexLocker lock(&m_mutex);
        if (m_outstandingFetches.empty() || m_outstandingFetches.front()->id.toByteArray() != unavailable->id) {
            lock.unlock();
            abort(Error(ErrorCode::Corrupt, u"the server answered for a chunk that was not asked for next"_s));
            return;
        }
        auto request = std::move(m_outstandingFetches.front());
        m_outstandingFetches.pop_front();
        request->error = Error(ErrorCode::NotFound, u"chunk %1 is not available on the server: %2"_s
                                                        .arg(request->id.toHex(), unavailable->message));
        request->done = true;
        request->answered.wakeAll();
    }
}

void StreamChannel::onChunk(const Protocol::ChunkData &header, const QByteArray &stored)
{
    if (m_connection)
        (void)m_connection->consumeData(stored.size());
    QMutexLocker lock(&m_mutex);
    if (m_outstandingFetches.empty() || m_outstandingFetches.front()->id.toByteArray() != header.id) {
        lock.unlock();
        abort(Error(ErrorCode::Corrupt, u"the server sent a chunk that was not asked for next"_s));
        return;
    }
    auto request = std::move(m_outstandingFetches.front());
    m_outstandingFetches.pop_front();
    request->header = header;
    request->stored = stored;
    request->done = true;
    request->answered.wakeAll();
}

void StreamChannel::pump()
{
    for (;;) {
        Outgoing item;
        {
            QMutexLocker lock(&m_mutex);
            m_pumpScheduled = false;
            if (m_failure || m_outgoing.empty())
                return;
            if (!m_connection) {
                lock.unlock();
                abort(Error(ErrorCode::Unavailable, u"the connection to the server is gone"_s));
                return;
            }
            const qint64 size = m_outgoing.front().stored.size();
            if (m_connection->sendCreditBytes() < size)
                return; // onSendCredit() calls again
            if (const qint64 waitMs = m_rateLimiter.take(size, Protocol::RateLimiter::clockMs()); waitMs > 0) {
                m_pumpScheduled = true;
                QTimer::singleShot(int(waitMs), this, [this] { pump(); });
                return;
            }
            item = std::move(m_outgoing.front());
            m_outgoing.pop_front();
            m_sending = true;
        }
        const Status sent = m_connection->sendChunk(m_streamId, item.header, item.stored);
        QMutexLocker lock(&m_mutex);
        m_sending = false;
        m_outgoingBytes -= queueCost(item.stored);
        m_changed.wakeAll();
        if (!sent) {
            lock.unlock();
            abort(sent.error());
            return;
        }
        m_sentBytes.fetch_add(item.stored.size());
        m_chunksSent.fetch_add(1);
    }
}

void StreamChannel::abort(const Error &reason)
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    if (!m_failure)
        m_failure = reason;
    m_outgoing.clear();
    m_outgoingBytes = 0;
    m_newOffers.clear();
    m_outstandingOffers.clear();
    m_offeredBytes = 0;
    m_changed.wakeAll();
    for (const auto &request : m_newFetches)
        request->answered.wakeAll();
    for (const auto &request : m_outstandingFetches)
        request->answered.wakeAll();
}

bool StreamChannel::isAborted() const
{
    QMutexLocker lock(&m_mutex);
    return m_failure.has_value();
}

} // namespace Kura::Agent
