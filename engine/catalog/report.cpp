#include "report.h"

#include "csv.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    constexpr qint64 DayMs = 24ll * 3600 * 1000;

    Result<ReportRow> readRow(const QSqlQuery &q)
    {
        ReportRow r;
        r.jobId = q.value(0).toLongLong();
        r.serverId = q.value(1).toLongLong();
        r.serverName = q.value(2).toString();
        const auto kind = Policy::jobKindFromName(q.value(3).toString());
        const auto trigger = Policy::jobTriggerFromName(q.value(5).toString());
        const auto state = Policy::jobStateFromName(q.value(12).toString());
        if (!kind || !trigger || !state)
            return fail(
                ErrorCode::Corrupt, u"job %1 has an unknown kind, trigger or state"_s.arg(r.jobId));
        r.kind = *kind;
        r.planSummary = q.value(4).toString();
        r.trigger = *trigger;
        r.queuedMs = q.value(6).toLongLong();
        r.startMs = Sql::optionalInt(q.value(7));
        r.endMs = Sql::optionalInt(q.value(8));
        if (r.startMs && r.endMs)
            r.durationMs = *r.endMs - *r.startMs;
        r.sourceBytes = q.value(9).toLongLong();
        r.transferredBytes = q.value(10).toLongLong();
        r.files = q.value(11).toLongLong();
        r.result = *state;
        r.reason = q.value(13).toString();
        return r;
    }

    QString optionalTime(const std::optional<qint64> &ms, const QTimeZone &zone)
    {
        return ms ? Csv::isoTime(*ms, zone) : QString();
    }

    QStringList csvFields(const ReportRow &r, const QTimeZone &zone)
    {
        return { r.serverName, Policy::jobKindName(r.kind), r.planSummary,
            Policy::jobTriggerName(r.trigger), optionalTime(r.startMs, zone),
            optionalTime(r.endMs, zone),
            r.durationMs ? QString::number(*r.durationMs / 1000) : QString(),
            QString::number(r.sourceBytes), QString::number(r.transferredBytes),
            QString::number(r.files), Policy::jobStateName(r.result), r.reason };
    }

} // namespace

Result<QList<ReportRow>> jobReport(Database &database, qint64 tenantId, qint64 nowMs, int maxRows)
{
    // The range on queued_ms plus ORDER BY queued_ms DESC walks the jobs_tenant_queued index
    // backwards and stops after maxRows (docs/catalog.md, "Benchmark").
    auto query = Sql::run(database,
        u"SELECT j.id, j.server_id, s.name, j.kind, j.plan_summary, j.trigger_kind, j.queued_ms,"
        " j.start_ms, j.end_ms, j.source_bytes, j.transferred_bytes, j.files, j.state, j.reason"
        " FROM jobs j JOIN servers s ON s.tenant_id = j.tenant_id AND s.id = j.server_id"
        " WHERE j.tenant_id = ? AND j.queued_ms > ? AND j.queued_ms <= ?"
        " ORDER BY j.queued_ms DESC, j.id DESC LIMIT ?"_s,
        { tenantId, nowMs - ReportDays * DayMs, nowMs, qBound(0, maxRows, ReportMaxRows) });
    if (!query)
        return fail(query.error());
    QList<ReportRow> rows;
    while (query->next()) {
        auto row = readRow(*query);
        if (!row)
            return fail(row.error());
        rows << *row;
    }
    return rows;
}

QStringList reportColumns()
{
    return { u"server"_s, u"kind"_s, u"plan"_s, u"trigger"_s, u"start"_s, u"end"_s,
        u"duration_seconds"_s, u"source_bytes"_s, u"transferred_bytes"_s, u"files"_s, u"result"_s,
        u"reason"_s };
}

QByteArray reportCsv(
    const QList<ReportRow> &rows, const QTimeZone &zone, const QStringList &headers)
{
    QList<QStringList> records;
    records.reserve(rows.size() + 1);
    records << (headers.size() == reportColumns().size() ? headers : reportColumns());
    for (const ReportRow &row : rows)
        records << csvFields(row, zone);
    return Csv::document(records);
}

} // namespace Kura::Catalog
