#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

struct NewJob {
    qint64 serverId = 0;
    Policy::JobKind kind = Policy::JobKind::FileBackup;
    Policy::JobTrigger trigger = Policy::JobTrigger::Immediate;
    QString planSummary; // planSummary() of the plan the job runs under
    qint64 queuedMs = 0;
    // Normally Queued; the scheduler records refused or skipped runs directly as Cancelled
    // with a reason (SPEC §4: "cancelled: previous backup still running"), and a backup of
    // an offline agent as Failed. Other states are refused (InvalidArgument).
    Policy::JobState state = Policy::JobState::Queued;
    QString reason;
    std::optional<qint64> targetServerId; // restores
    QString targetPath; // file restores
};

struct JobProgressFigures {
    qint64 sourceBytes = 0; // estimated or final total
    qint64 files = 0; // estimated or final total
    qint64 bytesDone = 0;
    qint64 filesDone = 0;
    qint64 transferredBytes = 0; // bytes that crossed the network
};

struct JobRecord {
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 serverId = 0;
    Policy::JobKind kind = Policy::JobKind::FileBackup;
    Policy::JobTrigger trigger = Policy::JobTrigger::Immediate;
    Policy::JobState state = Policy::JobState::Queued;
    QString reason;
    QString planSummary;
    qint64 queuedMs = 0;
    std::optional<qint64> startMs;
    std::optional<qint64> endMs;
    JobProgressFigures figures;
    std::optional<qint64> targetServerId;
    QString targetPath;
    std::optional<qint64> generationId;
};

enum class EventLevel { Info, Warning, Error };
QString eventLevelName(EventLevel level);

struct JobEvent {
    qint64 timeMs = 0;
    EventLevel level = EventLevel::Info;
    QString text;
};

// Jobs of one tenant and their events (SPEC §4). Every function takes the tenant id and
// only reads or changes that tenant's jobs; another tenant's job id gives NotFound.
// State changes follow SPEC §4: queued -> running -> succeeded/failed/stopped, queued or
// running -> cancelled/interrupted; a finished job cannot change again (Conflict).
class JobStore {
public:
    explicit JobStore(Database &database)
        : m_db(database)
    {
    }

    // Errors: NotFound when the server (or restore target) is not the tenant's. A job created
    // as Failed raises its job_failed alert in a write transaction of its own.
    Result<qint64> create(qint64 tenantId, const NewJob &job);
    Result<JobRecord> job(qint64 tenantId, qint64 jobId);
    // Newest first, at most `limit` rows.
    Result<QList<JobRecord>> listForServer(qint64 tenantId, qint64 serverId, int limit);
    // Queued and running jobs of the tenant, oldest first.
    Result<QList<JobRecord>> activeJobs(qint64 tenantId);
    // Jobs of a server queued at or after `sinceMs` (quota windows), oldest first.
    Result<QList<JobRecord>> jobsSince(qint64 tenantId, qint64 serverId, qint64 sinceMs);
    // End time of the server's newest succeeded backup, if any.
    Result<std::optional<qint64>> lastSuccessfulBackupMs(qint64 tenantId, qint64 serverId);

    Status markRunning(qint64 tenantId, qint64 jobId, qint64 startMs);
    Status updateProgress(qint64 tenantId, qint64 jobId, const JobProgressFigures &figures);
    // Moves an unfinished job to a final state. InvalidArgument for a non-final state.
    // In the same transaction, a succeeded backup updates the server's lastBackupMs and a
    // failed job raises the server's job_failed alert (AlertStore; idempotent per server).
    // Opens its own write transaction, so do not call it inside another.
    Status finish(qint64 tenantId, qint64 jobId, Policy::JobState state, const QString &reason,
        qint64 endMs, std::optional<qint64> generationId = std::nullopt);
    // Gives a queued job a new reason (the scheduler's "held: ..." marks). Conflict when the
    // job is no longer queued.
    Status setQueuedReason(qint64 tenantId, qint64 jobId, const QString &reason);
    // SPEC §12: marks every running job of the tenant interrupted. Returns how many.
    Result<int> interruptRunning(qint64 tenantId, const QString &reason, qint64 nowMs);

    Status addEvent(qint64 tenantId, qint64 jobId, const JobEvent &event);
    Result<QList<JobEvent>> events(qint64 tenantId, qint64 jobId);

private:
    Result<QList<JobRecord>> select(const QString &where, const QVariantList &values);
    Result<qint64> insertJob(qint64 tenantId, const NewJob &job);
    Status finishUnlocked(qint64 tenantId, qint64 jobId, Policy::JobState state,
        const QString &reason, qint64 endMs, std::optional<qint64> generationId);
    // Raises the server's job_failed alert (one active per server).
    Status raiseFailure(qint64 tenantId, qint64 jobId, const QString &reason, qint64 nowMs);
    // Keeps servers.last_backup_ms current when a backup job succeeds.
    Status recordBackupSuccess(qint64 tenantId, qint64 jobId, qint64 endMs);

    Database &m_db;
};

} // namespace Kura::Catalog
