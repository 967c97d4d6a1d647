#include "usagestore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {

Status UsageStore::record(qint64 tenantId, const UsageSample &s)
{
    if (!s.day.isValid() || s.protectedBytes < 0)
        return fail(ErrorCode::InvalidArgument,
            u"usage sample of server %1 has an invalid day or negative size"_s.arg(s.serverId));
    auto owner = Sql::run(
        m_db, u"SELECT id FROM servers WHERE tenant_id = ? AND id = ?"_s, { tenantId, s.serverId });
    if (!owner)
        return fail(owner.error());
    if (!owner->next())
        return fail(ErrorCode::NotFound, u"server %1 not found"_s.arg(s.serverId));
    owner->finish();
    auto done = Sql::run(m_db,
        u"INSERT INTO usage_samples (tenant_id, server_id, server_name, day, protected_bytes,"
        " storage, timing, retention_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (tenant_id, server_id, day) DO UPDATE SET server_name = excluded.server_name,"
        " protected_bytes = excluded.protected_bytes, storage = excluded.storage,"
        " timing = excluded.timing, retention_days = excluded.retention_days"_s,
        { tenantId, s.serverId, s.serverName, s.day.toString(Qt::ISODate), s.protectedBytes,
            Policy::storageName(s.storage), Policy::timingName(s.timing), s.retentionDays });
    if (!done)
        return fail(done.error());
    return {};
}

Result<QList<UsageSample>> UsageStore::select(const QString &where, const QVariantList &values)
{
    auto query = Sql::run(m_db,
        u"SELECT server_id, server_name, day, protected_bytes, storage, timing, retention_days"
        " FROM usage_samples "_s
            + where + u" ORDER BY server_id, day"_s,
        values);
    if (!query)
        return fail(query.error());
    QList<UsageSample> out;
    while (query->next()) {
        const QDate day = QDate::fromString(query->value(2).toString(), Qt::ISODate);
        const auto storage = Policy::storageFromName(query->value(4).toString());
        const auto timing = Policy::timingFromName(query->value(5).toString());
        if (!day.isValid() || !storage || !timing)
            return fail(ErrorCode::Corrupt,
                u"usage sample of server %1 has a bad day or menu"_s.arg(
                    query->value(0).toLongLong()));
        out << UsageSample { query->value(0).toLongLong(), query->value(1).toString(), day,
            query->value(3).toLongLong(), *storage, *timing, query->value(6).toInt() };
    }
    return out;
}

Result<QList<UsageSample>> UsageStore::samples(qint64 tenantId, QDate first, QDate last)
{
    return select(u"WHERE tenant_id = ? AND day >= ? AND day <= ?"_s,
        { tenantId, first.toString(Qt::ISODate), last.toString(Qt::ISODate) });
}

Result<QList<UsageSample>> UsageStore::samplesForServer(
    qint64 tenantId, qint64 serverId, QDate first, QDate last)
{
    return select(u"WHERE tenant_id = ? AND server_id = ? AND day >= ? AND day <= ?"_s,
        { tenantId, serverId, first.toString(Qt::ISODate), last.toString(Qt::ISODate) });
}

Result<QStringList> UsageStore::months(qint64 tenantId)
{
    // Days are stored as "YYYY-MM-DD" text: the month is its first seven characters.
    auto query = Sql::run(m_db,
        u"SELECT DISTINCT SUBSTR(day, 1, 7) AS month FROM usage_samples WHERE tenant_id = ?"
        " ORDER BY month DESC"_s,
        { tenantId });
    if (!query)
        return fail(query.error());
    QStringList out;
    while (query->next())
        out << query->value(0).toString();
    return out;
}

} // namespace Kura::Catalog
