#include "scheduler.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/overdue.h>
#include <catalog/plancodec.h>
#include <catalog/tenantstore.h>
#include <policy/planrules.h>
#include <policy/retention.h>
#include <policy/schedule.h>

#include <algorithm>

namespace Kura::Scheduler {
namespace {

constexpr qint64 DayMs = 24ll * 3600 * 1000;
const QString HeldPrefix = QStringLiteral("held: ");
const QString PreviousStillRunning = QStringLiteral("cancelled: previous backup still running");

Policy::JobKind backupKindFor(const Policy::Plan &plan)
{
    return plan.content == Policy::Content::System ? Policy::JobKind::SystemBackup : Policy::JobKind::FileBackup;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString offlineReason(const Catalog::ServerRecord &server)
{
    if (server.lastSeenMs)
        return QStringLiteral("agent not connected since %1").arg(isoTime(*server.lastSeenMs));
    return QStringLiteral("agent has never connected");
}

} // namespace

QList<Policy::JobRecord> toPolicyHistory(const QList<Catalog::JobRecord> &jobs)
{
    QList<Policy::JobRecord> out;
    for (const Catalog::JobRecord &job : jobs) {
        Policy::JobRecord record;
        record.id = job.id;
        record.kind = job.kind;
        record.trigger = job.trigger;
        record.state = job.state;
        record.startMs = job.startMs ? *job.startMs : job.state == Policy::JobState::Queued ? job.queuedMs : -1;
        record.endMs = job.endMs.value_or(-1);
        out << record;
    }
    return out;
}

QString describeRefusal(const Policy::Admission &admission)
{
    QString text = Policy::refusalName(admission.refusal);
    if (admission.refusal == Policy::Refusal::QuotaExhausted)
        text = QStringLiteral("quota of %1 backups in 24 hours is used up").arg(admission.quotaLimit);
    else if (admission.blockingJobId)
        text += QStringLiteral(" (job %1)").arg(admission.blockingJobId);
    if (admission.liftsAtMs)
        text += QStringLiteral("; possible again at %1").arg(isoTime(*admission.liftsAtMs));
    return text;
}

Scheduler::Scheduler(Catalog::Database &database, const Clock &clock, Dispatcher &dispatcher, DataRemover &remover)
    : m_db(database), m_clock(clock), m_dispatcher(dispatcher), m_remover(remover), m_startedMs(clock.nowMs())
{
}

Result<int> recoverUnfinishedJobs(Catalog::Database &database, qint64 nowMs)
{
    auto tenants = Catalog::TenantStore(database).list();
    if (!tenants)
        return fail(tenants.error());
    Catalog::JobStore jobs(database);
    int changed = 0;
    for (const Catalog::TenantRecord &tenant : std::as_const(*tenants)) {
        auto active = jobs.activeJobs(tenant.id);
        if (!active)
            return fail(active.error());
        for (const Catalog::JobRecord &job : std::as_const(*active)) {
            if (job.state == Policy::JobState::Running) {
                KURA_TRY(jobs.finish(tenant.id, job.id, Policy::JobState::Failed,
                                     QStringLiteral("the server stopped while the job was running; "
                                                    "no generation was written"),
                                     nowMs));
            } else if (!Policy::isBackup(job.kind)) {
                KURA_TRY(jobs.finish(tenant.id, job.id, Policy::JobState::Cancelled,
                                     QStringLiteral("cancelled: the server stopped before the restore started"), nowMs));
            } else if (!job.reason.startsWith(HeldPrefix)) {
                KURA_TRY(jobs.setQueuedReason(tenant.id, job.id,
                                              HeldPrefix + QStringLiteral("the server restarted before the job started")));
            } else {
                continue;
            }
            ++changed;
        }
    }
    return changed;
}

Status Scheduler::tick()
{
    auto tenants = Catalog::TenantStore(m_db).list();
    if (!tenants)
        return fail(tenants.error());
    Status first;
    for (const Catalog::TenantRecord &tenant : std::as_const(*tenants)) {
        const Status done = tickTenant(tenant.id);
        if (!done && first)
            first = done;
    }
    return first;
}

Status Scheduler::tickTenant(qint64 tenantId)
{
    const qint64 now = m_clock.nowMs();
    if (!m_suppressed)
        KURA_TRY(releaseHeld(tenantId));
    auto servers = Catalog::ServerStore(m_db).protectedServers(tenantId);
    if (!servers)
        return fail(servers.error());
    for (const Catalog::ServerRecord &server : std::as_const(*servers))
        if (server.plan && server.plan->timing != Policy::Timing::Immediate)
            KURA_TRY(runScheduled(tenantId, server));
    const QDate today = Policy::utcDate(now);
    if (m_lastSweep.value(tenantId) != today) {
        KURA_TRY(sweepRetention(tenantId));
        m_lastSweep.insert(tenantId, today);
    }
    auto overdue = Catalog::checkOverdue(m_db, tenantId, now);
    if (!overdue)
        return fail(overdue.error());
    return {};
}

Status Scheduler::runScheduled(qint64 tenantId, const Catalog::ServerRecord &server)
{
    const qint64 now = m_clock.nowMs();
    const Policy::Plan &plan = *server.plan;
    const auto window = Policy::windowContaining(plan, now);
    if (!window)
        return {};
    const auto planned = Policy::plannedStart(server.id, plan, Policy::utcDate(window->startMs));
    if (!planned || now < *planned)
        return {};
    Catalog::JobStore jobs(m_db);
    auto recent = jobs.jobsSince(tenantId, server.id, window->startMs);
    if (!recent)
        return fail(recent.error());
    for (const Catalog::JobRecord &job : std::as_const(*recent))
        if (job.trigger == Policy::JobTrigger::Scheduled)
            return {}; // this window's run was already decided
    const Policy::JobKind kind = backupKindFor(plan);
    Catalog::NewJob record;
    record.serverId = server.id;
    record.kind = kind;
    record.trigger = Policy::JobTrigger::Scheduled;
    record.planSummary = Catalog::planSummary(plan);
    record.queuedMs = now;
    Catalog::AlertStore alerts(m_db);
    if (!m_suppressed && !m_dispatcher.isConnected(tenantId, server.id)) {
        record.state = Policy::JobState::Failed;
        record.reason = offlineReason(server);
        auto id = jobs.create(tenantId, record); // the catalog raises the job_failed alert
        return id ? Status {} : fail(id.error());
    }
    auto admission = admit(tenantId, server.id, kind, Policy::JobTrigger::Scheduled, plan.timing);
    if (!admission)
        return fail(admission.error());
    if (!admission->allowed) {
        const bool previousRunning = admission->refusal == Policy::Refusal::BackupRunning
            || admission->refusal == Policy::Refusal::OtherBackupKindRunning;
        record.state = Policy::JobState::Cancelled;
        record.reason = previousRunning ? PreviousStillRunning : QStringLiteral("cancelled: ") + describeRefusal(*admission);
        auto id = jobs.create(tenantId, record);
        if (!id)
            return fail(id.error());
        auto raised = alerts.raise(tenantId, { Catalog::AlertKind::ScheduledRefused, server.id,
                                               Catalog::serverSubject(server.id),
                                               QStringLiteral("scheduled backup %1 %2").arg(*id).arg(record.reason), now });
        return raised ? Status {} : fail(raised.error());
    }
    if (m_suppressed) {
        // Admitted like any run (a run held earlier counts as the previous backup), then held.
        record.reason = HeldPrefix + m_suppressionReason;
        auto id = jobs.create(tenantId, record);
        return id ? Status {} : fail(id.error());
    }
    auto started = startJob(tenantId, server.id, kind, Policy::JobTrigger::Scheduled, plan);
    return started ? Status {} : fail(started.error());
}

Result<Policy::Admission> Scheduler::admit(qint64 tenantId, qint64 serverId, Policy::JobKind kind,
                                           Policy::JobTrigger trigger, Policy::Timing timing)
{
    const qint64 now = m_clock.nowMs();
    Catalog::JobStore jobs(m_db);
    // The quota counts starts, but jobsSince selects by queue time: reach back to a job that
    // was held before it started (released in the last two days) so that its start counts.
    qint64 sinceMs = now - DayMs;
    const auto held = m_releasedHeld.constFind(serverId);
    if (held != m_releasedHeld.cend() && held->releasedMs > now - 2 * DayMs)
        sinceMs = std::min(sinceMs, held->queuedMs);
    auto recent = jobs.jobsSince(tenantId, serverId, sinceMs);
    auto active = jobs.activeJobs(tenantId);
    if (!recent || !active)
        return fail(recent ? active.error() : recent.error());
    QList<Catalog::JobRecord> history = *recent;
    for (const Catalog::JobRecord &job : std::as_const(*active)) {
        const bool concerns = job.serverId == serverId || job.targetServerId == serverId;
        const bool listed = std::any_of(history.cbegin(), history.cend(),
                                        [&](const Catalog::JobRecord &h) { return h.id == job.id; });
        if (concerns && !listed)
            history << job;
    }
    return Policy::admitJob({ kind, trigger, now }, timing, toPolicyHistory(history));
}

Result<qint64> Scheduler::startJob(qint64 tenantId, qint64 serverId, Policy::JobKind kind, Policy::JobTrigger trigger,
                                  const Policy::Plan &plan)
{
    Catalog::NewJob record;
    record.serverId = serverId;
    record.kind = kind;
    record.trigger = trigger;
    record.planSummary = Catalog::planSummary(plan);
    record.queuedMs = m_clock.nowMs();
    auto id = Catalog::JobStore(m_db).create(tenantId, record);
    if (!id)
        return fail(id.error());
    m_dispatcher.dispatch({ tenantId, *id, serverId, kind, trigger, plan });
    return *id;
}

Status Scheduler::releaseHeld(qint64 tenantId)
{
    Catalog::JobStore jobs(m_db);
    auto active = jobs.activeJobs(tenantId);
    if (!active)
        return fail(active.error());
    QSet<qint64> stillReleased;
    for (const Catalog::JobRecord &job : std::as_const(*active))
        if (m_released.contains(job.id))
            stillReleased.insert(job.id);
    m_released = stillReleased;
    for (const Catalog::JobRecord &job : std::as_const(*active)) {
        if (job.state != Policy::JobState::Queued || !job.reason.startsWith(HeldPrefix) || m_released.contains(job.id))
            continue;
        auto server = Catalog::ServerStore(m_db).server(tenantId, job.serverId);
        if (!server)
            return fail(server.error());
        const qint64 now = m_clock.nowMs();
        if (!server->plan) {
            KURA_TRY(jobs.finish(tenantId, job.id, Policy::JobState::Cancelled,
                                 QStringLiteral("cancelled: the server is no longer protected"), now));
            continue;
        }
        if (!m_dispatcher.isConnected(tenantId, job.serverId)) {
            // Just after a (re)start, agents are still connecting: the job waits for its agent.
            if (now - m_startedMs < ReconnectGraceMs)
                continue;
            // It never ran, so it is cancelled (a queued job cannot fail), with an alert.
            const QString reason = QStringLiteral("cancelled: ") + offlineReason(*server);
            KURA_TRY(jobs.finish(tenantId, job.id, Policy::JobState::Cancelled, reason, now));
            auto raised = Catalog::AlertStore(m_db).raise(
                tenantId, { Catalog::AlertKind::JobFailed, job.serverId, Catalog::serverSubject(job.serverId),
                            QStringLiteral("held backup %1 did not start: %2").arg(job.id).arg(reason), now });
            if (!raised)
                return fail(raised.error());
            continue;
        }
        m_released.insert(job.id);
        m_releasedHeld.insert(job.serverId, { job.queuedMs, now });
        m_dispatcher.dispatch({ tenantId, job.id, job.serverId, job.kind, job.trigger, *server->plan });
    }
    return {};
}

Result<RequestResult> Scheduler::requestImmediate(qint64 tenantId, qint64 serverId, Policy::JobKind kind)
{
    if (!Policy::isBackup(kind))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("only backups are requested here"));
    auto server = Catalog::ServerStore(m_db).server(tenantId, serverId);
    if (!server)
        return fail(server.error());
    if (!server->isProtected || !server->plan)
        return fail(ErrorCode::Conflict, QStringLiteral("server \"%1\" is not protected").arg(server->name));
    if (m_suppressed)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("job execution is suppressed: %1").arg(m_suppressionReason));
    const Policy::Plan &plan = *server->plan;
    if ((kind == Policy::JobKind::SystemBackup) != (plan.content == Policy::Content::System))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the plan of \"%1\" backs up %2").arg(server->name, Policy::contentName(plan.content)));
    RequestResult result;
    if (!m_dispatcher.isConnected(tenantId, serverId)) {
        Catalog::NewJob record;
        record.serverId = serverId;
        record.kind = kind;
        record.planSummary = Catalog::planSummary(plan);
        record.queuedMs = m_clock.nowMs();
        record.state = Policy::JobState::Failed;
        record.reason = offlineReason(*server);
        auto id = Catalog::JobStore(m_db).create(tenantId, record);
        if (!id)
            return fail(id.error());
        result.jobId = *id;
        result.reason = record.reason;
        return result;
    }
    auto admission = admit(tenantId, serverId, kind, Policy::JobTrigger::Immediate, plan.timing);
    if (!admission)
        return fail(admission.error());
    result.admission = *admission;
    if (!admission->allowed) {
        result.reason = describeRefusal(*admission);
        return result;
    }
    auto id = startJob(tenantId, serverId, kind, Policy::JobTrigger::Immediate, plan);
    if (!id)
        return fail(id.error());
    result.jobId = *id;
    return result;
}

