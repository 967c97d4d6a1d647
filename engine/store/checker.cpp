#include "checker.h"

#include <QMutex>
#include <QThreadPool>

#include <algorithm>

#include <unordered_map>
#include <unordered_set>

namespace Kura::Store {
namespace {

using BlobSet = std::unordered_set<BlobId, BlobIdHash>;

constexpr int MaxFilesListed = 200;

class CheckRun
{
public:
    CheckRun(Repository &repo, Progress *progress) : m_repo(repo), m_progress(progress) {}
    Result<CheckReport> run(bool readData);

private:
    void problem(Error error, const QString &pack = {})
    {
        QMutexLocker lock(&m_mutex);
        m_report.problems.append({ std::move(error), pack, {}, {} });
    }
    void checkPacksExist();
    void walkTree(const Snapshot &snapshot, const BlobId &treeId, const QByteArray &path,
                  BlobSet &seenTrees);
    void walkTreeNodes(const Snapshot &snapshot, const BlobId &treeId, const QByteArray &path,
                       BlobSet &seenTrees);
    void readPack(const IndexedPack &pack);
    void attributeDamage();

    Repository &m_repo;
    Progress *m_progress;
    QMutex m_mutex;
    CheckReport m_report;                      // guarded by m_mutex
    BlobSet m_damagedBlobs;                    // guarded by m_mutex
    BlobSet m_cleanTrees; // walked with no problem below them (walkTree, before the pool runs)
    std::unordered_map<BlobId, QString, BlobIdHash> m_damagedPackOf; // guarded by m_mutex
    QList<Snapshot> m_snapshots;
};

void CheckRun::checkPacksExist()
{
    auto stored = m_repo.store().list(ObjectKind::Pack);
    if (!stored) {
        problem(stored.error());
        return;
    }
    const QSet<QString> storedPacks(stored->begin(), stored->end());
    QSet<QString> indexed;
    for (const IndexedPack &pack : m_repo.index().packs()) {
        const QString name = pack.packId.toHex();
        indexed.insert(name);
        m_report.blobs += pack.entries.size();
        if (!storedPacks.contains(name)) {
            problem(Error(ErrorCode::NotFound, QStringLiteral("pack %1 is in the index but missing").arg(name)), name);
            QMutexLocker lock(&m_mutex);
            for (const PackEntry &e : pack.entries) {
                m_damagedBlobs.insert(e.id);
                m_damagedPackOf[e.id] = name;
            }
            continue;
        }
        qint64 end = 0;
        for (const PackEntry &e : pack.entries)
            end = qMax<qint64>(end, qint64(e.offset) + e.length);
        auto size = m_repo.store().size(ObjectKind::Pack, name);
        if (size && *size < end + PackFooterSize + SealOverhead) {
            problem(Error(ErrorCode::Corrupt, QStringLiteral("pack %1 has %2 bytes, the index needs at least %3")
                                                  .arg(name)
                                                  .arg(*size)
                                                  .arg(end + PackFooterSize + SealOverhead)),
                    name);
            QMutexLocker lock(&m_mutex);
            for (const PackEntry &e : pack.entries) {
                if (qint64(e.offset) + e.length + PackFooterSize + SealOverhead <= *size)
                    continue; // blobs before the cut may be intact; --read-data tells
                m_damagedBlobs.insert(e.id);
                m_damagedPackOf[e.id] = name;
            }
        }
    }
    m_report.packs = indexed.size();
    for (const QString &name : storedPacks)
        if (!indexed.contains(name))
            m_report.notes << QStringLiteral("pack %1 is not referenced by any index (left by an interrupted "
                                             "backup; prune removes it)")
                                  .arg(name);
}

void CheckRun::walkTree(const Snapshot &snapshot, const BlobId &treeId, const QByteArray &path, BlobSet &seenTrees)
{
    // A tree already walked for an earlier snapshot without a problem below it is fine here
    // too (same id, same content): snapshots share most of their trees, and walking each of
    // them again made check decode every tree once per snapshot. Trees with problems are
    // walked again, so that each snapshot they belong to is named.
    if (m_cleanTrees.count(treeId) || !seenTrees.insert(treeId).second)
        return;
    const qsizetype problemsBefore = m_report.problems.size();
    walkTreeNodes(snapshot, treeId, path, seenTrees);
    if (m_report.problems.size() == problemsBefore)
        m_cleanTrees.insert(treeId);
}

void CheckRun::walkTreeNodes(const Snapshot &snapshot, const BlobId &treeId, const QByteArray &path, BlobSet &seenTrees)
{
    auto tree = m_repo.loadTree(treeId);
    if (!tree) {
        QMutexLocker lock(&m_mutex);
        m_report.problems.append({ tree.error().withContext(QStringLiteral("folder \"%1\"").arg(QString::fromUtf8(path))),
                                   {}, { snapshot.id }, {} });
        return;
    }
    for (const Node &node : std::as_const(tree->nodes)) {
        const QByteArray child = path + '/' + node.name;
        if (node.type == NodeType::Directory) {
            walkTree(snapshot, node.subtree, child, seenTrees);
            continue;
        }
        for (const ContentPart &part : node.content) {
            if (part.isHole() || m_repo.index().has(BlobType::Data, part.id))
                continue;
            QMutexLocker lock(&m_mutex);
            m_report.problems.append({ Error(ErrorCode::NotFound, QStringLiteral("chunk %1 of \"%2\" is not in the index")
                                                                      .arg(part.id.toHex(), QString::fromUtf8(child))),
                                       {}, { snapshot.id }, { snapshot.id.left(8) + u':' + QString::fromUtf8(child) } });
            break;
        }
    }
}

void CheckRun::readPack(const IndexedPack &pack)
{
    const QString name = pack.packId.toHex();
    auto markDamaged = [&](const QList<PackEntry> &entries) {
        QMutexLocker lock(&m_mutex);
        for (const PackEntry &e : entries) {
            m_damagedBlobs.insert(e.id);
            m_damagedPackOf[e.id] = name;
        }
    };
    auto bytes = m_repo.store().get(ObjectKind::Pack, name);
    if (!bytes) {
        problem(bytes.error(), name);
        markDamaged(pack.entries);
        return;
    }
    if (m_progress)
        m_progress->addBytesDone(bytes->size());
    if (sha256(*bytes) != pack.packId)
        problem(Error(ErrorCode::Corrupt, QStringLiteral("pack %1: content does not match its name").arg(name)), name);
    auto header = readPackHeader(m_repo.store(), m_repo.masterKey().encryptionKey, name);
    if (!header) {
        problem(header.error(), name);
    } else {
        // The header lists its entries by offset (offsets follow from the lengths), so each
        // index entry is found by binary search; a linear search per entry took 40 % of a
        // check of a repository whose tree packs hold thousands of blobs each.
        auto inHeader = [&](const PackEntry &e) {
            const auto it = std::lower_bound(header->cbegin(), header->cend(), e.offset,
                                             [](const PackEntry &h, quint32 offset) { return h.offset < offset; });
            return it != header->cend() && *it == e;
        };
        for (const PackEntry &e : pack.entries)
            if (!inHeader(e))
                problem(Error(ErrorCode::Corrupt, QStringLiteral("pack %1: the index lists blob %2 that its header "
                                                                 "does not hold at offset %3")
                                                      .arg(name, e.id.toHex())
                                                      .arg(e.offset)),
                        name);
    }
    QList<PackEntry> damaged;
    for (const PackEntry &e : pack.entries) {
        if (qint64(e.offset) + e.length > bytes->size()) {
            damaged << e;
            continue;
        }
        auto plain = unseal(m_repo.masterKey().encryptionKey, bytes->constData() + e.offset, e.length);
        Result<QByteArray> raw = plain;
        if (plain && e.compression == Compression::Zstd)
            raw = decompress(plain->constData(), plain->size(), e.rawLength);
        if (!raw || raw->size() != qsizetype(e.rawLength) || m_repo.blobId(raw->constData(), raw->size()) != e.id)
            damaged << e;
    }
    if (!damaged.isEmpty()) {
        problem(Error(ErrorCode::Corrupt, QStringLiteral("pack %1: %2 of %3 blobs are damaged")
                                              .arg(name)
                                              .arg(damaged.size())
                                              .arg(pack.entries.size())),
                name);
        markDamaged(damaged);
    }
    QMutexLocker lock(&m_mutex);
    m_report.packsRead += 1;
}

// Finds the snapshots and files that use damaged blobs, and adds them to the problems of
// their packs.
void CheckRun::attributeDamage()
{
    if (m_damagedBlobs.empty())
        return;
    QHash<QString, QPair<QSet<QString>, QStringList>> affected; // pack -> snapshots, files
    for (const Snapshot &snapshot : std::as_const(m_snapshots)) {
        std::vector<std::pair<BlobId, QByteArray>> stack { { snapshot.tree, QByteArray() } };
        while (!stack.empty()) {
            auto [treeId, path] = stack.back();
            stack.pop_back();
            auto tree = m_repo.loadTree(treeId);
            if (!tree)
                continue;
            for (const Node &node : std::as_const(tree->nodes)) {
                const QByteArray child = path + '/' + node.name;
                if (node.type == NodeType::Directory) {
                    stack.emplace_back(node.subtree, child);
                    continue;
                }
                for (const ContentPart &part : node.content) {
                    if (part.isHole() || !m_damagedBlobs.count(part.id))
                        continue;
                    auto &entry = affected[m_damagedPackOf[part.id]];
                    entry.first.insert(snapshot.id);
                    if (entry.second.size() < MaxFilesListed)
                        entry.second << snapshot.id.left(8) + u':' + QString::fromUtf8(child);
                    break;
                }
            }
        }
    }
    for (CheckProblem &p : m_report.problems) {
        if (p.pack.isEmpty() || !affected.contains(p.pack))
            continue;
        const auto &entry = affected[p.pack];
        p.snapshots = QStringList(entry.first.begin(), entry.first.end());
        p.snapshots.sort();
        p.files = entry.second;
    }
}

Result<CheckReport> CheckRun::run(bool readData)
{
    KURA_TRY(m_repo.loadIndex());
    for (const Error &damaged : m_repo.damagedIndexes())
        problem(damaged);
    checkPacksExist();
    QList<Error> snapshotErrors;
    auto snapshots = m_repo.snapshots(&snapshotErrors);
    if (!snapshots)
        return fail(snapshots.error());
    m_snapshots = *snapshots;
    for (const Error &e : snapshotErrors)
        problem(e);
    m_report.snapshots = m_snapshots.size() + snapshotErrors.size();
    for (const Snapshot &snapshot : std::as_const(m_snapshots)) {
        BlobSet seenTrees;
        walkTree(snapshot, snapshot.tree, {}, seenTrees);
    }
    if (readData) {
        const QList<IndexedPack> packs = m_repo.index().packs();
        if (m_progress) {
            for (const IndexedPack &pack : packs) {
                auto size = m_repo.store().size(ObjectKind::Pack, pack.packId.toHex());
                if (size)
                    m_progress->addBytesTotal(*size);
            }
            m_progress->setTotalsFinal();
        }
        QThreadPool pool;
        for (const IndexedPack &pack : packs)
            pool.start([this, pack] { readPack(pack); });
        pool.waitForDone();
    }
    attributeDamage();
    return m_report;
}

} // namespace

Result<CheckReport> Checker::run(bool readData)
{
    CheckRun run(m_repository, m_progress);
    return run.run(readData);
}

} // namespace Kura::Store
