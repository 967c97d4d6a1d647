#include "generationstore.h"

#include "plancodec.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString GenerationSelect
        = u"SELECT id, server_id, job_id, kind, plan_summary, storage, timing, retention_days, "
          u"start_ms, end_ms,"
          " source_bytes, files, new_bytes, status, snapshot_id FROM generations "_s;

    std::optional<GenerationStatus> statusFromName(const QString &name)
    {
        for (auto s :
            { GenerationStatus::Running, GenerationStatus::Complete, GenerationStatus::Failed })
            if (generationStatusName(s) == name)
                return s;
        return std::nullopt;
    }

    std::optional<CopyState> copyStateFromName(const QString &name)
    {
        for (auto s :
            { CopyState::Pending, CopyState::Copying, CopyState::Complete, CopyState::Failed })
            if (copyStateName(s) == name)
                return s;
        return std::nullopt;
    }

    Result<GenerationRecord> readGeneration(const QSqlQuery &q)
    {
        GenerationRecord g;
        g.id = q.value(0).toLongLong();
        g.serverId = q.value(1).toLongLong();
        g.jobId = Sql::optionalInt(q.value(2));
        const auto kind = Policy::jobKindFromName(q.value(3).toString());
        const auto storage = Policy::storageFromName(q.value(5).toString());
        const auto timing = Policy::timingFromName(q.value(6).toString());
        const auto status = statusFromName(q.value(13).toString());
        if (!kind || !storage || !timing || !status)
            return fail(ErrorCode::Corrupt,
                u"generation %1 has an unknown kind, storage, timing or status"_s.arg(g.id));
        g.kind = *kind;
        g.planSummary = q.value(4).toString();
        g.storage = *storage;
        g.timing = *timing;
        g.retentionDays = q.value(7).toInt();
        g.startMs = q.value(8).toLongLong();
        g.endMs = Sql::optionalInt(q.value(9));
        g.sourceBytes = q.value(10).toLongLong();
        g.files = q.value(11).toLongLong();
        g.newBytes = q.value(12).toLongLong();
        g.status = *status;
        g.snapshotId = q.value(14).toString();
        return g;
    }

    Status mapMissingParent(Status status, const QString &what)
    {
        if (!status && status.error().code() == ErrorCode::Conflict)
            return fail(ErrorCode::NotFound, u"%1 not found"_s.arg(what));
        return status;
    }

} // namespace

QString generationStatusName(GenerationStatus status)
{
    switch (status) {
    case GenerationStatus::Running:
        return u"running"_s;
    case GenerationStatus::Complete:
        return u"complete"_s;
    case GenerationStatus::Failed:
        return u"failed"_s;
    }
    return {};
}

QString copyStateName(CopyState state)
{
    switch (state) {
    case CopyState::Pending:
        return u"pending"_s;
    case CopyState::Copying:
        return u"copying"_s;
    case CopyState::Complete:
        return u"complete"_s;
    case CopyState::Failed:
        return u"failed"_s;
    }
    return {};
}

Result<qint64> GenerationStore::create(qint64 tenantId, const NewGeneration &g)
{
    if (g.kind != Policy::JobKind::FileBackup && g.kind != Policy::JobKind::SystemBackup)
        return fail(ErrorCode::InvalidArgument,
            u"a generation is made by a backup, not a %1"_s.arg(Policy::jobKindName(g.kind)));
    auto id = Sql::insert(m_db,
        u"INSERT INTO generations (tenant_id, server_id, job_id, kind, plan_summary, storage,"
        " timing, retention_days, start_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')"
        " RETURNING id"_s,
        { tenantId, g.serverId, Sql::nullable(g.jobId), Policy::jobKindName(g.kind),
            planSummary(g.plan), Policy::storageName(g.plan.storage),
            Policy::timingName(g.plan.timing), g.plan.retentionDays, g.startMs });
    if (!id && id.error().code() == ErrorCode::Conflict)
        return fail(ErrorCode::NotFound, u"server %1 not found"_s.arg(g.serverId));
    return id;
}

