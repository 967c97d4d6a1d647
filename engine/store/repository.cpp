#include "repository.h"

#include "keyfile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace Kura::Store {
namespace {

constexpr qsizetype TreeCacheEntries = 4096;

QString randomName() { return QString::fromLatin1(secureRandom(32).toHex()); }

} // namespace

QByteArray RepositoryConfig::encode() const
{
    const QJsonObject o {
        { u"format"_s, u"kura-repository"_s },
        { u"version"_s, version },
        { u"id"_s, id },
        { u"chunker"_s, QJsonObject { { u"min"_s, double(chunker.minSize) },
                                      { u"average"_s, double(chunker.averageSize) },
                                      { u"max"_s, double(chunker.maxSize) } } },
        { u"compression"_s, QJsonObject { { u"algorithm"_s, u"zstd"_s }, { u"level"_s, compressionLevel } } },
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<RepositoryConfig> RepositoryConfig::decode(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || doc.object().value(u"format"_s).toString() != u"kura-repository"_s)
        return fail(ErrorCode::Corrupt, QStringLiteral("the config object is not a Kura repository config"));
    const QJsonObject o = doc.object();
    RepositoryConfig c;
    c.version = o.value(u"version"_s).toInt(-1);
    if (c.version != RepositoryVersion)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("repository format version %1 is not supported (this build reads version %2)")
                        .arg(c.version)
                        .arg(RepositoryVersion));
    c.id = o.value(u"id"_s).toString();
    const QJsonObject ch = o.value(u"chunker"_s).toObject();
    c.chunker.minSize = qsizetype(ch.value(u"min"_s).toDouble());
    c.chunker.averageSize = qsizetype(ch.value(u"average"_s).toDouble());
    c.chunker.maxSize = qsizetype(ch.value(u"max"_s).toDouble());
    if (!c.chunker.isValid())
        return fail(ErrorCode::Corrupt, QStringLiteral("the config's chunker sizes are invalid"));
    c.compressionLevel = o.value(u"compression"_s).toObject().value(u"level"_s).toInt(-1);
    if (c.compressionLevel < 0 || c.compressionLevel > 19 || !BlobId::fromHex(c.id))
        return fail(ErrorCode::Corrupt, QStringLiteral("the config's id or compression level is invalid"));
    return c;
}

Repository::Repository(std::unique_ptr<ObjectStore> store, RepositoryConfig config, MasterKey key, QString keyId)
    : m_store(std::move(store))
    , m_config(std::move(config))
    , m_key(std::move(key))
    , m_keyId(std::move(keyId))
    , m_chunker(m_config.chunker, m_key.chunkerSeed)
{
}

Repository::~Repository() = default;

Result<std::unique_ptr<Repository>> Repository::init(std::unique_ptr<ObjectStore> store,
                                                     const QByteArray &passphrase,
                                                     const InitOptions &options)
{
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an empty passphrase is not allowed"));
    if (!options.chunker.isValid() || options.compressionLevel < 0 || options.compressionLevel > 19)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("invalid chunker sizes or compression level"));
    KURA_TRY(store->initialize());
    RepositoryConfig config;
    config.id = randomName();
    config.chunker = options.chunker;
    config.compressionLevel = options.compressionLevel;
    const MasterKey master = MasterKey::generate();
    auto keyFile = makeKeyFile(master, passphrase, options.scrypt);
    if (!keyFile)
        return fail(keyFile.error());
    const QString keyId = randomName();
    KURA_TRY(store->put(ObjectKind::Key, keyId, encodeKeyFile(*keyFile)));
    // The config is written last: a folder without it is not (yet) a repository.
    KURA_TRY(store->put(ObjectKind::Config, {}, config.encode()));
    return std::unique_ptr<Repository>(new Repository(std::move(store), config, master, keyId));
}

