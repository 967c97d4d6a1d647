#pragma once

#include "dispatcher.h"

#include <catalog/database.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <core/clock.h>
#include <policy/quota.h>

#include <QMutex>
#include <QSet>

namespace Kura::Scheduler {

// The outcome of an immediate request: the job id, or the policy's refusal with the time it
// lifts (SPEC §4: "a refused request says why and when the next one becomes possible").
struct RequestResult
{
    qint64 jobId = 0;
    Policy::Admission admission;
    QString reason; // English developer text for logs and the API's message
};

struct FinishedJob
{
    Policy::JobState state = Policy::JobState::Succeeded;
    QString reason;
    qint64 sourceBytes = 0;
    qint64 files = 0;
    qint64 newBytes = 0;
    QString snapshotId; // backups: the committed snapshot
};

// Decides when backups run and records everything in the catalog (SPEC §3, §4, §5, §13):
// - scheduled runs start at the planned time inside each server's window (policy
//   plannedStart), once per window, through the policy's admission (quota and concurrency);
//   a run whose previous backup still runs is recorded as cancelled with that reason;
// - immediate requests pass the same admission;
// - while execution is suppressed (disaster recovery, §12) nothing starts: due scheduled
//   runs pass admission and are then held as queued jobs (so a server holds at most one), are
//   handed to the dispatcher once when suppression is released, and immediate requests are
//   refused with that reason; stopping a held job cancels it;
// - finished backups become generations; expired generations are forgotten (retention
//   sweep) through the DataRemover;
// - failed jobs, refused scheduled runs and overdue servers raise alerts.
// Time comes only from the Clock, so all of it runs in virtual time in tests. Not
// thread-safe: call it from one thread (the server's scheduler thread).
class Scheduler
{
public:
    Scheduler(Catalog::Database &database, const Clock &clock, Dispatcher &dispatcher, DataRemover &remover);

    // Runs what is due now for every tenant: scheduled starts, held jobs after suppression,
    // the retention sweep (once per UTC day per tenant) and the overdue check. Returns the
    // first catalog error (the tick continues with the other tenants).
    Status tick();

    Result<RequestResult> requestImmediate(qint64 tenantId, qint64 serverId, Policy::JobKind kind);
    Status requestStop(qint64 tenantId, qint64 jobId);

    void setSuppressed(bool suppressed, const QString &reason);
    // How long held jobs wait for their agent after the scheduler starts before an agent that
    // is still away has them cancelled: agents reconnect within a minute of a server restart.
    static constexpr qint64 ReconnectGraceMs = 5 * 60 * 1000;
    bool isSuppressed() const { return m_suppressed; }

    // Reports from the dispatcher.
    Status jobStarted(qint64 tenantId, qint64 jobId);
    Status jobProgress(qint64 tenantId, qint64 jobId, const Catalog::JobProgressFigures &figures);
    Status jobFinished(qint64 tenantId, qint64 jobId, const FinishedJob &outcome);

    Status sweepRetention(qint64 tenantId);

private:
    Status tickTenant(qint64 tenantId);
    Status runScheduled(qint64 tenantId, const Catalog::ServerRecord &server);
    Result<Policy::Admission> admit(qint64 tenantId, qint64 serverId, Policy::JobKind kind,
                                    Policy::JobTrigger trigger, Policy::Timing timing);
    Result<qint64> startJob(qint64 tenantId, qint64 serverId, Policy::JobKind kind, Policy::JobTrigger trigger,
                            const Policy::Plan &plan);
    Status releaseHeld(qint64 tenantId);

    Catalog::Database &m_db;
    const Clock &m_clock;
    Dispatcher &m_dispatcher;
    DataRemover &m_remover;
    const qint64 m_startedMs;
    bool m_suppressed = false;
    QString m_suppressionReason;
    QHash<qint64, QDate> m_lastSweep; // tenant -> UTC day of its last retention sweep
    QSet<qint64> m_released;          // held jobs already handed to the dispatcher, while active
    struct ReleasedHeld
    {
        qint64 queuedMs = 0;
        qint64 releasedMs = 0;
    };
    QHash<qint64, ReleasedHeld> m_releasedHeld; // server -> its last held job handed out
};

// Converts catalog job rows of one server into what the policy's admission needs.
QList<Policy::JobRecord> toPolicyHistory(const QList<Catalog::JobRecord> &jobs);
// An English sentence for a refusal, with the time it lifts (API message, logs).
QString describeRefusal(const Policy::Admission &admission);

// What a server that starts does with the jobs its previous process left unfinished (no agent
// is connected yet, and none can report on those jobs any more), for every tenant:
// - running jobs fail: "the server stopped while the job was running; no generation was written"
//   (the chunks they uploaded are reused by the next backup);
// - queued backups that never started are held ("held: the server restarted before the job
//   started") and run when their agent is back: Scheduler::tick releases them, or cancels them
//   with an alert when the agent is still away after Scheduler::ReconnectGraceMs;
// - queued restores are cancelled ("cancelled: the server stopped before the restore started");
//   the administrator starts them again, maybe to another target.
// Jobs already held (suppression) stay held. Returns how many jobs were changed.
Result<int> recoverUnfinishedJobs(Catalog::Database &database, qint64 nowMs);

} // namespace Kura::Scheduler
