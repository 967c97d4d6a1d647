#include "index.h"

#include <QtEndian>

#include <mutex>

namespace Kura::Store {
namespace {

const QByteArray IndexMagic("KIDX", 4);
constexpr quint8 IndexVersion = 1;
constexpr qsizetype IndexEntrySize = 1 + 1 + 32 + 4 + 4 + 4;

void appendU32(QByteArray &out, quint32 value)
{
    char b[4];
    qToLittleEndian<quint32>(value, b);
    out.append(b, 4);
}

} // namespace

QByteArray encodeIndex(const QList<IndexedPack> &packs)
{
    QByteArray out = IndexMagic;
    out.append(char(IndexVersion));
    appendU32(out, quint32(packs.size()));
    for (const IndexedPack &pack : packs) {
        out.append(reinterpret_cast<const char *>(pack.packId.bytes.data()), 32);
        appendU32(out, quint32(pack.entries.size()));
        for (const PackEntry &e : pack.entries) {
            out.append(char(e.type));
            out.append(char(e.compression));
            out.append(reinterpret_cast<const char *>(e.id.bytes.data()), 32);
            appendU32(out, e.offset);
            appendU32(out, e.length);
            appendU32(out, e.rawLength);
        }
    }
    return out;
}

Result<QList<IndexedPack>> decodeIndex(const QByteArray &plain)
{
    if (plain.size() < 9 || !plain.startsWith(IndexMagic))
        return fail(ErrorCode::Corrupt, QStringLiteral("not an index object (bad magic)"));
    if (quint8(plain[4]) != IndexVersion)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("index version %1 is unknown").arg(quint8(plain[4])));
    const char *p = plain.constData() + 5;
    const char *end = plain.constData() + plain.size();
    const quint32 packCount = qFromLittleEndian<quint32>(p);
    p += 4;
    if (packCount > quint32((end - p) / 36))
        return fail(ErrorCode::Corrupt, QStringLiteral("index declares %1 packs in %2 bytes")
                                            .arg(packCount)
                                            .arg(plain.size()));
    QList<IndexedPack> packs;
    packs.reserve(packCount);
    for (quint32 i = 0; i < packCount; ++i) {
        if (end - p < 36)
            return fail(ErrorCode::Corrupt, QStringLiteral("index truncated in pack %1").arg(i));
        IndexedPack pack;
        pack.packId = *BlobId::fromBytes(p, 32);
        const quint32 count = qFromLittleEndian<quint32>(p + 32);
        p += 36;
        if (count > quint32((end - p) / IndexEntrySize))
            return fail(ErrorCode::Corrupt, QStringLiteral("index pack %1 declares %2 entries, too few bytes")
                                                .arg(pack.packId.toHex())
                                                .arg(count));
        pack.entries.reserve(count);
        for (quint32 j = 0; j < count; ++j, p += IndexEntrySize) {
            PackEntry e;
            if (quint8(p[0]) > quint8(BlobType::Tree) || quint8(p[1]) > quint8(Compression::Zstd))
                return fail(ErrorCode::Corrupt,
                            QStringLiteral("index entry %1 of pack %2 has unknown type or compression")
                                .arg(j)
                                .arg(pack.packId.toHex()));
            e.type = BlobType(p[0]);
            e.compression = Compression(p[1]);
            e.id = *BlobId::fromBytes(p + 2, 32);
            e.offset = qFromLittleEndian<quint32>(p + 34);
            e.length = qFromLittleEndian<quint32>(p + 38);
            e.rawLength = qFromLittleEndian<quint32>(p + 42);
            if (e.rawLength > MaxBlobBytes || e.length > MaxBlobBytes + SealOverhead + 1024)
                return fail(ErrorCode::Corrupt, QStringLiteral("index entry %1 of pack %2 has impossible length")
                                                    .arg(j)
                                                    .arg(pack.packId.toHex()));
            pack.entries.append(e);
        }
        packs.append(std::move(pack));
    }
    if (p != end)
        return fail(ErrorCode::Corrupt, QStringLiteral("index has %1 trailing bytes").arg(end - p));
    return packs;
}

void MasterIndex::addPack(const IndexedPack &pack)
{
    std::unique_lock lock(m_mutex);
    const quint32 packNumber = quint32(m_packIds.size());
    m_packIds.push_back(pack.packId);
    for (const PackEntry &e : pack.entries) {
        Map &map = e.type == BlobType::Tree ? m_trees : m_data;
        map.try_emplace(e.id, Slot { packNumber, e.offset, e.length, e.rawLength, e.compression });
    }
}

bool MasterIndex::has(BlobType type, const BlobId &id) const
{
    std::shared_lock lock(m_mutex);
    return mapFor(type).count(id) != 0;
}

std::optional<BlobLocation> MasterIndex::find(BlobType type, const BlobId &id) const
{
    std::shared_lock lock(m_mutex);
    const Map &map = mapFor(type);
    const auto it = map.find(id);
    if (it == map.end())
        return std::nullopt;
    const Slot &s = it->second;
    return BlobLocation { m_packIds[s.pack], PackEntry { type, s.compression, id, s.offset, s.length, s.rawLength } };
}

qsizetype MasterIndex::blobCount() const
{
    std::shared_lock lock(m_mutex);
    return qsizetype(m_data.size() + m_trees.size());
}

qsizetype MasterIndex::packCount() const
{
    std::shared_lock lock(m_mutex);
    return qsizetype(m_packIds.size());
}

QList<IndexedPack> MasterIndex::packs() const
{
    std::shared_lock lock(m_mutex);
    QList<IndexedPack> out(qsizetype(m_packIds.size()));
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i].packId = m_packIds[size_t(i)];
    for (BlobType type : { BlobType::Data, BlobType::Tree })
        for (const auto &[id, s] : mapFor(type))
            out[s.pack].entries.append(PackEntry { type, s.compression, id, s.offset, s.length, s.rawLength });
    for (IndexedPack &pack : out)
        std::sort(pack.entries.begin(), pack.entries.end(),
                  [](const PackEntry &a, const PackEntry &b) { return a.offset < b.offset; });
    return out;
}

void MasterIndex::clear()
{
    std::unique_lock lock(m_mutex);
    m_data.clear();
    m_trees.clear();
    m_packIds.clear();
}

} // namespace Kura::Store
