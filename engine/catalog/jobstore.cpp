#include "jobstore.h"

#include "alertstore.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;
using Kura::Policy::JobState;

namespace Kura::Catalog {
namespace {

    const QString JobSelect = u"SELECT id, tenant_id, server_id, kind, trigger_kind, state, "
                              u"reason, plan_summary, queued_ms, start_ms,"
                              " end_ms, source_bytes, files, bytes_done, files_done, "
                              "transferred_bytes, target_server_id, target_path,"
                              " generation_id FROM jobs "_s;
    const QString Unfinished = u" state IN ('queued', 'running')"_s;

    Result<JobRecord> readJob(const QSqlQuery &q)
    {
        JobRecord j;
        j.id = q.value(0).toLongLong();
        j.tenantId = q.value(1).toLongLong();
        j.serverId = q.value(2).toLongLong();
        const auto kind = Policy::jobKindFromName(q.value(3).toString());
        const auto trigger = Policy::jobTriggerFromName(q.value(4).toString());
        const auto state = Policy::jobStateFromName(q.value(5).toString());
        if (!kind || !trigger || !state)
            return fail(
                ErrorCode::Corrupt, u"job %1 has an unknown kind, trigger or state"_s.arg(j.id));
        j.kind = *kind;
        j.trigger = *trigger;
        j.state = *state;
        j.reason = q.value(6).toString();
        j.planSummary = q.value(7).toString();
        j.queuedMs = q.value(8).toLongLong();
        j.startMs = Sql::optionalInt(q.value(9));
        j.endMs = Sql::optionalInt(q.value(10));
        j.figures = { q.value(11).toLongLong(), q.value(12).toLongLong(), q.value(13).toLongLong(),
            q.value(14).toLongLong(), q.value(15).toLongLong() };
        j.targetServerId = Sql::optionalInt(q.value(16));
        j.targetPath = q.value(17).toString();
        j.generationId = Sql::optionalInt(q.value(18));
        return j;
    }

    bool isFinal(JobState state)
    {
        return state != JobState::Queued && state != JobState::Running;
    }

} // namespace

QString eventLevelName(EventLevel level)
{
    switch (level) {
    case EventLevel::Info:
        return u"info"_s;
    case EventLevel::Warning:
        return u"warning"_s;
    case EventLevel::Error:
        return u"error"_s;
    }
    return {};
}

Result<qint64> JobStore::create(qint64 tenantId, const NewJob &job)
{
    if (job.state != JobState::Queued && job.state != JobState::Cancelled
        && job.state != JobState::Failed)
        return fail(ErrorCode::InvalidArgument,
            u"a job starts queued, cancelled or failed, not %1"_s.arg(
                Policy::jobStateName(job.state)));
    if (job.targetServerId) {
        auto target = Sql::run(m_db, u"SELECT id FROM servers WHERE tenant_id = ? AND id = ?"_s,
            { tenantId, *job.targetServerId });
        if (!target)
            return fail(target.error());
        if (!target->next())
            return fail(ErrorCode::NotFound,
                u"restore target server %1 not found"_s.arg(*job.targetServerId));
    }
    if (job.state == JobState::Failed) {
        // A job that fails at once (the agent is offline) raises its alert like any failure.
        auto transaction = Sql::Transaction::begin(m_db);
        if (!transaction)
            return fail(transaction.error());
        auto id = insertJob(tenantId, job);
        if (!id)
            return id;
        KURA_TRY(raiseFailure(tenantId, *id, job.reason, job.queuedMs));
        KURA_TRY(transaction->commit());
        return id;
    }
    return insertJob(tenantId, job);
}

Result<qint64> JobStore::insertJob(qint64 tenantId, const NewJob &job)
{
    auto id = Sql::insert(m_db,
        u"INSERT INTO jobs (tenant_id, server_id, kind, trigger_kind, state, reason,"
        " plan_summary, queued_ms, end_ms, target_server_id, target_path)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, job.serverId, Policy::jobKindName(job.kind),
            Policy::jobTriggerName(job.trigger), Policy::jobStateName(job.state), job.reason,
            job.planSummary, job.queuedMs,
            isFinal(job.state) ? QVariant(job.queuedMs) : Sql::nullable(std::nullopt),
            Sql::nullable(job.targetServerId), job.targetPath });
    if (!id && id.error().code() == ErrorCode::Conflict)
        return fail(ErrorCode::NotFound, u"server %1 not found"_s.arg(job.serverId));
    return id;
}