Status Scheduler::requestStop(qint64 tenantId, qint64 jobId)
{
    auto job = Catalog::JobStore(m_db).job(tenantId, jobId);
    if (!job)
        return fail(job.error());
    if (job->state != Policy::JobState::Queued && job->state != Policy::JobState::Running)
        return fail(ErrorCode::Conflict, QStringLiteral("job %1 is already %2").arg(jobId).arg(Policy::jobStateName(job->state)));
    // A held job not yet handed out is ended here; any other goes through the agent.
    if (job->state == Policy::JobState::Queued && job->reason.startsWith(HeldPrefix) && !m_released.contains(jobId))
        return Catalog::JobStore(m_db).finish(tenantId, jobId, Policy::JobState::Cancelled,
                                              QStringLiteral("cancelled: stopped before it started"), m_clock.nowMs());
    m_dispatcher.stop(tenantId, jobId);
    return {};
}

void Scheduler::setSuppressed(bool suppressed, const QString &reason)
{
    m_suppressed = suppressed;
    m_suppressionReason = reason;
}

Status Scheduler::jobStarted(qint64 tenantId, qint64 jobId)
{
    return Catalog::JobStore(m_db).markRunning(tenantId, jobId, m_clock.nowMs());
}

Status Scheduler::jobProgress(qint64 tenantId, qint64 jobId, const Catalog::JobProgressFigures &figures)
{
    return Catalog::JobStore(m_db).updateProgress(tenantId, jobId, figures);
}

