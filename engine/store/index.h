#pragma once

#include "pack.h"

#include <QList>

#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace Kura::Store {

// One pack and its entries, as an index object records it.
struct IndexedPack
{
    BlobId packId;
    QList<PackEntry> entries;
    bool operator==(const IndexedPack &) const = default;
};

// Index object plaintext (before sealing), see docs/repository-format.md:
//   "KIDX" | u8 version | u32 pack count | per pack: id[32] | u32 entry count |
//   per entry: u8 type | u8 compression | id[32] | u32 offset | u32 length | u32 raw length
QByteArray encodeIndex(const QList<IndexedPack> &packs);
Result<QList<IndexedPack>> decodeIndex(const QByteArray &plain);

// Where a blob is, as the in-memory index answers.
struct BlobLocation
{
    BlobId packId;
    PackEntry entry;
};

// The union of all index objects, in memory. Thread-safe (a reader-writer lock).
// Memory is a little over 50 bytes a blob.
class MasterIndex
{
public:
    void addPack(const IndexedPack &pack);
    bool has(BlobType type, const BlobId &id) const;
    std::optional<BlobLocation> find(BlobType type, const BlobId &id) const;
    qsizetype blobCount() const;
    qsizetype packCount() const;
    // Every pack with its entries (for check and prune).
    QList<IndexedPack> packs() const;
    void clear();

private:
    struct Slot
    {
        quint32 pack;
        quint32 offset;
        quint32 length;
        quint32 rawLength;
        Compression compression;
    };
    using Map = std::unordered_map<BlobId, Slot, BlobIdHash>;
    const Map &mapFor(BlobType type) const { return type == BlobType::Tree ? m_trees : m_data; }

    mutable std::shared_mutex m_mutex;
    Map m_data;  // guarded by m_mutex
    Map m_trees; // guarded by m_mutex
    std::vector<BlobId> m_packIds; // guarded by m_mutex
};

} // namespace Kura::Store