Status GenerationStore::complete(qint64 tenantId, qint64 generationId, const GenerationStats &s)
{
    auto status = Sql::updateOne(m_db,
        u"UPDATE generations SET status = 'complete', end_ms = ?, source_bytes = ?,"
        " files = ?, new_bytes = ?, snapshot_id = ?"
        " WHERE tenant_id = ? AND id = ? AND status = 'running'"_s,
        { s.endMs, s.sourceBytes, s.files, s.newBytes, s.snapshotId, tenantId, generationId },
        u"running generation %1"_s.arg(generationId));
    if (!status && status.error().code() == ErrorCode::NotFound
        && generation(tenantId, generationId))
        return fail(ErrorCode::Conflict, u"generation %1 is not running"_s.arg(generationId));
    return status;
}

Status GenerationStore::markFailed(qint64 tenantId, qint64 generationId, qint64 endMs)
{
    return Sql::updateOne(m_db,
        u"UPDATE generations SET status = 'failed', end_ms = ?"
        " WHERE tenant_id = ? AND id = ? AND status = 'running'"_s,
        { endMs, tenantId, generationId }, u"running generation %1"_s.arg(generationId));
}

Result<GenerationRecord> GenerationStore::generation(qint64 tenantId, qint64 generationId)
{
    auto query = Sql::run(
        m_db, GenerationSelect + u"WHERE tenant_id = ? AND id = ?"_s, { tenantId, generationId });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, u"generation %1 not found"_s.arg(generationId));
    return readGeneration(*query);
}

Result<QList<GenerationRecord>> GenerationStore::listForServer(qint64 tenantId, qint64 serverId)
{
    auto query = Sql::run(m_db,
        GenerationSelect
            + u"WHERE tenant_id = ? AND server_id = ? ORDER BY start_ms DESC, id DESC"_s,
        { tenantId, serverId });
    if (!query)
        return fail(query.error());
    QList<GenerationRecord> out;
    while (query->next()) {
        auto record = readGeneration(*query);
        if (!record)
            return fail(record.error());
        out << *record;
    }
    return out;
}

Status GenerationStore::remove(qint64 tenantId, qint64 generationId)
{
    return Sql::updateOne(m_db, u"DELETE FROM generations WHERE tenant_id = ? AND id = ?"_s,
        { tenantId, generationId }, u"generation %1"_s.arg(generationId));
}

Result<int> GenerationStore::removeForServer(qint64 tenantId, qint64 serverId)
{
    auto query = Sql::run(m_db, u"DELETE FROM generations WHERE tenant_id = ? AND server_id = ?"_s,
        { tenantId, serverId });
    if (!query)
        return fail(query.error());
    return query->numRowsAffected();
}

Status GenerationStore::setCopy(qint64 tenantId, qint64 generationId, const GenerationCopy &copy)
{
    if (copy.region.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"generation copy needs a region"_s);
    auto done = Sql::run(m_db,
        u"INSERT INTO generation_copies (tenant_id, generation_id, region, state, replicated_ms)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (generation_id, region) DO UPDATE"
        " SET state = excluded.state, replicated_ms = excluded.replicated_ms"
        " WHERE generation_copies.tenant_id = excluded.tenant_id"_s,
        { tenantId, generationId, copy.region, copyStateName(copy.state),
            Sql::nullable(copy.replicatedMs) });
    if (!done)
        return mapMissingParent(fail(done.error()), u"generation %1"_s.arg(generationId));
    if (done->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, u"generation %1 not found"_s.arg(generationId));
    return {};
}

Result<QList<GenerationCopy>> GenerationStore::copies(qint64 tenantId, qint64 generationId)
{
    auto query = Sql::run(m_db,
        u"SELECT region, state, replicated_ms FROM generation_copies"
        " WHERE tenant_id = ? AND generation_id = ? ORDER BY region"_s,
        { tenantId, generationId });
    if (!query)
        return fail(query.error());
    QList<GenerationCopy> out;
    while (query->next()) {
        const auto state = copyStateFromName(query->value(1).toString());
        if (!state)
            return fail(ErrorCode::Corrupt,
                u"copy of generation %1 has an unknown state"_s.arg(generationId));
        out << GenerationCopy { query->value(0).toString(), *state,
            Sql::optionalInt(query->value(2)) };
    }
    return out;
}

} // namespace Kura::Catalog
