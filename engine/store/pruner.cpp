#include "pruner.h"

#include "localstore.h"

#include <QHash>

#include <unordered_map>
#include <unordered_set>

namespace Kura::Store {
namespace {

using BlobSet = std::unordered_set<BlobId, BlobIdHash>;

Status collectUsed(Repository &repo, const BlobId &treeId, BlobSet &usedTrees, BlobSet &usedData)
{
    if (!usedTrees.insert(treeId).second)
        return {};
    auto tree = repo.loadTree(treeId);
    if (!tree)
        return fail(tree.error().withContext(QStringLiteral("prune refuses to continue: a snapshot is damaged "
                                                            "(run check)")));
    for (const Node &node : std::as_const(tree->nodes)) {
        if (node.type == NodeType::Directory)
            KURA_TRY(collectUsed(repo, node.subtree, usedTrees, usedData));
        for (const ContentPart &part : node.content)
            if (!part.isHole())
                usedData.insert(part.id);
    }
    return {};
}

// Every index object with what it lists (duplicates included, unlike the master index).
struct IndexObject
{
    QString name;
    QList<IndexedPack> packs;
};

Result<QList<IndexObject>> readAllIndexes(Repository &repo)
{
    auto names = repo.store().list(ObjectKind::Index);
    if (!names)
        return fail(names.error());
    QList<IndexObject> out;
    for (const QString &name : std::as_const(*names)) {
        auto plain = repo.loadObject(ObjectKind::Index, name);
        if (!plain)
            return fail(plain.error());
        auto packs = decodeIndex(*plain);
        if (!packs)
            return fail(packs.error().withContext(QStringLiteral("index %1").arg(name)));
        out.append({ name, *packs });
    }
    return out;
}

} // namespace

QList<ForgetDecision> applyForgetPolicy(const QList<Snapshot> &snapshots, const ForgetPolicy &policy,
                                        const QDateTime &now)
{
    QHash<QString, QList<qsizetype>> groups;
    for (qsizetype i = 0; i < snapshots.size(); ++i)
        groups[snapshots[i].host + u'\n' + snapshots[i].paths.join(u'\n')].append(i);
    QList<ForgetDecision> out;
    for (const Snapshot &s : snapshots)
        out.append({ s, policy.isEmpty(), policy.isEmpty() ? QStringLiteral("no rule given") : QString() });
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        QList<qsizetype> members = group.value();
        std::sort(members.begin(), members.end(), [&](qsizetype a, qsizetype b) {
            return snapshots[a].time > snapshots[b].time; // newest first
        });
        for (qsizetype rank = 0; rank < members.size(); ++rank) {
            ForgetDecision &d = out[members[rank]];
            if (policy.keepLast >= 0 && rank < policy.keepLast) {
                d.keep = true;
                d.reason = QStringLiteral("one of the last %1").arg(policy.keepLast);
            } else if (policy.keepWithinSeconds >= 0
                       && d.snapshot.time.secsTo(now) <= policy.keepWithinSeconds) {
                d.keep = true;
                d.reason = QStringLiteral("within %1 s").arg(policy.keepWithinSeconds);
            } else if (!d.keep) {
                d.reason = QStringLiteral("no rule keeps it");
            }
        }
    }
    return out;
}

