#pragma once

#include "blobstore.h"
#include "chunker.h"
#include "crypto.h"
#include "index.h"
#include "objectstore.h"
#include "snapshot.h"
#include "tree.h"

#include <QHash>
#include <QMutex>

#include <memory>
#include <unordered_set>

namespace Kura::Store {

constexpr int RepositoryVersion = 1;

// Plaintext settings of a repository (the "config" object).
struct RepositoryConfig
{
    int version = RepositoryVersion;
    QString id; // 64 hex digits, random
    ChunkerParams chunker;
    int compressionLevel = 3; // zstd level; 0 stores everything raw

    QByteArray encode() const;
    static Result<RepositoryConfig> decode(const QByteArray &json);
};

struct InitOptions
{
    ScryptParams scrypt;
    ChunkerParams chunker;
    int compressionLevel = 3;
};

// An open repository: keys, config, the in-memory index, and blob and object I/O.
// Thread-safe: many threads may save and load blobs at once. Saved blobs become durable and
// visible to other processes only after flush() (packs first, then the index objects).
class Repository final : public BlobSink, public BlobSource
{
public:
    ~Repository() override;

    static Result<std::unique_ptr<Repository>> init(std::unique_ptr<ObjectStore> store,
                                                     const QByteArray &passphrase,
                                                     const InitOptions &options = {});
    // ErrorCode::Unauthorized for a wrong passphrase, Unsupported for a newer format.
    static Result<std::unique_ptr<Repository>> open(std::unique_ptr<ObjectStore> store,
                                                     const QByteArray &passphrase);

    ObjectStore &store() { return *m_store; }
    const RepositoryConfig &config() const { return m_config; }
    const MasterKey &masterKey() const { return m_key; }
    const Chunker &chunker() const override { return m_chunker; }
    MasterIndex &index() { return m_index; }

    // Reads every index object into memory (again). A damaged index object does not stop the
    // others from loading: it is listed in damagedIndexes() (check reports it, prune refuses to
    // run while there is one). Errors: listing the index objects failed.
    Status loadIndex();
    const QList<Error> &damagedIndexes() const { return m_damagedIndexes; }

    BlobId blobId(const char *data, qsizetype size) const override { return keyedHash(m_key.idKey, data, size); }
    bool hasBlob(BlobType type, const BlobId &id) const override;
    // Stores the blob unless the repository (or a save in flight) already has it.
    Result<SaveResult> saveBlob(BlobType type, const BlobId &id, const char *data, qsizetype size) override;
    using BlobSink::saveTree;
    // Stores a blob that arrived already compressed (or raw, Compression::None) from an agent.
    // The caller has verified that `stored` decompresses to `rawLength` bytes with id `id`.
    Result<SaveResult> saveStoredBlob(BlobType type, const BlobId &id, Compression compression,
                                      qint64 rawLength, const QByteArray &stored);
    // Loads, decrypts, decompresses and verifies a blob against its id.
    Result<QByteArray> loadBlob(BlobType type, const BlobId &id) override;
    // A blob as it is kept, decrypted but still compressed (for sending to an agent, which
    // decompresses and verifies it). Not verified against its id here.
    struct StoredBlob
    {
        Compression compression = Compression::None;
        qint64 rawLength = 0;
        QByteArray bytes;
    };
    Result<StoredBlob> loadStoredBlob(BlobType type, const BlobId &id);
    Result<Tree> readTree(const BlobId &id); // loadTree() without its cache
    Result<Tree> loadTree(const BlobId &id) override;
    // Without the tree cache: a backup reads each tree of its parent snapshot once, and copying
    // 62,000 of them into the cache (and clearing it every 4,096) cost it 0.07 s.
    Result<Tree> loadParentTree(const BlobId &id) override { return readTree(id); }
    // Finishes open packs and writes the index objects that list them.
    Status flush() override;

    // Sealed objects named by the SHA-256 of their stored bytes (index, snapshots).
    Result<QString> saveObject(ObjectKind kind, const QByteArray &plain);
    Result<QByteArray> loadObject(ObjectKind kind, const QString &name);

    Result<QString> saveSnapshot(const Snapshot &snapshot);
    Result<Snapshot> loadSnapshot(const QString &id);
    // All snapshots, oldest first. Damaged ones are reported through `errors` when given.
    Result<QList<Snapshot>> snapshots(QList<Error> *errors = nullptr);
    // Resolves "latest", a full id or a unique prefix of one.
    Result<Snapshot> findSnapshot(const QString &idOrPrefix);

    // Key slots.
    Result<QString> addKey(const QByteArray &passphrase, const ScryptParams &params = {});
    Status removeKey(const QString &keyId);
    QString currentKeyId() const { return m_keyId; }

    static constexpr qint64 PackTargetBytes = 32 * 1024 * 1024;
    static constexpr int PacksPerIndex = 64;

private:
    Repository(std::unique_ptr<ObjectStore> store, RepositoryConfig config, MasterKey key, QString keyId);
    Status finishPack(std::unique_ptr<PackWriter> writer);
    Status writeIndexLocked();
    Status failure() const;
    // Marks a blob as being saved: false when it is stored or being saved already.
    Result<bool> reserve(BlobType type, const BlobId &id);
    Result<SaveResult> addSealed(BlobType type, const BlobId &id, Compression compression, quint32 rawLength,
                                 const QByteArray &sealed);
    Result<QByteArray> readTreeRange(const BlobId &packId, quint32 offset, quint32 length);

    std::unique_ptr<ObjectStore> m_store;
    RepositoryConfig m_config;
    MasterKey m_key;
    QString m_keyId;
    Chunker m_chunker;
    MasterIndex m_index;
    QList<Error> m_damagedIndexes;

    mutable QMutex m_pendingMutex;
    std::unordered_set<BlobId, BlobIdHash> m_pendingData; // guarded by m_pendingMutex
    std::unordered_set<BlobId, BlobIdHash> m_pendingTrees; // guarded by m_pendingMutex
    std::optional<Error> m_failure;                       // guarded by m_pendingMutex

    QMutex m_packMutex[2];                   // one per BlobType
    std::unique_ptr<PackWriter> m_packer[2]; // guarded by m_packMutex[type]

    QMutex m_indexMutex;
    QList<IndexedPack> m_unindexed; // packs committed but not yet in an index object; guarded by m_indexMutex

    static constexpr qint64 TreeWindowBytes = 4 * 1024 * 1024;
    static constexpr qsizetype TreeWindows = 2;
    struct PackWindow
    {
        BlobId packId;
        quint32 offset = 0;
        QByteArray bytes;
    };
    QMutex m_windowMutex;
    QList<PackWindow> m_windows; // most recent first; guarded by m_windowMutex

    QMutex m_treeCacheMutex;
    QHash<BlobId, Tree> m_treeCache; // guarded by m_treeCacheMutex
};

} // namespace Kura::Store
