#pragma once

#include "repository.h"

#include "fs/filesystem.h"

#include <core/progress.h>

#include <atomic>

namespace Kura::Store {

// How many of a folder's subfolders have their trees asked for ahead of the walk
// (BlobSource::prefetch): from a server, each tree is a round trip.
inline constexpr qsizetype RestoreTreesAhead = 32;
// How much of a file's content is asked for ahead of the chunk being written, and up to which
// size a file's chunks are asked for as soon as the walk queues it.
inline constexpr qint64 RestoreContentAheadBytes = 8 * 1024 * 1024;
inline constexpr qint64 RestoreSmallFileBytes = 256 * 1024;

struct RestoreOptions
{
    QByteArray target; // folder to restore into (created if missing); the snapshot's paths
                       // appear below it as they were below "/"
    // Paths inside the snapshot ("/home/a/docs" or "home/a/docs") to restore with everything
    // below them; empty: everything.
    QList<QByteArray> includes;
    Fs::OverwritePolicy overwrite = Fs::OverwritePolicy::Overwrite;
    Fs::ApplyOptions metadata;
    int workers = 0; // 0: one per core
};

struct RestoreResult
{
    qint64 files = 0;
    qint64 directories = 0;
    qint64 bytes = 0;      // content bytes written (holes excluded)
    qint64 skipped = 0;    // nodes left alone by OverwritePolicy::Skip
    QList<Error> errors;   // nodes that could not be restored (the rest was)
    QList<Error> warnings; // owner or xattrs not restored
};

// Restores a snapshot (or parts of it) into a folder with full metadata. Every chunk is
// verified against its id before it is written. A damaged chunk fails only the files that
// use it; every other file is still restored, and the errors name what failed.
class Restorer
{
public:
    Restorer(BlobSource &repository, Fs::FileSystem &fileSystem);
    void setProgress(Progress *progress) { m_progress = progress; }
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    Result<RestoreResult> restore(const Snapshot &snapshot, const RestoreOptions &options);
    // The same for the snapshot whose root tree is `root`.
    Result<RestoreResult> restoreTree(const BlobId &root, const RestoreOptions &options);

    // Writes the single file of an image snapshot to `target` (a file, created or replaced,
    // holes kept; or an existing block device, which must not be mounted: every byte written).
    Result<RestoreResult> restoreImage(const Snapshot &snapshot, const QByteArray &target);
    Result<RestoreResult> restoreImage(const BlobId &root, const QByteArray &target);

private:
    BlobSource &m_repository;
    Fs::FileSystem &m_fileSystem;
    Progress *m_progress = nullptr;
    const std::atomic<bool> *m_cancel = nullptr;
};

// Writes the content of one file node through `writer`, verifying each chunk.
Status writeContent(BlobSource &repository, const Node &node, Fs::FileWriter &writer,
                    bool writeZeros, Progress *progress, const std::atomic<bool> *cancel);

} // namespace Kura::Store