Result<PruneReport> prune(Repository &repo, const PruneOptions &options)
{
    PruneReport report;
    KURA_TRY(repo.loadIndex());
    if (!repo.damagedIndexes().isEmpty())
        return fail(repo.damagedIndexes().first().withContext(
            QStringLiteral("prune refuses to run while an index object is damaged (run check)")));
    auto snapshots = repo.snapshots();
    if (!snapshots)
        return fail(snapshots.error());
    BlobSet usedTrees, usedData;
    for (const Snapshot &s : std::as_const(*snapshots))
        KURA_TRY(collectUsed(repo, s.tree, usedTrees, usedData));
    // Deleting anything while a snapshot references data the index does not know would make
    // the damage permanent: stop and let check say what is missing.
    for (const BlobId &id : usedData)
        if (!repo.index().has(BlobType::Data, id))
            return fail(ErrorCode::Corrupt, QStringLiteral("prune refuses to run: chunk %1 used by a snapshot is not "
                                                           "in the index (run check)")
                                                .arg(id.toHex()));
    auto indexes = readAllIndexes(repo);
    if (!indexes)
        return fail(indexes.error());

    // Decide per pack (a pack listed by several index objects is considered once).
    std::unordered_map<BlobId, IndexedPack, BlobIdHash> packs;
    for (const IndexObject &index : std::as_const(*indexes))
        for (const IndexedPack &pack : index.packs)
            packs.try_emplace(pack.packId, pack);
    report.packsBefore = qint64(packs.size());
    BlobSet kept; // blobs already kept in some pack: further copies are unused duplicates
    auto isUsed = [&](const PackEntry &e) {
        return (e.type == BlobType::Tree ? usedTrees : usedData).count(e.id) && !kept.count(e.id);
    };
    QList<IndexedPack> keepPacks, repackPacks;
    QList<BlobId> deletePacks;
    for (auto &[id, pack] : packs) {
        qint64 usedBytes = 0, totalBytes = 0;
        QList<PackEntry> used;
        for (const PackEntry &e : std::as_const(pack.entries)) {
            totalBytes += e.length;
            if (isUsed(e)) {
                usedBytes += e.length;
                used << e;
            }
        }
        if (used.isEmpty()) {
            deletePacks << id;
            report.blobsRemoved += pack.entries.size();
            continue;
        }
        const bool halfEmpty = double(totalBytes - usedBytes) > options.repackUnusedRatio * double(totalBytes);
        const bool small = totalBytes < options.smallPackBytes;
        for (const PackEntry &e : std::as_const(used))
            kept.insert(e.id);
        if (halfEmpty || small) {
            repackPacks << IndexedPack { id, used };
            report.blobsRemoved += pack.entries.size() - used.size();
        } else {
            keepPacks << pack;
        }
    }
    // Merging a single small pack into a new one gains nothing.
    if (repackPacks.size() == 1 && deletePacks.isEmpty()) {
        const IndexedPack &only = repackPacks.first();
        if (packs[only.packId].entries.size() == only.entries.size()) {
            keepPacks << packs[only.packId];
            repackPacks.clear();
        }
    }
    if (options.dryRun) {
        report.packsDeleted = deletePacks.size();
        report.packsRepacked = repackPacks.size();
        return report;
    }

    // 2. Repack: copy used blobs (verified) into new packs.
    std::unique_ptr<PackWriter> writer;
    QList<IndexedPack> written;
    auto finishWriter = [&]() -> Status {
        if (!writer || writer->count() == 0)
            return {};
        auto packId = writer->finish();
        if (!packId)
            return fail(packId.error());
        written << IndexedPack { *packId, writer->entries() };
        writer.reset();
        return {};
    };
    for (const IndexedPack &pack : std::as_const(repackPacks)) {
        for (const PackEntry &e : pack.entries) {
            auto plain = repo.loadBlob(e.type, e.id); // verifies before the old copy goes
            if (!plain)
                return fail(plain.error().withContext(QStringLiteral("repack")));
            auto sealed = repo.store().get(ObjectKind::Pack, pack.packId.toHex(), e.offset, e.length);
            if (!sealed)
                return fail(sealed.error());
            if (!writer) {
                auto created = PackWriter::create(repo.store(), repo.masterKey().encryptionKey);
                if (!created)
                    return fail(created.error());
                writer = std::move(*created);
            }
            KURA_TRY(writer->add(e.type, e.id, e.compression, e.rawLength, *sealed));
            if (writer->size() >= Repository::PackTargetBytes)
                KURA_TRY(finishWriter());
        }
        deletePacks << pack.packId;
        report.packsRepacked += 1;
    }
    KURA_TRY(finishWriter());
    report.packsWritten = written.size();

    // 3. New index objects for everything that stays.
    QList<IndexedPack> all = keepPacks + written;
    for (qsizetype i = 0; i < all.size(); i += Repository::PacksPerIndex) {
        auto name = repo.saveObject(ObjectKind::Index, encodeIndex(all.mid(i, Repository::PacksPerIndex)));
        if (!name)
            return fail(name.error());
    }
    // 4. Old index objects go.
    for (const IndexObject &index : std::as_const(*indexes)) {
        KURA_TRY(repo.store().remove(ObjectKind::Index, index.name));
        report.indexObjectsReplaced += 1;
    }
    // 5. Packs no index lists any more, including ones an interrupted backup left unindexed.
    auto stored = repo.store().list(ObjectKind::Pack);
    if (!stored)
        return fail(stored.error());
    QSet<QString> stays;
    for (const IndexedPack &pack : std::as_const(all))
        stays.insert(pack.packId.toHex());
    for (const QString &name : std::as_const(*stored)) {
        if (stays.contains(name))
            continue;
        auto size = repo.store().size(ObjectKind::Pack, name);
        KURA_TRY(repo.store().remove(ObjectKind::Pack, name));
        report.packsDeleted += 1;
        if (size)
            report.bytesFreed += *size;
    }
    if (auto *local = dynamic_cast<LocalStore *>(&repo.store()))
        (void)local->removeStaleTemporaries(24 * 3600);
    KURA_TRY(repo.loadIndex());
    return report;
}

} // namespace Kura::Store
