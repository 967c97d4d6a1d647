#include "quota.h"

#include "planrules.h"

#include <algorithm>
#include <array>

namespace Kura::Policy {
namespace {

constexpr std::array<const char *, 8> refusalNames { {
    "none",
    "backup_running",
    "other_backup_kind_running",
    "restore_running",
    "system_restore_running",
    "backup_running_on_target",
    "quota_exhausted",
    "scheduled_run_without_schedule",
} };

Admission refuse(Refusal refusal, qint64 blockingJobId = 0)
{
    Admission admission;
    admission.refusal = refusal;
    admission.blockingJobId = blockingJobId;
    return admission;
}

// The refusal that an active job `job` imposes on a request of kind `kind`, if any.
Refusal conflictWith(JobKind kind, const JobRecord &job)
{
    if (isBackup(kind) && isBackup(job.kind))
        return kind == job.kind ? Refusal::BackupRunning : Refusal::OtherBackupKindRunning;
    if (isRestore(kind) && isRestore(job.kind))
        return Refusal::RestoreRunning;
    if (isBackup(kind) && job.kind == JobKind::SystemRestore)
        return Refusal::SystemRestoreRunning;
    if (kind == JobKind::SystemRestore && isBackup(job.kind))
        return Refusal::BackupRunningOnTarget;
    return Refusal::None;
}

std::optional<Admission> checkConcurrency(
    const JobRequest &request, const QList<JobRecord> &history)
{
    for (const JobRecord &job : history) {
        if (!isActive(job))
            continue;
        const Refusal refusal = conflictWith(request.kind, job);
        if (refusal != Refusal::None)
            return refuse(refusal, job.id);
    }
    return std::nullopt;
}

// Sorted start times of the backups counted at `nowMs`.
QList<qint64> countedStarts(const QList<JobRecord> &history, qint64 nowMs)
{
    QList<qint64> starts;
    for (const JobRecord &job : history) {
        if (countsTowardQuota(job) && job.startMs > nowMs - MsPerDay)
            starts.append(job.startMs);
    }
    std::sort(starts.begin(), starts.end());
    return starts;
}

} // namespace

QString refusalName(Refusal refusal)
{
    return QString::fromLatin1(refusalNames.at(std::size_t(refusal)));
}

bool isBackup(JobKind kind)
{
    return kind == JobKind::FileBackup || kind == JobKind::SystemBackup;
}
bool isRestore(JobKind kind)
{
    return !isBackup(kind);
}

bool isActive(const JobRecord &job)
{
    return job.state == JobState::Queued || job.state == JobState::Running;
}

bool countsTowardQuota(const JobRecord &job)
{
    return isBackup(job.kind) && job.startMs >= 0 && job.state != JobState::Cancelled;
}

int quotaUsed(const QList<JobRecord> &history, qint64 nowMs)
{
    return int(countedStarts(history, nowMs).size());
}

Admission admitJob(const JobRequest &request, Timing planTiming, const QList<JobRecord> &history)
{
    if (isBackup(request.kind) && request.trigger == JobTrigger::Scheduled
        && planTiming == Timing::Immediate)
        return refuse(Refusal::ScheduledRunWithoutSchedule);
    if (auto refusal = checkConcurrency(request, history))
        return *refusal;
    Admission admission;
    if (isBackup(request.kind)) {
        const QList<qint64> starts = countedStarts(history, request.nowMs);
        admission.quotaLimit = runsPer24Hours(planTiming);
        admission.quotaUsed = int(starts.size());
        if (admission.quotaUsed >= admission.quotaLimit) {
            // Once this start leaves the window, quotaLimit - 1 starts remain counted.
            const qint64 freeing = starts.at(admission.quotaUsed - admission.quotaLimit);
            admission.refusal = Refusal::QuotaExhausted;
            admission.liftsAtMs = std::max(freeing + MsPerDay, request.nowMs + 1);
            return admission;
        }
    }
    admission.allowed = true;
    return admission;
}

QList<JobRecord> pruneHistory(const QList<JobRecord> &history, qint64 nowMs)
{
    QList<JobRecord> kept;
    for (const JobRecord &job : history) {
        if (isActive(job) || (job.startMs >= 0 && job.startMs > nowMs - MsPerDay))
            kept.append(job);
    }
    return kept;
}

} // namespace Kura::Policy
