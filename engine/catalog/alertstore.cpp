#include "alertstore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString AlertSelect = u"SELECT id, tenant_id, server_id, kind, subject, state, "
                                u"opened_ms, acknowledged_by, acknowledged_ms,"
                                " resolved_ms, details FROM alerts "_s;

    std::optional<AlertState> stateFromName(const QString &name)
    {
        for (auto s : { AlertState::Open, AlertState::Acknowledged, AlertState::Resolved })
            if (alertStateName(s) == name)
                return s;
        return std::nullopt;
    }

    Result<AlertRecord> readAlert(const QSqlQuery &q)
    {
        AlertRecord a;
        a.id = q.value(0).toLongLong();
        a.tenantId = q.value(1).toLongLong();
        a.serverId = Sql::optionalInt(q.value(2));
        const auto kind = alertKindFromName(q.value(3).toString());
        const auto state = stateFromName(q.value(5).toString());
        if (!kind || !state)
            return fail(ErrorCode::Corrupt, u"alert %1 has an unknown kind or state"_s.arg(a.id));
        a.kind = *kind;
        a.subject = q.value(4).toString();
        a.state = *state;
        a.openedMs = q.value(6).toLongLong();
        a.acknowledgedBy = q.value(7).toString();
        a.acknowledgedMs = Sql::optionalInt(q.value(8));
        a.resolvedMs = Sql::optionalInt(q.value(9));
        a.details = q.value(10).toString();
        return a;
    }

} // namespace

QString alertKindName(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Overdue:
        return u"overdue"_s;
    case AlertKind::JobFailed:
        return u"job_failed"_s;
    case AlertKind::ScheduledRefused:
        return u"scheduled_refused"_s;
    case AlertKind::ReplicationLag:
        return u"replication_lag"_s;
    case AlertKind::RegionFailed:
        return u"region_failed"_s;
    }
    return {};
}

QString alertStateName(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return u"open"_s;
    case AlertState::Acknowledged:
        return u"acknowledged"_s;
    case AlertState::Resolved:
        return u"resolved"_s;
    }
    return {};
}

std::optional<AlertKind> alertKindFromName(const QString &name)
{
    for (auto k : { AlertKind::Overdue, AlertKind::JobFailed, AlertKind::ScheduledRefused,
             AlertKind::ReplicationLag, AlertKind::RegionFailed })
        if (alertKindName(k) == name)
            return k;
    return std::nullopt;
}

QString serverSubject(qint64 serverId)
{
    return u"server:%1"_s.arg(serverId);
}

QString regionSubject(const QString &region)
{
    return u"region:%1"_s.arg(region);
}

Result<std::optional<qint64>> AlertStore::activeId(
    qint64 tenantId, AlertKind kind, const QString &subject)
{
    auto query = Sql::run(m_db,
        u"SELECT id FROM alerts WHERE tenant_id = ? AND kind = ? AND subject = ?"
        " AND state <> 'resolved'"_s,
        { tenantId, alertKindName(kind), subject });
    if (!query)
        return fail(query.error());
    return query->next() ? std::optional<qint64>(query->value(0).toLongLong()) : std::nullopt;
}

Result<RaisedAlert> AlertStore::raise(qint64 tenantId, const NewAlert &a)
{
    if (a.subject.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            u"alert of kind %1 has no subject"_s.arg(alertKindName(a.kind)));
    // No transaction of its own, so that callers can raise inside theirs: the partial unique
    // index alerts_one_active turns a concurrent duplicate into a Conflict, and then the
    // other writer's alert is the one to return.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto existing = activeId(tenantId, a.kind, a.subject);
        if (!existing)
            return fail(existing.error());
        if (*existing)
            return RaisedAlert { **existing, false };
        auto id = Sql::insert(m_db,
            u"INSERT INTO alerts (tenant_id, server_id, kind, subject, state, opened_ms, details)"
            " VALUES (?, ?, ?, ?, 'open', ?, ?) RETURNING id"_s,
            { tenantId, Sql::nullable(a.serverId), alertKindName(a.kind), a.subject, a.nowMs,
                a.details });
        if (id)
            return RaisedAlert { *id, true };
        if (id.error().code() != ErrorCode::Conflict)
            return fail(id.error());
    }
    return fail(ErrorCode::Unavailable,
        u"alert %1 for %2 changed concurrently"_s.arg(alertKindName(a.kind), a.subject), true);
}

Status AlertStore::acknowledge(
    qint64 tenantId, qint64 alertId, const QString &userName, qint64 nowMs)
{
    if (userName.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"an alert is acknowledged by a named user"_s);
    auto done = Sql::updateOne(m_db,
        u"UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_ms = ?"
        " WHERE tenant_id = ? AND id = ? AND state = 'open'"_s,
        { userName, nowMs, tenantId, alertId }, u"alert %1"_s.arg(alertId));
    if (!done && done.error().code() == ErrorCode::NotFound) {
        auto current = alert(tenantId, alertId);
        if (current)
            return fail(ErrorCode::Conflict,
                u"alert %1 is %2, not open"_s.arg(alertId).arg(alertStateName(current->state)));
    }
    return done;
}

Status AlertStore::resolve(qint64 tenantId, qint64 alertId, qint64 nowMs)
{
    auto done = Sql::updateOne(m_db,
        u"UPDATE alerts SET state = 'resolved', resolved_ms = ?"
        " WHERE tenant_id = ? AND id = ? AND state <> 'resolved'"_s,
        { nowMs, tenantId, alertId }, u"alert %1"_s.arg(alertId));
    if (!done && done.error().code() == ErrorCode::NotFound && alert(tenantId, alertId))
        return fail(ErrorCode::Conflict, u"alert %1 is already resolved"_s.arg(alertId));
    return done;
}

Result<int> AlertStore::resolveActive(
    qint64 tenantId, AlertKind kind, const QString &subject, qint64 nowMs)
{
    auto done = Sql::run(m_db,
        u"UPDATE alerts SET state = 'resolved', resolved_ms = ?"
        " WHERE tenant_id = ? AND kind = ? AND subject = ? AND state <> 'resolved'"_s,
        { nowMs, tenantId, alertKindName(kind), subject });
    if (!done)
        return fail(done.error());
    return done->numRowsAffected();
}

Result<QList<AlertRecord>> AlertStore::select(const QString &where, const QVariantList &values)
{
    auto query = Sql::run(m_db, AlertSelect + where, values);
    if (!query)
        return fail(query.error());
    QList<AlertRecord> out;
    while (query->next()) {
        auto record = readAlert(*query);
        if (!record)
            return fail(record.error());
        out << *record;
    }
    return out;
}

Result<AlertRecord> AlertStore::alert(qint64 tenantId, qint64 alertId)
{
    auto rows = select(u"WHERE tenant_id = ? AND id = ?"_s, { tenantId, alertId });
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return fail(ErrorCode::NotFound, u"alert %1 not found"_s.arg(alertId));
    return rows->constFirst();
}

Result<QList<AlertRecord>> AlertStore::listActive(qint64 tenantId)
{
    return select(u"WHERE tenant_id = ? AND state <> 'resolved' ORDER BY opened_ms DESC, id DESC"_s,
        { tenantId });
}

Result<QList<AlertRecord>> AlertStore::listAll(qint64 tenantId, int limit)
{
    return select(u"WHERE tenant_id = ? ORDER BY opened_ms DESC, id DESC LIMIT ?"_s,
        { tenantId, qMax(0, limit) });
}

} // namespace Kura::Catalog
