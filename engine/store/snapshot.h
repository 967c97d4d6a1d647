#pragma once

#include "blobid.h"

#include <core/error.h>

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace Kura::Store {

// Statistics of one backup (SPEC §5: source bytes, files, new bytes stored, ...).
struct SnapshotStats
{
    qint64 sourceBytes = 0;   // bytes of file content in the snapshot
    qint64 files = 0;
    qint64 directories = 0;
    qint64 newBlobs = 0;      // blobs this backup stored
    qint64 newBytes = 0;      // plaintext bytes of those blobs
    qint64 storedBytes = 0;   // bytes they take in packs (compressed, sealed)
    qint64 readBytes = 0;     // bytes actually read (unchanged files are not read)
    qint64 warnings = 0;      // files that changed while read, unreadable entries
    qint64 durationMs = 0;
    bool operator==(const SnapshotStats &) const = default;
};

enum class SnapshotKind { Files, Image };

// A committed backup: the root tree and what produced it. Stored sealed as JSON in
// snapshots/<sha256 of the stored bytes>; written last, after everything it references.
struct Snapshot
{
    QString id; // hex name of the snapshot object (not part of the encoding)
    SnapshotKind kind = SnapshotKind::Files;
    QDateTime time;     // start of the backup, UTC
    QDateTime endTime;  // end of the backup, UTC
    QString host;
    QString user;
    QStringList paths;  // what was backed up, as given
    QStringList excludes;
    QStringList tags;
    BlobId tree;
    std::optional<BlobId> parent;
    SnapshotStats stats;
    bool operator==(const Snapshot &) const = default;
};

QByteArray encodeSnapshot(const Snapshot &snapshot);
Result<Snapshot> decodeSnapshot(const QByteArray &json);

} // namespace Kura::Store
