#include "overdue.h"

#include "alertstore.h"
#include "private/sql.h"

#include <QDateTime>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    constexpr qint64 DayMs = 24ll * 3600 * 1000;

    QString utc(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    }

    QString describe(const OverdueServer &s)
    {
        return s.lastSuccessMs ? u"no successful backup since %1 (due by %2)"_s.arg(
                   utc(*s.lastSuccessMs), utc(s.deadlineMs))
                               : u"no successful backup yet (due by %1)"_s.arg(utc(s.deadlineMs));
    }

    Result<QList<OverdueServer>> findOverdue(
        Database &database, qint64 tenantId, qint64 nowMs, qint64 graceMs)
    {
        auto query = Sql::run(database,
            u"SELECT s.id, s.name, p.timing, p.updated_ms, s.protected_since_ms, s.last_backup_ms"
            " FROM servers s JOIN plans p ON p.tenant_id = s.tenant_id AND p.server_id = s.id"
            " WHERE s.tenant_id = ? AND s.protected = 1 AND p.timing IN ('daily', 'weekly')"
            " ORDER BY s.name"_s,
            { tenantId });
        if (!query)
            return fail(query.error());
        QList<OverdueServer> out;
        while (query->next()) {
            const auto timing = Policy::timingFromName(query->value(2).toString());
            const qint64 since = qMax(query->value(3).toLongLong(), query->value(4).toLongLong());
            const auto last = Sql::optionalInt(query->value(5));
            const auto deadline
                = timing ? overdueDeadlineMs(*timing, last, since, graceMs) : std::nullopt;
            if (deadline && nowMs > *deadline)
                out << OverdueServer { query->value(0).toLongLong(), query->value(1).toString(),
                    last, *deadline };
        }
        return out;
    }

} // namespace

std::optional<qint64> expectedIntervalMs(Policy::Timing timing)
{
    switch (timing) {
    case Policy::Timing::Immediate:
        return std::nullopt;
    case Policy::Timing::Daily:
        return DayMs;
    case Policy::Timing::Weekly:
        return 7 * DayMs;
    }
    return std::nullopt;
}

std::optional<qint64> overdueDeadlineMs(
    Policy::Timing timing, std::optional<qint64> lastSuccessMs, qint64 planSinceMs, qint64 graceMs)
{
    const auto interval = expectedIntervalMs(timing);
    if (!interval)
        return std::nullopt;
    const qint64 reference = lastSuccessMs ? qMax(*lastSuccessMs, planSinceMs) : planSinceMs;
    return reference + *interval + graceMs;
}

Result<QList<OverdueServer>> checkOverdue(
    Database &database, qint64 tenantId, qint64 nowMs, qint64 graceMs)
{
    auto overdue = findOverdue(database, tenantId, nowMs, graceMs);
    if (!overdue)
        return fail(overdue.error());
    AlertStore alerts(database);
    QSet<QString> overdueSubjects;
    for (const OverdueServer &s : *overdue) {
        overdueSubjects.insert(serverSubject(s.serverId));
        KURA_TRY(alerts.raise(tenantId,
            { AlertKind::Overdue, s.serverId, serverSubject(s.serverId), describe(s), nowMs }));
    }
    auto active = alerts.listActive(tenantId);
    if (!active)
        return fail(active.error());
    for (const AlertRecord &a : *active) {
        if (a.kind == AlertKind::Overdue && !overdueSubjects.contains(a.subject))
            KURA_TRY(alerts.resolve(tenantId, a.id, nowMs));
    }
    return overdue;
}

} // namespace Kura::Catalog
