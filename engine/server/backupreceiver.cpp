#include "backupreceiver.h"

#include <store/compressor.h>
#include <store/crypto.h>

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Kura::Server {

BackupReceiver::BackupReceiver(Protocol::Connection *connection, quint32 streamId, Store::Repository &repository,
                               Store::Snapshot snapshotTemplate, QThreadPool &pool, QObject *parent)
    : QObject(parent), m_connection(connection), m_streamId(streamId), m_repo(repository)
    , m_snapshot(std::move(snapshotTemplate)), m_pool(pool)
{
}

// Chunks still being stored report back through a QPointer, which is null by then.
BackupReceiver::~BackupReceiver() = default;

Status BackupReceiver::begin(const QString &what)
{
    auto lock = Store::RepositoryLock::acquire(m_repo.store(), false, what, 10000);
    if (!lock)
        return fail(lock.error());
    m_lock = std::move(*lock);
    m_snapshot.time = QDateTime::currentDateTimeUtc();
    return {};
}

void BackupReceiver::onMessage(const Protocol::Message &message)
{
    if (m_done)
        return;
    if (const auto *query = std::get_if<Protocol::MissingChunksQuery>(&message)) {
        Protocol::MissingChunksReply reply;
        for (const QByteArray &raw : query->ids) {
            const auto id = Store::BlobId::fromByteArray(raw);
            if (id && !m_received.count(*id) && !m_repo.hasBlob(Store::BlobType::Data, *id)
                && !m_repo.hasBlob(Store::BlobType::Tree, *id))
                reply.missing << raw;
        }
        if (m_connection)
            (void)m_connection->send(m_streamId, reply);
        return;
    }
    if (const auto *progressMessage = std::get_if<Protocol::JobProgress>(&message)) {
        emit progress(*progressMessage);
        return;
    }
    if (const auto *eventMessage = std::get_if<Protocol::JobEvent>(&message)) {
        emit event(*eventMessage);
        return;
    }
    if (const auto *finishedMessage = std::get_if<Protocol::JobFinished>(&message)) {
        m_agentFinished = *finishedMessage;
        maybeFinish();
        return;
    }
    if (const auto *error = std::get_if<Protocol::ErrorMessage>(&message)) {
        abort(u"the agent reported an error: %1"_s.arg(error->message));
    }
}

void BackupReceiver::onChunk(const Protocol::ChunkData &header, const QByteArray &stored)
{
    if (m_done || m_failure) {
        if (m_connection)
            (void)m_connection->consumeData(stored.size());
        return;
    }
    const auto id = Store::BlobId::fromByteArray(header.id);
    m_received.insert(*id);
    m_receivedBytes += stored.size();
    ++m_inFlight;
    QPointer<BackupReceiver> self(this);
    Store::Repository *repo = &m_repo;
    m_pool.start([self, repo, chunk = Incoming { header, stored, *id }] {
        Verified result = verifyAndStore(*repo, chunk);
        QMetaObject::invokeMethod(self.data(), [self, result = std::move(result)]() mutable {
            if (self)
                self->stored(std::move(result));
        }, Qt::QueuedConnection);
    });
}

BackupReceiver::Verified BackupReceiver::verifyAndStore(Store::Repository &repo, const Incoming &chunk)
{
    // Decompressed only to check the id (what is stored stays compressed), into a buffer the
    // worker thread keeps rather than a fresh allocation per chunk.
    thread_local QByteArray plain;
    const Protocol::ChunkData &header = chunk.header;
    const Store::BlobId &id = chunk.id;
    Verified result;
    result.bytes = chunk.stored.size();
    result.id = id;
    result.isTree = header.kind == Protocol::BlobKind::Tree;
    const char *raw = chunk.stored.constData();
    qsizetype rawSize = chunk.stored.size();
    if (header.compression == Protocol::Compression::Zstd) {
        if (const Status done = Store::decompressInto(raw, rawSize, header.rawLength, plain); !done) {
            result.error = done.error().withContext(u"chunk %1"_s.arg(id.toHex()));
            return result;
        }
        raw = plain.constData();
        rawSize = plain.size();
    }
    if (repo.blobId(raw, rawSize) != id) {
        result.error = Error(ErrorCode::Corrupt, u"chunk %1 does not match its id; the agent sent damaged data"_s.arg(id.toHex()));
        return result;
    }
    if (result.isTree) {
        auto tree = Store::decodeTree(QByteArray::fromRawData(raw, rawSize));
        if (!tree) {
            result.error = tree.error().withContext(u"tree %1 from the agent"_s.arg(id.toHex()));
            return result;
        }
        for (const Store::Node &node : std::as_const(tree->nodes)) {
            if (node.type == Store::NodeType::Directory)
                result.refs.subtrees.push_back(node.subtree);
            for (const Store::ContentPart &part : node.content)
                if (!part.isHole())
                    result.refs.data.push_back(part.id);
        }
    }
    auto saved = repo.saveStoredBlob(result.isTree ? Store::BlobType::Tree : Store::BlobType::Data, id,
                                     header.compression == Protocol::Compression::Zstd ? Store::Compression::Zstd
                                                                                      : Store::Compression::None,
                                     header.rawLength, chunk.stored);
    if (!saved)
        result.error = saved.error();
    return result;
}

void BackupReceiver::stored(Verified result)
{
    --m_inFlight;
    if (m_connection)
        (void)m_connection->consumeData(result.bytes);
    if (result.error && !m_failure) {
        m_failure = *result.error;
        if (m_connection)
            (void)m_connection->send(m_streamId, Protocol::Cancel { result.error->message() });
    }
    if (result.isTree && !result.error)
        m_newTrees.emplace(result.id, std::move(result.refs));
    maybeFinish();
}

void BackupReceiver::abort(const QString &reason)
{
    if (m_done)
        return;
    if (!m_failure)
        m_failure = Error(ErrorCode::Unavailable, reason);
    m_agentFinished = Protocol::JobFinished { Policy::JobState::Failed, reason, {}, {} };
    maybeFinish();
}

void BackupReceiver::maybeFinish()
{
    if (m_done || !m_agentFinished || m_inFlight > 0)
        return;
    finish(commit());
}

BackupReceiver::Outcome BackupReceiver::commit()
{
    Outcome outcome;
    outcome.statistics = m_agentFinished->statistics;
    const Status flushed = m_repo.flush(); // keep what arrived, whatever happens next
    if (m_failure) {
        outcome.reason = m_failure->message();
        return outcome;
    }
    if (m_agentFinished->state != Policy::JobState::Succeeded) {
        outcome.state = m_agentFinished->state;
        outcome.reason = m_agentFinished->reason;
        return outcome;
    }
    if (!flushed) {
        outcome.reason = flushed.error().message();
        return outcome;
    }
    const auto root = Store::BlobId::fromByteArray(m_agentFinished->rootId);
    if (!root || !m_repo.hasBlob(Store::BlobType::Tree, *root)) {
        outcome.reason = u"the agent finished without a stored root tree; no generation was written"_s;
        return outcome;
    }
    // Every tree that arrived may reference only stored trees and data.
    for (const auto &[treeId, refs] : m_newTrees) {
        for (const Store::BlobId &sub : refs.subtrees)
            if (!m_repo.hasBlob(Store::BlobType::Tree, sub)) {
                outcome.reason = u"tree %1 references tree %2, which the server does not have; no generation was written"_s
                                     .arg(treeId.toHex(), sub.toHex());
                return outcome;
            }
        for (const Store::BlobId &data : refs.data)
            if (!m_repo.hasBlob(Store::BlobType::Data, data)) {
                outcome.reason = u"tree %1 references data %2, which the server does not have; no generation was written"_s
                                     .arg(treeId.toHex(), data.toHex());
                return outcome;
            }
    }
    Store::Snapshot s = m_snapshot;
    s.tree = *root;
    s.endTime = QDateTime::currentDateTimeUtc();
    const Protocol::JobStatistics &st = m_agentFinished->statistics;
    s.stats.sourceBytes = st.sourceBytes;
    s.stats.files = st.files;
    s.stats.readBytes = st.bytesRead;
    s.stats.newBlobs = st.chunksSent;
    s.stats.storedBytes = st.bytesSent;
    s.stats.durationMs = st.durationMs;
    auto id = m_repo.saveSnapshot(s);
    if (!id) {
        outcome.reason = id.error().message();
        return outcome;
    }
    outcome.state = Policy::JobState::Succeeded;
    outcome.snapshotId = *id;
    return outcome;
}

void BackupReceiver::finish(Outcome outcome)
{
    m_done = true;
    if (m_lock)
        (void)m_lock->release();
    m_lock.reset();
    emit finished(outcome);
}

} // namespace Kura::Server
