#pragma once

#include "streamchannel.h"
#include "treecache.h"

#include <store/blobstore.h>

#include <QMutex>
#include <QSet>

namespace Kura::Agent {

// The backup's blob sink on the agent: source-side deduplication against the server. Each
// new blob's id is asked about (batched by the channel); only missing blobs are compressed
// and sent. Trees known from the local cache of the parent generation are not asked about,
// and every tree also goes into the cache of the new generation.
class RemoteSink final : public Store::BlobSink
{
public:
    RemoteSink(StreamChannel &channel, QByteArray idKey, const Store::ChunkerParams &chunker,
               quint64 chunkerSeed, const TreeCache *parent, TreeCacheWriter *cacheWriter,
               int compressionLevel = 3);

    const Store::Chunker &chunker() const override { return m_chunker; }
    Store::BlobId blobId(const char *data, qsizetype size) const override;
    bool hasBlob(Store::BlobType type, const Store::BlobId &id) const override;
    Result<Store::SaveResult> saveBlob(Store::BlobType type, const Store::BlobId &id, const char *data,
                                       qsizetype size) override;
    Result<Store::Tree> loadParentTree(const Store::BlobId &id) override;
    Status flush() override { return m_channel.drain(); }

    qint64 chunksSent() const { return m_channel.chunksSent(); }
    qint64 chunksDeduplicated() const { return m_chunksDeduplicated.load() + m_channel.chunksDeduplicated(); }

private:
    StreamChannel &m_channel;
    const QByteArray m_idKey;
    const Store::Chunker m_chunker;
    const TreeCache *m_parent;
    TreeCacheWriter *m_cacheWriter;
    const int m_compressionLevel;
    mutable QMutex m_mutex;
    QSet<Store::BlobId> m_known; // on the server: confirmed, sent or being sent in this run
    std::atomic<qint64> m_chunksDeduplicated { 0 }; // known before asking the server
};

// The restore's blob source on the agent: fetches blobs from the server, decompresses them
// and verifies each against its id before anything is written.
class RemoteSource final : public Store::BlobSource
{
public:
    RemoteSource(StreamChannel &channel, QByteArray idKey);

    Result<QByteArray> loadBlob(Store::BlobType type, const Store::BlobId &id) override;
    Result<Store::Tree> loadTree(const Store::BlobId &id) override;
    void prefetch(Store::BlobType type, const QList<Store::BlobId> &ids) override;
    qint64 receivedBytes() const { return m_received.load(); }

private:
    StreamChannel &m_channel;
    const QByteArray m_idKey;
    std::atomic<qint64> m_received { 0 };
};

} // namespace Kura::Agent