Result<std::unique_ptr<Repository>> Repository::open(std::unique_ptr<ObjectStore> store,
                                                     const QByteArray &passphrase)
{
    auto configBytes = store->get(ObjectKind::Config, {});
    if (!configBytes) {
        if (configBytes.error().code() == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound,
                        QStringLiteral("there is no repository at \"%1\" (no config)").arg(store->location()));
        return fail(configBytes.error());
    }
    auto config = RepositoryConfig::decode(*configBytes);
    if (!config)
        return fail(config.error().withContext(store->location()));
    auto keyIds = store->list(ObjectKind::Key);
    if (!keyIds)
        return fail(keyIds.error());
    if (keyIds->isEmpty())
        return fail(ErrorCode::Corrupt, QStringLiteral("the repository has no key files"));
    QStringList damaged;
    for (const QString &keyId : *keyIds) {
        auto bytes = store->get(ObjectKind::Key, keyId);
        if (!bytes) {
            damaged << QStringLiteral("key %1: %2").arg(keyId, bytes.error().message());
            continue;
        }
        auto keyFile = decodeKeyFile(*bytes);
        if (!keyFile) {
            damaged << QStringLiteral("key %1: %2").arg(keyId, keyFile.error().message());
            continue;
        }
        auto master = unlockKeyFile(*keyFile, passphrase);
        if (!master)
            continue;
        std::unique_ptr<Repository> repo(new Repository(std::move(store), *config, *master, keyId));
        KURA_TRY(repo->loadIndex());
        return repo;
    }
    if (damaged.size() == keyIds->size())
        return fail(ErrorCode::Corrupt, QStringLiteral("no key file of the repository can be read: %1")
                                            .arg(damaged.join(QStringLiteral("; "))));
    QString message = QStringLiteral("wrong passphrase: none of the %1 key(s) of the repository opens with it")
                          .arg(keyIds->size() - damaged.size());
    if (!damaged.isEmpty())
        message += QStringLiteral(" (damaged: %1)").arg(damaged.join(QStringLiteral("; ")));
    return fail(ErrorCode::Unauthorized, message);
}

Status Repository::loadIndex()
{
    auto names = m_store->list(ObjectKind::Index);
    if (!names)
        return fail(names.error());
    m_index.clear();
    m_damagedIndexes.clear();
    for (const QString &name : *names) {
        auto plain = loadObject(ObjectKind::Index, name);
        if (!plain) {
            m_damagedIndexes << plain.error();
            continue;
        }
        auto packs = decodeIndex(*plain);
        if (!packs) {
            m_damagedIndexes << packs.error().withContext(QStringLiteral("index %1").arg(name));
            continue;
        }
        for (const IndexedPack &pack : *packs)
            m_index.addPack(pack);
    }
    return {};
}

bool Repository::hasBlob(BlobType type, const BlobId &id) const
{
    if (m_index.has(type, id))
        return true;
    QMutexLocker lock(&m_pendingMutex);
    return (type == BlobType::Tree ? m_pendingTrees : m_pendingData).count(id) != 0;
}

Status Repository::failure() const
{
    QMutexLocker lock(&m_pendingMutex);
    if (m_failure)
        return fail(*m_failure);
    return {};
}

Result<SaveResult> Repository::saveBlob(BlobType type, const BlobId &id, const char *data, qsizetype size)
{
    if (size > MaxBlobBytes)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("blob of %1 bytes is too large").arg(size));
    auto reserved = reserve(type, id);
    if (!reserved)
        return fail(reserved.error());
    if (!*reserved)
        return SaveResult {};
    Compression compression = Compression::None;
    QByteArray sealed;
    if (m_config.compressionLevel > 0) {
        const QByteArray packed = compress(data, size, m_config.compressionLevel);
        if (!packed.isEmpty()) {
            compression = Compression::Zstd;
            sealed = seal(m_key.encryptionKey, packed);
        }
    }
    if (compression == Compression::None)
        sealed = seal(m_key.encryptionKey, data, size);
    return addSealed(type, id, compression, quint32(size), sealed);
}

