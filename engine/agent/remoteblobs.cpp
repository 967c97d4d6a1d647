#include "remoteblobs.h"

#include <store/compressor.h>
#include <store/crypto.h>

using namespace Qt::StringLiterals;

namespace Kura::Agent {
namespace {

Protocol::BlobKind blobKind(Store::BlobType type)
{
    return type == Store::BlobType::Tree ? Protocol::BlobKind::Tree : Protocol::BlobKind::Data;
}

} // namespace

RemoteSink::RemoteSink(StreamChannel &channel, QByteArray idKey, const Store::ChunkerParams &chunker,
                       quint64 chunkerSeed, const TreeCache *parent, TreeCacheWriter *cacheWriter,
                       int compressionLevel)
    : m_channel(channel), m_idKey(std::move(idKey)), m_chunker(chunker, chunkerSeed), m_parent(parent)
    , m_cacheWriter(cacheWriter), m_compressionLevel(compressionLevel)
{
}

Store::BlobId RemoteSink::blobId(const char *data, qsizetype size) const
{
    return Store::keyedHash(m_idKey, data, size);
}

bool RemoteSink::hasBlob(Store::BlobType type, const Store::BlobId &id) const
{
    // The parent generation's content is on the server (it is still a generation there);
    // the server checks every reference again before it commits the new one.
    if (type == Store::BlobType::Data && m_parent)
        return true;
    if (type == Store::BlobType::Tree && m_parent && m_parent->contains(id))
        return true;
    QMutexLocker lock(&m_mutex);
    return m_known.contains(id);
}

Result<Store::SaveResult> RemoteSink::saveBlob(Store::BlobType type, const Store::BlobId &id, const char *data,
                                               qsizetype size)
{
    if (type == Store::BlobType::Tree && m_cacheWriter)
        KURA_TRY(m_cacheWriter->add(id, data, size));
    if (size > qsizetype(Protocol::MaxDataPayloadBytes))
        return fail(ErrorCode::InvalidArgument, u"blob of %1 bytes is larger than a frame"_s.arg(size));
    if (type == Store::BlobType::Tree && m_parent && m_parent->contains(id)) {
        m_chunksDeduplicated.fetch_add(1);
        return Store::SaveResult {};
    }
    {
        QMutexLocker lock(&m_mutex);
        if (m_known.contains(id)) {
            m_chunksDeduplicated.fetch_add(1);
            return Store::SaveResult {};
        }
        m_known.insert(id);
    }
    // Compressed now, sent once the server says it is missing: the worker does not wait.
    Protocol::ChunkData header;
    header.id = id.toByteArray();
    header.kind = blobKind(type);
    header.rawLength = size;
    QByteArray stored = m_compressionLevel > 0 ? Store::compress(data, size, m_compressionLevel) : QByteArray();
    if (stored.isEmpty()) {
        stored = QByteArray(data, size);
        header.compression = Protocol::Compression::None;
    } else {
        header.compression = Protocol::Compression::Zstd;
    }
    header.storedLength = stored.size();
    KURA_TRY(m_channel.offer(header, std::move(stored)));
    return Store::SaveResult {}; // the channel counts what was sent

}

Result<Store::Tree> RemoteSink::loadParentTree(const Store::BlobId &id)
{
    if (!m_parent)
        return fail(ErrorCode::NotFound, u"no local cache of the parent generation"_s);
    return m_parent->tree(id);
}

RemoteSource::RemoteSource(StreamChannel &channel, QByteArray idKey)
    : m_channel(channel), m_idKey(std::move(idKey))
{
}

Result<QByteArray> RemoteSource::loadBlob(Store::BlobType type, const Store::BlobId &id)
{
    auto chunk = m_channel.fetch(blobKind(type), id);
    if (!chunk)
        return fail(chunk.error());
    auto &[header, stored] = *chunk;
    m_received.fetch_add(stored.size());
    QByteArray raw;
    if (header.compression == Protocol::Compression::Zstd) {
        auto plain = Store::decompress(stored.constData(), stored.size(), header.rawLength);
        if (!plain)
            return fail(plain.error().withContext(u"chunk %1 from the server"_s.arg(id.toHex())));
        raw = std::move(*plain);
    } else {
        raw = std::move(stored);
    }
    if (Store::keyedHash(m_idKey, raw.constData(), raw.size()) != id)
        return fail(ErrorCode::Corrupt, u"chunk %1 from the server does not match its id"_s.arg(id.toHex()));
    return raw;
}

void RemoteSource::prefetch(Store::BlobType type, const QList<Store::BlobId> &ids)
{
    m_channel.prefetch(blobKind(type), ids);
}

Result<Store::Tree> RemoteSource::loadTree(const Store::BlobId &id)
{
    auto bytes = loadBlob(Store::BlobType::Tree, id);
    if (!bytes)
        return fail(bytes.error());
    auto tree = Store::decodeTree(*bytes);
    if (!tree)
        return fail(tree.error().withContext(u"tree %1"_s.arg(id.toHex())));
    return tree;
}

} // namespace Kura::Agent