Result<QList<JobRecord>> JobStore::select(const QString &where, const QVariantList &values)
{
    auto query = Sql::run(m_db, JobSelect + where, values);
    if (!query)
        return fail(query.error());
    QList<JobRecord> out;
    while (query->next()) {
        auto record = readJob(*query);
        if (!record)
            return fail(record.error());
        out << *record;
    }
    return out;
}

Result<JobRecord> JobStore::job(qint64 tenantId, qint64 jobId)
{
    auto rows = select(u"WHERE tenant_id = ? AND id = ?"_s, { tenantId, jobId });
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return fail(ErrorCode::NotFound, u"job %1 not found"_s.arg(jobId));
    return rows->constFirst();
}

Result<QList<JobRecord>> JobStore::listForServer(qint64 tenantId, qint64 serverId, int limit)
{
    return select(
        u"WHERE tenant_id = ? AND server_id = ? ORDER BY queued_ms DESC, id DESC LIMIT ?"_s,
        { tenantId, serverId, qMax(0, limit) });
}

Result<QList<JobRecord>> JobStore::activeJobs(qint64 tenantId)
{
    return select(
        u"WHERE tenant_id = ? AND"_s + Unfinished + u" ORDER BY queued_ms, id"_s, { tenantId });
}

Result<QList<JobRecord>> JobStore::jobsSince(qint64 tenantId, qint64 serverId, qint64 sinceMs)
{
    return select(
        u"WHERE tenant_id = ? AND server_id = ? AND queued_ms >= ? ORDER BY queued_ms, id"_s,
        { tenantId, serverId, sinceMs });
}

Result<std::optional<qint64>> JobStore::lastSuccessfulBackupMs(qint64 tenantId, qint64 serverId)
{
    auto query = Sql::run(m_db,
        u"SELECT MAX(end_ms) FROM jobs WHERE tenant_id = ? AND server_id = ?"
        " AND state = 'succeeded' AND kind IN ('file_backup', 'system_backup')"_s,
        { tenantId, serverId });
    if (!query)
        return fail(query.error());
    return query->next() ? Sql::optionalInt(query->value(0)) : std::nullopt;
}

Status JobStore::markRunning(qint64 tenantId, qint64 jobId, qint64 startMs)
{
    auto changed = Sql::run(m_db,
        u"UPDATE jobs SET state = 'running', start_ms = ?"
        " WHERE tenant_id = ? AND id = ? AND state = 'queued'"_s,
        { startMs, tenantId, jobId });
    if (!changed)
        return fail(changed.error());
    if (changed->numRowsAffected() == 1)
        return {};
    auto current = job(tenantId, jobId);
    if (!current)
        return fail(current.error());
    return fail(ErrorCode::Conflict,
        u"job %1 is %2, not queued"_s.arg(jobId).arg(Policy::jobStateName(current->state)));
}

Status JobStore::updateProgress(qint64 tenantId, qint64 jobId, const JobProgressFigures &f)
{
    return Sql::updateOne(m_db,
        u"UPDATE jobs SET source_bytes = ?, files = ?, bytes_done = ?, files_done = ?,"
        " transferred_bytes = ? WHERE tenant_id = ? AND id = ?"_s,
        { f.sourceBytes, f.files, f.bytesDone, f.filesDone, f.transferredBytes, tenantId, jobId },
        u"job %1"_s.arg(jobId));
}

Status JobStore::setQueuedReason(qint64 tenantId, qint64 jobId, const QString &reason)
{
    auto changed = Sql::run(m_db, u"UPDATE jobs SET reason = ? WHERE tenant_id = ? AND id = ? AND state = 'queued'"_s,
        { reason, tenantId, jobId });
    if (!changed)
        return fail(changed.error());
    if (changed->numRowsAffected() == 1)
        return {};
    return fail(ErrorCode::Conflict, u"job %1 is not queued"_s.arg(jobId));
}

Status JobStore::recordBackupSuccess(qint64 tenantId, qint64 jobId, qint64 endMs)
{
    auto done = Sql::run(m_db,
        u"UPDATE servers SET last_backup_ms = CASE WHEN last_backup_ms IS NULL"
        " OR last_backup_ms < ? THEN ? ELSE last_backup_ms END"
        " WHERE tenant_id = ? AND id = (SELECT server_id FROM jobs WHERE tenant_id = ? AND id = ?"
        " AND kind IN ('file_backup', 'system_backup'))"_s,
        { endMs, endMs, tenantId, tenantId, jobId });
    if (!done)
        return fail(done.error());
    return {};
}