Result<SaveResult> Repository::saveStoredBlob(BlobType type, const BlobId &id, Compression compression,
                                              qint64 rawLength, const QByteArray &stored)
{
    if (rawLength > MaxBlobBytes || rawLength < 0 || stored.size() > MaxBlobBytes + 1024)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("blob of %1 bytes is too large").arg(rawLength));
    auto reserved = reserve(type, id);
    if (!reserved)
        return fail(reserved.error());
    if (!*reserved)
        return SaveResult {};
    return addSealed(type, id, compression, quint32(rawLength), seal(m_key.encryptionKey, stored));
}

Result<bool> Repository::reserve(BlobType type, const BlobId &id)
{
    QMutexLocker lock(&m_pendingMutex);
    if (m_failure)
        return fail(*m_failure);
    auto &pending = type == BlobType::Tree ? m_pendingTrees : m_pendingData;
    return !m_index.has(type, id) && pending.insert(id).second;
}

Result<SaveResult> Repository::addSealed(BlobType type, const BlobId &id, Compression compression,
                                         quint32 rawLength, const QByteArray &sealed)
{
    const int slot = int(type);
    std::unique_ptr<PackWriter> full;
    {
        QMutexLocker lock(&m_packMutex[slot]);
        if (!m_packer[slot]) {
            auto writer = PackWriter::create(*m_store, m_key.encryptionKey);
            if (!writer)
                return fail(writer.error());
            m_packer[slot] = std::move(*writer);
        }
        KURA_TRY(m_packer[slot]->add(type, id, compression, rawLength, sealed));
        if (m_packer[slot]->size() >= PackTargetBytes)
            full = std::move(m_packer[slot]);
    }
    if (full)
        KURA_TRY(finishPack(std::move(full)));
    return SaveResult { true, sealed.size() };
}

Status Repository::finishPack(std::unique_ptr<PackWriter> writer)
{
    auto packId = writer->finish();
    QMutexLocker pendingLock(&m_pendingMutex);
    if (!packId) {
        // The blobs in this pack are lost; everything saved from now on fails, so that no
        // snapshot can reference them.
        m_failure = packId.error();
        return fail(packId.error());
    }
    IndexedPack pack { *packId, writer->entries() };
    m_index.addPack(pack);
    for (const PackEntry &e : pack.entries)
        (e.type == BlobType::Tree ? m_pendingTrees : m_pendingData).erase(e.id);
    pendingLock.unlock();
    QMutexLocker indexLock(&m_indexMutex);
    m_unindexed.append(std::move(pack));
    if (m_unindexed.size() >= PacksPerIndex)
        return writeIndexLocked();
    return {};
}

Status Repository::writeIndexLocked()
{
    if (m_unindexed.isEmpty())
        return {};
    auto name = saveObject(ObjectKind::Index, encodeIndex(m_unindexed));
    if (!name)
        return fail(name.error());
    m_unindexed.clear();
    return {};
}

Status Repository::flush()
{
    KURA_TRY(failure());
    for (int slot = 0; slot < 2; ++slot) {
        std::unique_ptr<PackWriter> writer;
        {
            QMutexLocker lock(&m_packMutex[slot]);
            writer = std::move(m_packer[slot]);
        }
        if (writer && writer->count() > 0)
            KURA_TRY(finishPack(std::move(writer)));
    }
    QMutexLocker indexLock(&m_indexMutex);
    return writeIndexLocked();
}

Result<Repository::StoredBlob> Repository::loadStoredBlob(BlobType type, const BlobId &id)
{
    const auto location = m_index.find(type, id);
    const QString what = type == BlobType::Tree ? u"tree"_s : u"data blob"_s;
    if (!location)
        return fail(ErrorCode::NotFound, QStringLiteral("%1 %2 is not in the index").arg(what, id.toHex()));
    const QString pack = location->packId.toHex();
    auto context = [&](const Error &e) {
        return e.withContext(QStringLiteral("%1 %2 in pack %3").arg(what, id.toHex(), pack));
    };
    auto sealed = location->entry.type == BlobType::Tree
        ? readTreeRange(location->packId, location->entry.offset, location->entry.length)
        : m_store->get(ObjectKind::Pack, pack, location->entry.offset, location->entry.length);
    if (!sealed)
        return fail(context(sealed.error()));
    auto plain = unseal(m_key.encryptionKey, *sealed);
    if (!plain)
        return fail(context(plain.error()));
    if (location->entry.compression == Compression::None && plain->size() != qsizetype(location->entry.rawLength))
        return fail(context(Error(ErrorCode::Corrupt, QStringLiteral("length does not match the index"))));
    return StoredBlob { location->entry.compression, qint64(location->entry.rawLength), std::move(*plain) };
}

