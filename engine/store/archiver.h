#pragma once

#include "repository.h"

#include "fs/filesystem.h"

#include <core/progress.h>

#include <atomic>

namespace Kura::Store {

struct BackupOptions
{
    // Absolute paths to back up. For SnapshotKind::Image: exactly one block device or image file.
    QList<QByteArray> paths;
    // fnmatch(3) patterns. A pattern with a '/' is matched against the whole path ('*' also
    // crosses '/'), one without against the entry's name only.
    QList<QByteArray> excludes;
    SnapshotKind kind = SnapshotKind::Files;
    QString host;
    QString user;
    QStringList tags;
    // Archiver::run: the snapshot whose unchanged files are reused without being read.
    // Empty: the newest snapshot of the same host and paths. "none": read everything.
    // (archive() takes the parent's root tree instead.)
    QString parent;
    int workers = 0;                           // hashing/compression threads; 0: one per core
    qint64 maxInFlightBytes = 40 * 1024 * 1024; // chunk data between reading and packing
    bool estimateTotals = true;                // count bytes/files totals ahead of the walk (progress)
    // Threads that walk the tree ahead of the backup: they count the totals and bring the
    // metadata into the cache, so that a walk over a cold cache waits for several reads at once
    // instead of one at a time. 0: no scan (and no totals).
    int scanThreads = 16;
    // Entries of folder listings the scan may hold for the walk (about 250 bytes each), so that
    // the walk does not list and stat those folders again.
    qsizetype listingCacheEntries = 8 * 1024;
};

struct BackupResult
{
    Snapshot snapshot;
    QStringList warnings; // files skipped or changed while read, one sentence each
};

// Backs up files or an image into a repository: walks, cuts content-defined chunks, hashes,
// compresses and encrypts them on a bounded thread pool (memory stays flat), writes trees
// bottom-up and commits the snapshot last. A cancelled or failed backup writes no snapshot,
// but flushes what it stored so that the next backup reuses it.
class Archiver
{
public:
    Archiver(Repository &repository, Fs::FileSystem &fileSystem);

    // Progress counters to update (optional; must outlive run()).
    void setProgress(Progress *progress) { m_progress = progress; }
    // Checked between chunks; when it becomes true, run() stops with ErrorCode::Cancelled.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    Result<BackupResult> run(const BackupOptions &options);

private:
    Repository &m_repository;
    Fs::FileSystem &m_fileSystem;
    Progress *m_progress = nullptr;
    const std::atomic<bool> *m_cancel = nullptr;
};

// The archiver's core, for any sink (Archiver::run uses the repository; the agent a server):
// walks, chunks and saves, with `parentTree` (null: none) the root tree of the snapshot whose
// unchanged files are reused. Returns the snapshot to commit, without id or parent; nothing
// is committed here. Blobs already saved are flushed even when it fails or is cancelled.
Result<BackupResult> archive(BlobSink &sink, Fs::FileSystem &fileSystem, const BackupOptions &options,
                             const BlobId &parentTree, Progress *progress = nullptr,
                             const std::atomic<bool> *cancel = nullptr);

} // namespace Kura::Store
