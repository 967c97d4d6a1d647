#pragma once

#include <core/error.h>
#include <policy/types.h>
#include <protocol/messagetype.h>

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QString>
#include <QStringList>

// Request messages: jobs (backup and restore), their progress and end, cancellation, and
// browsing the agent's file system. Each travels on the stream that its opening message
// (JobStart, RestoreStart, BrowseRequest; always sent by the server) created. Conversion
// contract as in messages_session.h.
namespace Kura::Protocol {

// Server -> agent: run a file or system backup. Opens its stream.
struct JobStart
{
    static constexpr MessageType Type = MessageType::JobStart;
    qint64 jobId = 0;                                 // catalog id, > 0
    Policy::JobKind kind = Policy::JobKind::FileBackup; // FileBackup or SystemBackup
    QStringList includePaths;    // files: empty means everything
    QStringList excludePatterns; // files: glob patterns
    QString device;              // system: block device or image file, required
    QString preCommand;          // empty: none
    QString postCommand;         // empty: none
    int commandTimeoutSeconds = 600;
    QString parentSnapshot;      // id of the parent generation (empty: full backup)
    QByteArray chunkIdKey;       // IdKeyBytes: the tenant's key for chunk ids
    qint64 bandwidthLimitBytesPerSecond = 0; // 0: unlimited
    // How to cut content, as the tenant's repository does (so that equal content deduplicates):
    // sizes in bytes (min <= average <= max <= MaxDataPayloadBytes, average a power of two)
    // and the seed of the gear table.
    qint64 chunkerMin = 512 * 1024;
    qint64 chunkerAverage = 1024 * 1024;
    qint64 chunkerMax = 8 * 1024 * 1024;
    quint64 chunkerSeed = 0;
    // Files: root tree (ChunkIdBytes) of the parent generation, whose unchanged files the
    // agent reuses from its local cache without reading them. Empty: none.
    QByteArray parentTree;

    QCborMap toCbor() const;
    static Result<JobStart> fromCbor(const QCborMap &map);
    bool operator==(const JobStart &) const = default;
};

// Agent -> server, a few times per second at most.
struct JobProgress
{
    static constexpr MessageType Type = MessageType::JobProgress;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // 0 while unknown
    qint64 filesDone = 0;
    qint64 filesTotal = 0; // 0 while unknown
    QString currentFile;

    QCborMap toCbor() const;
    static Result<JobProgress> fromCbor(const QCborMap &map);
    bool operator==(const JobProgress &) const = default;
};

// Something the job's log should show: a pre/post command's output and exit status, a file
// that changed while read, a file that could not be restored.
struct JobEvent
{
    static constexpr MessageType Type = MessageType::JobEvent;
    enum class Level { Info, Warning, Error };
    Level level = Level::Info;
    QString text; // at most 64 KiB of UTF-8

    QCborMap toCbor() const;
    static Result<JobEvent> fromCbor(const QCborMap &map);
    bool operator==(const JobEvent &) const = default;
};
const char *jobEventLevelName(JobEvent::Level level);

struct JobStatistics
{
    qint64 files = 0;           // files in the generation (or restored)
    qint64 sourceBytes = 0;     // bytes of file content in the generation (or restored)
    qint64 filesNew = 0;
    qint64 filesChanged = 0;
    qint64 filesUnchanged = 0;
    qint64 bytesRead = 0;       // bytes read from the source
    qint64 bytesSent = 0;       // stored bytes sent in Data frames
    qint64 chunksSent = 0;
    qint64 chunksDeduplicated = 0; // chunks the server already had
    qint64 durationMs = 0;

    bool operator==(const JobStatistics &) const = default;
};

// Agent -> server: the job ended. Closes its stream.
struct JobFinished
{
    static constexpr MessageType Type = MessageType::JobFinished;
    Policy::JobState state = Policy::JobState::Succeeded; // Succeeded, Failed, Stopped or Cancelled
    QString reason;     // why it failed or stopped; empty on success
    JobStatistics statistics;
    QByteArray rootId;  // backups that succeeded: ChunkIdBytes id of the root tree; else empty

    QCborMap toCbor() const;
    static Result<JobFinished> fromCbor(const QCborMap &map);
    bool operator==(const JobFinished &) const = default;
};

// Either direction: stop the stream's job. The agent answers with JobFinished (Cancelled);
// the stream stays open until then.
struct Cancel
{
    static constexpr MessageType Type = MessageType::Cancel;
    QString reason;

    QCborMap toCbor() const;
    static Result<Cancel> fromCbor(const QCborMap &map);
    bool operator==(const Cancel &) const = default;
};

enum class OverwritePolicy { Skip, Overwrite, KeepBoth };
const char *overwritePolicyName(OverwritePolicy policy);

// Server -> agent: restore a generation. Opens its stream; the server then sends the trees
// and chunks as ChunkData + Data frames and the agent ends with JobFinished.
struct RestoreStart
{
    static constexpr MessageType Type = MessageType::RestoreStart;
    qint64 jobId = 0;
    Policy::JobKind kind = Policy::JobKind::FileRestore; // FileRestore or SystemRestore
    QByteArray rootId;         // ChunkIdBytes: root tree of the generation
    QByteArray chunkIdKey;     // IdKeyBytes: to verify every chunk
    QString targetPath;        // files: where to restore, required
    QStringList selectedPaths; // files: empty means the whole generation
    OverwritePolicy overwrite = OverwritePolicy::Skip;
    QString device;            // system: target device or image file, required
    qint64 bandwidthLimitBytesPerSecond = 0;

    QCborMap toCbor() const;
    static Result<RestoreStart> fromCbor(const QCborMap &map);
    bool operator==(const RestoreStart &) const = default;
};

// Server -> agent: list one directory of the agent's file system. Opens its stream.
struct BrowseRequest
{
    static constexpr MessageType Type = MessageType::BrowseRequest;
    QString path;
    int maxEntries = 1000; // 1..MaxBrowseEntries

    QCborMap toCbor() const;
    static Result<BrowseRequest> fromCbor(const QCborMap &map);
    bool operator==(const BrowseRequest &) const = default;
};

struct BrowseEntry
{
    enum class Kind { File, Directory, Symlink, Other };
    QString name;
    Kind kind = Kind::File;
    qint64 sizeBytes = 0;
    qint64 modifiedMs = 0; // milliseconds since the epoch

    bool operator==(const BrowseEntry &) const = default;
};

// Agent -> server: the listing. Closes its stream.
struct BrowseReply
{
    static constexpr MessageType Type = MessageType::BrowseReply;
    QString path;
    QList<BrowseEntry> entries;
    bool truncated = false; // more entries exist than were sent

    QCborMap toCbor() const;
    static Result<BrowseReply> fromCbor(const QCborMap &map);
    bool operator==(const BrowseReply &) const = default;
};

} // namespace Kura::Protocol