Status Scheduler::jobFinished(qint64 tenantId, qint64 jobId, const FinishedJob &outcome)
{
    const qint64 now = m_clock.nowMs();
    Catalog::JobStore jobs(m_db);
    auto job = jobs.job(tenantId, jobId);
    if (!job)
        return fail(job.error());
    std::optional<qint64> generationId;
    if (Policy::isBackup(job->kind) && outcome.state == Policy::JobState::Succeeded) {
        if (job->state != Policy::JobState::Running)
            return fail(ErrorCode::Conflict, QStringLiteral("job %1 is %2 and cannot have succeeded")
                                                 .arg(jobId)
                                                 .arg(Policy::jobStateName(job->state)));
        auto server = Catalog::ServerStore(m_db).server(tenantId, job->serverId);
        if (!server)
            return fail(server.error());
        Catalog::GenerationStore generations(m_db);
        auto id = generations.create(tenantId, { job->serverId, jobId, job->kind, server->plan.value_or(Policy::Plan {}),
                                                 job->startMs.value_or(job->queuedMs) });
        if (!id)
            return fail(id.error());
        KURA_TRY(generations.complete(tenantId, *id, { now, outcome.sourceBytes, outcome.files, outcome.newBytes,
                                                       outcome.snapshotId }));
        KURA_TRY(generations.setCopy(tenantId, *id, { server->region, Catalog::CopyState::Complete, now }));
        generationId = *id;
        // The job's figures become the final totals: a short backup may end before the agent ever
        // reported its estimate, and a finished job shows what it did, not its last progress event.
        KURA_TRY(jobs.updateProgress(tenantId, jobId, { outcome.sourceBytes, outcome.files, outcome.sourceBytes,
                                                        outcome.files, outcome.newBytes }));
    }
    // A failed job raises its job_failed alert inside JobStore::finish.
    return jobs.finish(tenantId, jobId, outcome.state, outcome.reason, now, generationId);
}

