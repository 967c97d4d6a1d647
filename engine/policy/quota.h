#pragma once

#include "types.h"

#include <QList>
#include <QString>

#include <optional>

// Admission of jobs (SPEC §4): the sliding 24 h backup quota and the concurrency rules.
// Pure functions over a server's job history; time is passed in (UTC milliseconds).
namespace Kura::Policy {

// What admission needs to know of one job. The history given to admitJob() holds the jobs
// that involve one server: the backups of that server and the restores into it.
struct JobRecord
{
    qint64 id = 0;
    JobKind kind = JobKind::FileBackup;
    JobTrigger trigger = JobTrigger::Immediate;
    JobState state = JobState::Queued;
    // When the job was admitted to run (policy approved it; queued for the agent or running).
    // -1: it never was (for example a request recorded as cancelled).
    qint64 startMs = -1;
    qint64 endMs = -1; // when it ended; -1 while queued or running

    bool operator==(const JobRecord &) const = default;
};

struct JobRequest
{
    JobKind kind = JobKind::FileBackup;
    JobTrigger trigger = JobTrigger::Immediate;
    qint64 nowMs = 0;
};

// Why a request is refused. Stable values: the console translates them.
enum class Refusal {
    None,
    BackupRunning,               // a backup of the same kind of this server is queued or running
    OtherBackupKindRunning,      // a system backup while a file backup runs, or the reverse
    RestoreRunning,              // a restore into this server is queued or running
    SystemRestoreRunning,        // a backup while a system restore into this server runs
    BackupRunningOnTarget,       // a system restore into a server whose backup runs
    QuotaExhausted,              // the sliding 24 h backup quota is used up
    ScheduledRunWithoutSchedule, // a scheduled run for an immediate plan
};

// The answer to a request. When refused, `blockingJobId` names the job in the way (for the
// concurrency refusals) and `liftsAtMs` says when the same request will be allowed: for
// QuotaExhausted the exact time a counted start leaves the 24 h window; for the concurrency
// refusals nullopt, meaning "when the blocking job ends".
struct Admission
{
    bool allowed = false;
    Refusal refusal = Refusal::None;
    std::optional<qint64> liftsAtMs;
    qint64 blockingJobId = 0;
    int quotaUsed = 0;  // backup starts counted in the 24 h before the request
    int quotaLimit = 0; // runsPer24Hours of the plan (backups only; 0 for restores)

    bool operator==(const Admission &) const = default;
};

QString refusalName(Refusal refusal);

bool isBackup(JobKind kind);
bool isRestore(JobKind kind);

// True for a job that occupies its server now: state Queued or Running.
bool isActive(const JobRecord &job);

// True for a backup start that uses quota: a backup with a start time whose state is not
// Cancelled (cancelled jobs never ran). Succeeded, Failed, Stopped, Interrupted, Running and
// Queued backups with a start time all count: they used (or are using) the server.
bool countsTowardQuota(const JobRecord &job);

// Counted backup starts in the sliding window (nowMs - 24 h, nowMs]: a start exactly 24 h
// before `nowMs` no longer counts. Starts after `nowMs` (clock skew) count too.
int quotaUsed(const QList<JobRecord> &history, qint64 nowMs);

// Decides whether `request` may start now on the server whose history is `history` and whose
// plan has timing `planTiming` (used for backups only). Checks, in this order: a scheduled run
// on an immediate plan; concurrency (one backup per server, system and file never together,
// one restore per target, no system restore during a backup and no backup during a system
// restore); then the quota, for backups only. Returns the first refusal found.
Admission admitJob(const JobRequest &request, Timing planTiming, const QList<JobRecord> &history);

// Drops the records admitJob() can no longer need at `nowMs`: ended jobs whose start is 24 h
// or more in the past and records that never started. Active jobs are always kept. For callers
// that keep a rolling history in memory.
QList<JobRecord> pruneHistory(const QList<JobRecord> &history, qint64 nowMs);

} // namespace Kura::Policy
