#pragma once

#include "repository.h"

namespace Kura::Store {

// Which snapshots to keep. A snapshot is kept when any rule keeps it; rules apply per group
// of snapshots with the same host and paths.
struct ForgetPolicy
{
    qint64 keepWithinSeconds = -1; // keep everything newer than now minus this (-1: rule off)
    int keepLast = -1;             // keep the newest N of each group (-1: rule off)
    bool isEmpty() const { return keepWithinSeconds < 0 && keepLast < 0; }
};

struct ForgetDecision
{
    Snapshot snapshot;
    bool keep = false;
    QString reason; // "within 7d", "last 3", or why it goes
};

// Pure: decides for every snapshot whether it stays, with the reason.
QList<ForgetDecision> applyForgetPolicy(const QList<Snapshot> &snapshots, const ForgetPolicy &policy,
                                        const QDateTime &now);

struct PruneOptions
{
    double repackUnusedRatio = 0.5;   // repack packs with more than this share of unused bytes
    qint64 smallPackBytes = 4 * 1024 * 1024; // and packs smaller than this (merged together)
    bool dryRun = false;
};

struct PruneReport
{
    qint64 packsBefore = 0;
    qint64 packsDeleted = 0;
    qint64 packsRepacked = 0;
    qint64 packsWritten = 0;
    qint64 bytesFreed = 0;
    qint64 blobsRemoved = 0;
    qint64 indexObjectsReplaced = 0;
};

// Removes data no snapshot references. The caller must hold the exclusive lock. Order, so
// that a crash at any point leaves a consistent repository:
//   1. find the blobs used by all snapshots;
//   2. copy the used blobs of half-empty packs into new packs (written and synced);
//   3. write new index objects describing every pack that stays;
//   4. delete the old index objects;
//   5. delete packs that are no longer indexed.
// A crash before 4 leaves duplicate index entries (harmless); a crash during 5 leaves
// unreferenced packs that the next prune deletes.
Result<PruneReport> prune(Repository &repository, const PruneOptions &options = {});

} // namespace Kura::Store