Result<QByteArray> Repository::loadBlob(BlobType type, const BlobId &id)
{
    auto stored = loadStoredBlob(type, id);
    if (!stored)
        return fail(stored.error());
    auto context = [&](const Error &e) {
        return e.withContext(QStringLiteral("%1 %2").arg(type == BlobType::Tree ? u"tree"_s : u"data blob"_s, id.toHex()));
    };
    QByteArray plain = std::move(stored->bytes);
    if (stored->compression == Compression::Zstd) {
        auto raw = decompress(plain.constData(), plain.size(), stored->rawLength);
        if (!raw)
            return fail(context(raw.error()));
        plain = std::move(*raw);
    }
    if (blobId(plain.constData(), plain.size()) != id)
        return fail(context(Error(ErrorCode::Corrupt, QStringLiteral("content does not match its id"))));
    return plain;
}

Result<QByteArray> Repository::readTreeRange(const BlobId &packId, quint32 offset, quint32 length)
{
    // Trees are small and read one after another while walking a snapshot; reading a window
    // of their pack at once turns thousands of small reads into a few large ones.
    QMutexLocker lock(&m_windowMutex);
    for (const PackWindow &w : std::as_const(m_windows))
        if (w.packId == packId && offset >= w.offset && qint64(offset) + length <= w.offset + w.bytes.size())
            return w.bytes.mid(offset - w.offset, length);
    lock.unlock();
    const QString name = packId.toHex();
    auto size = m_store->size(ObjectKind::Pack, name);
    if (!size)
        return fail(size.error());
    // Trees are written children first, so a walk from the root goes backwards through the
    // pack: the window reaches mostly behind the requested tree.
    const qint64 blobEnd = qint64(offset) + length;
    const qint64 end = qMin<qint64>(*size, qMax<qint64>(blobEnd, blobEnd + TreeWindowBytes / 4));
    const qint64 start = qMax<qint64>(0, qMin<qint64>(offset, end - TreeWindowBytes));
    auto bytes = m_store->get(ObjectKind::Pack, name, start, end - start);
    if (!bytes)
        return fail(bytes.error());
    if (bytes->size() < blobEnd - start)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack %1 is shorter than its index says").arg(name));
    QByteArray blob = bytes->mid(offset - start, length);
    lock.relock();
    m_windows.prepend({ packId, quint32(start), *bytes });
    while (m_windows.size() > TreeWindows)
        m_windows.removeLast();
    return blob;
}

Result<Tree> Repository::loadTree(const BlobId &id)
{
    {
        QMutexLocker lock(&m_treeCacheMutex);
        const auto it = m_treeCache.constFind(id);
        if (it != m_treeCache.constEnd())
            return *it;
    }
    auto tree = readTree(id);
    if (!tree)
        return tree;
    QMutexLocker lock(&m_treeCacheMutex);
    if (m_treeCache.size() >= TreeCacheEntries)
        m_treeCache.clear();
    m_treeCache.insert(id, *tree);
    return tree;
}

Result<Tree> Repository::readTree(const BlobId &id)
{
    auto bytes = loadBlob(BlobType::Tree, id);
    if (!bytes)
        return fail(bytes.error());
    auto tree = decodeTree(*bytes);
    if (!tree)
        return fail(tree.error().withContext(QStringLiteral("tree %1").arg(id.toHex())));
    return tree;
}

Result<QString> Repository::saveObject(ObjectKind kind, const QByteArray &plain)
{
    const QByteArray sealed = seal(m_key.encryptionKey, plain);
    const QString name = sha256(sealed).toHex();
    KURA_TRY(m_store->put(kind, name, sealed));
    return name;
}

