#include "auditlog.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {

Result<qint64> AuditLog::append(qint64 tenantId, const AuditEntry &e)
{
    if (e.userName.isEmpty() || e.action.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"audit entry needs a user name and an action"_s);
    return Sql::insert(m_db,
        u"INSERT INTO audit_log (tenant_id, user_name, action, target, time_ms, details)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, e.userName, e.action, e.target, e.timeMs, e.details });
}

Result<QList<AuditEntry>> AuditLog::list(qint64 tenantId, qint64 sinceMs, int limit)
{
    auto query = Sql::run(m_db,
        u"SELECT id, user_name, action, target, time_ms, details FROM audit_log"
        " WHERE tenant_id = ? AND time_ms >= ? ORDER BY time_ms DESC, id DESC LIMIT ?"_s,
        { tenantId, sinceMs, qMax(0, limit) });
    if (!query)
        return fail(query.error());
    QList<AuditEntry> out;
    while (query->next())
        out << AuditEntry { query->value(0).toLongLong(), query->value(1).toString(),
            query->value(2).toString(), query->value(3).toString(), query->value(4).toLongLong(),
            query->value(5).toString() };
    return out;
}

} // namespace Kura::Catalog