Status Scheduler::sweepRetention(qint64 tenantId)
{
    const qint64 now = m_clock.nowMs();
    auto servers = Catalog::ServerStore(m_db).list(tenantId);
    if (!servers)
        return fail(servers.error());
    Catalog::GenerationStore generations(m_db);
    for (const Catalog::ServerRecord &server : std::as_const(*servers)) {
        auto list = generations.listForServer(tenantId, server.id);
        if (!list)
            return fail(list.error());
        QList<Policy::GenerationInfo> infos;
        QHash<qint64, QString> snapshotOf;
        for (const Catalog::GenerationRecord &g : std::as_const(*list)) {
            if (g.status != Catalog::GenerationStatus::Complete)
                continue;
            infos << Policy::GenerationInfo { g.id, g.startMs, g.retentionDays, g.timing };
            snapshotOf.insert(g.id, g.snapshotId);
        }
        std::optional<Policy::Timing> timing;
        if (server.plan)
            timing = server.plan->timing;
        QList<qint64> expired;
        QStringList snapshots;
        for (const Policy::RetentionDecision &d : Policy::applyRetention(infos, timing, now))
            if (!d.keep) {
                expired << d.generationId;
                snapshots << snapshotOf.value(d.generationId);
            }
        if (expired.isEmpty())
            continue;
        KURA_TRY(m_remover.forgetSnapshots(tenantId, server.id, snapshots));
        for (qint64 id : std::as_const(expired))
            KURA_TRY(generations.remove(tenantId, id));
    }
    return {};
}

} // namespace Kura::Scheduler