Result<QByteArray> Repository::loadObject(ObjectKind kind, const QString &name)
{
    auto context = [&](const Error &e) { return e.withContext(QStringLiteral("%1 %2").arg(objectKindName(kind), name)); };
    auto sealed = m_store->get(kind, name);
    if (!sealed)
        return fail(context(sealed.error()));
    if (sha256(*sealed).toHex() != name)
        return fail(context(Error(ErrorCode::Corrupt, QStringLiteral("content does not match its name"))));
    auto plain = unseal(m_key.encryptionKey, *sealed);
    if (!plain)
        return fail(context(plain.error()));
    return plain;
}

Result<QString> Repository::saveSnapshot(const Snapshot &snapshot)
{
    return saveObject(ObjectKind::Snapshot, encodeSnapshot(snapshot));
}

Result<Snapshot> Repository::loadSnapshot(const QString &id)
{
    auto plain = loadObject(ObjectKind::Snapshot, id);
    if (!plain)
        return fail(plain.error());
    auto snapshot = decodeSnapshot(*plain);
    if (!snapshot)
        return fail(snapshot.error().withContext(QStringLiteral("snapshot %1").arg(id)));
    snapshot->id = id;
    return snapshot;
}

Result<QList<Snapshot>> Repository::snapshots(QList<Error> *errors)
{
    auto names = m_store->list(ObjectKind::Snapshot);
    if (!names)
        return fail(names.error());
    QList<Snapshot> out;
    for (const QString &name : *names) {
        auto snapshot = loadSnapshot(name);
        if (snapshot)
            out.append(*snapshot);
        else if (errors)
            errors->append(snapshot.error());
        else
            return fail(snapshot.error());
    }
    std::sort(out.begin(), out.end(), [](const Snapshot &a, const Snapshot &b) {
        return a.time == b.time ? a.id < b.id : a.time < b.time;
    });
    return out;
}

Result<Snapshot> Repository::findSnapshot(const QString &idOrPrefix)
{
    if (idOrPrefix == u"latest"_s) {
        QList<Error> damaged; // a damaged snapshot must not hide the intact ones
        auto all = snapshots(&damaged);
        if (!all)
            return fail(all.error());
        if (all->isEmpty())
            return fail(ErrorCode::NotFound, QStringLiteral("the repository has no snapshots"));
        return all->last();
    }
    auto names = m_store->list(ObjectKind::Snapshot);
    if (!names)
        return fail(names.error());
    QStringList matches;
    for (const QString &name : *names)
        if (!idOrPrefix.isEmpty() && name.startsWith(idOrPrefix.toLower()))
            matches << name;
    if (matches.isEmpty())
        return fail(ErrorCode::NotFound, QStringLiteral("no snapshot matches \"%1\"").arg(idOrPrefix));
    if (matches.size() > 1)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("\"%1\" matches %2 snapshots; give more digits").arg(idOrPrefix).arg(matches.size()));
    return loadSnapshot(matches.first());
}

Result<QString> Repository::addKey(const QByteArray &passphrase, const ScryptParams &params)
{
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an empty passphrase is not allowed"));
    auto keyFile = makeKeyFile(m_key, passphrase, params);
    if (!keyFile)
        return fail(keyFile.error());
    const QString keyId = randomName();
    KURA_TRY(m_store->put(ObjectKind::Key, keyId, encodeKeyFile(*keyFile)));
    return keyId;
}

Status Repository::removeKey(const QString &keyId)
{
    auto keys = m_store->list(ObjectKind::Key);
    if (!keys)
        return fail(keys.error());
    if (!keys->contains(keyId))
        return fail(ErrorCode::NotFound, QStringLiteral("key %1 does not exist").arg(keyId));
    if (keys->size() == 1)
        return fail(ErrorCode::Conflict, QStringLiteral("cannot remove the last key of the repository"));
    return m_store->remove(ObjectKind::Key, keyId);
}

} // namespace Kura::Store