Status JobStore::raiseFailure(qint64 tenantId, qint64 jobId, const QString &reason, qint64 nowMs)
{
    auto failed = job(tenantId, jobId);
    if (!failed)
        return fail(failed.error());
    const QString details
        = u"job %1 (%2) failed: %3"_s.arg(jobId).arg(Policy::jobKindName(failed->kind), reason);
    auto raised = AlertStore(m_db).raise(tenantId,
        { AlertKind::JobFailed, failed->serverId, serverSubject(failed->serverId), details,
            nowMs });
    if (!raised)
        return fail(raised.error());
    return {};
}

Status JobStore::finish(qint64 tenantId, qint64 jobId, JobState state, const QString &reason,
    qint64 endMs, std::optional<qint64> generationId)
{
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    KURA_TRY(finishUnlocked(tenantId, jobId, state, reason, endMs, generationId));
    if (state == JobState::Succeeded)
        KURA_TRY(recordBackupSuccess(tenantId, jobId, endMs));
    if (state == JobState::Failed)
        KURA_TRY(raiseFailure(tenantId, jobId, reason, endMs));
    return transaction->commit();
}

Status JobStore::finishUnlocked(qint64 tenantId, qint64 jobId, JobState state,
    const QString &reason, qint64 endMs, std::optional<qint64> generationId)
{
    if (!isFinal(state))
        return fail(ErrorCode::InvalidArgument,
            u"job state %1 is not a final state"_s.arg(Policy::jobStateName(state)));
    const bool needsRunning
        = state == JobState::Succeeded || state == JobState::Failed || state == JobState::Stopped;
    auto changed = Sql::run(m_db,
        u"UPDATE jobs SET state = ?, reason = ?, end_ms = ?, generation_id = ?"
        " WHERE tenant_id = ? AND id = ? AND "_s
            + (needsRunning ? u"state = 'running'"_s : Unfinished),
        { Policy::jobStateName(state), reason, endMs, Sql::nullable(generationId), tenantId,
            jobId });
    if (!changed)
        return fail(changed.error());
    if (changed->numRowsAffected() == 1)
        return {};
    auto current = job(tenantId, jobId);
    if (!current)
        return fail(current.error());
    return fail(ErrorCode::Conflict,
        u"job %1 is %2 and cannot become %3"_s.arg(jobId).arg(
            Policy::jobStateName(current->state), Policy::jobStateName(state)));
}

Result<int> JobStore::interruptRunning(qint64 tenantId, const QString &reason, qint64 nowMs)
{
    auto changed = Sql::run(m_db,
        u"UPDATE jobs SET state = 'interrupted', reason = ?, end_ms = ?"
        " WHERE tenant_id = ? AND state = 'running'"_s,
        { reason, nowMs, tenantId });
    if (!changed)
        return fail(changed.error());
    return changed->numRowsAffected();
}

Status JobStore::addEvent(qint64 tenantId, qint64 jobId, const JobEvent &event)
{
    auto done = Sql::run(m_db,
        u"INSERT INTO job_events (tenant_id, job_id, time_ms, level, text) VALUES (?, ?, ?, ?, ?)"_s,
        { tenantId, jobId, event.timeMs, eventLevelName(event.level), event.text });
    if (!done && done.error().code() == ErrorCode::Conflict)
        return fail(ErrorCode::NotFound, u"job %1 not found"_s.arg(jobId));
    if (!done)
        return fail(done.error());
    return {};
}

Result<QList<JobEvent>> JobStore::events(qint64 tenantId, qint64 jobId)
{
    auto query = Sql::run(m_db,
        u"SELECT time_ms, level, text FROM job_events WHERE tenant_id = ? AND job_id = ?"
        " ORDER BY time_ms, id"_s,
        { tenantId, jobId });
    if (!query)
        return fail(query.error());
    QList<JobEvent> out;
    while (query->next()) {
        const QString level = query->value(1).toString();
        const EventLevel parsed = level == "error"_L1 ? EventLevel::Error
            : level == "warning"_L1                   ? EventLevel::Warning
                                                      : EventLevel::Info;
        out << JobEvent { query->value(0).toLongLong(), parsed, query->value(2).toString() };
    }
    return out;
}

} // namespace Kura::Catalog
