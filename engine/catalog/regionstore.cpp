#include "regionstore.h"

#include "alertstore.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString RegionSelect
        = u"SELECT name, remote_region, backup_allowed, state, state_changed_by, state_changed_ms FROM regions "_s;

    RegionState stateFromName(const QString &name)
    {
        return name == "failed"_L1 ? RegionState::Failed : RegionState::Ok;
    }

    RegionRecord readRegion(const QSqlQuery &q)
    {
        return { q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0,
            stateFromName(q.value(3).toString()), q.value(4).toString(),
            Sql::optionalInt(q.value(5)) };
    }

} // namespace

QString regionStateName(RegionState state)
{
    return state == RegionState::Failed ? u"failed"_s : u"ok"_s;
}

Status RegionStore::upsert(const QString &name, const QString &remoteRegion, bool backupAllowed)
{
    if (name.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"region name is empty"_s);
    auto done = Sql::run(m_db,
        u"INSERT INTO regions (name, remote_region, backup_allowed) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET remote_region = excluded.remote_region,"
        " backup_allowed = excluded.backup_allowed"_s,
        { name, remoteRegion, backupAllowed ? 1 : 0 });
    if (!done)
        return fail(done.error());
    return {};
}

Result<RegionRecord> RegionStore::region(const QString &name)
{
    auto query = Sql::run(m_db, RegionSelect + u"WHERE name = ?"_s, { name });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, u"region \"%1\" not found"_s.arg(name));
    return readRegion(*query);
}

Result<QList<RegionRecord>> RegionStore::list()
{
    auto query = Sql::run(m_db, RegionSelect + u"ORDER BY name"_s);
    if (!query)
        return fail(query.error());
    QList<RegionRecord> out;
    while (query->next())
        out << readRegion(*query);
    return out;
}

Status RegionStore::setState(const QString &name, const RegionHealthChange &change)
{
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    const QString state = regionStateName(change.state);
    KURA_TRY(Sql::updateOne(m_db,
        u"UPDATE regions SET state = ?, state_changed_by = ?, state_changed_ms = ? WHERE name = ?"_s,
        { state, change.changedBy, change.changedMs, name }, u"region \"%1\""_s.arg(name)));
    KURA_TRY(Sql::run(m_db,
        u"INSERT INTO region_health_log (region, state, changed_by, changed_ms, reason)"
        " VALUES (?, ?, ?, ?, ?)"_s,
        { name, state, change.changedBy, change.changedMs, change.reason }));
    KURA_TRY(updateTenantAlerts(name, change));
    return transaction->commit();
}

Status RegionStore::updateTenantAlerts(const QString &name, const RegionHealthChange &change)
{
    // The one installation-wide read of tenant rows: which tenants have servers in the region.
    auto tenants = Sql::run(m_db,
        u"SELECT DISTINCT tenant_id FROM servers WHERE region = ? ORDER BY tenant_id"_s, { name });
    if (!tenants)
        return fail(tenants.error());
    QList<qint64> ids;
    while (tenants->next())
        ids << tenants->value(0).toLongLong();
    tenants->finish();
    AlertStore alerts(m_db);
    const QString details
        = u"region %1 marked failed by %2: %3"_s.arg(name, change.changedBy, change.reason);
    for (qint64 tenantId : std::as_const(ids)) {
        if (change.state == RegionState::Failed)
            KURA_TRY(alerts.raise(tenantId,
                { AlertKind::RegionFailed, std::nullopt, regionSubject(name), details,
                    change.changedMs }));
        else
            KURA_TRY(alerts.resolveActive(
                tenantId, AlertKind::RegionFailed, regionSubject(name), change.changedMs));
    }
    return {};
}

Result<QList<RegionHealthChange>> RegionStore::history(const QString &name)
{
    auto query = Sql::run(m_db,
        u"SELECT state, changed_by, changed_ms, reason FROM region_health_log"
        " WHERE region = ? ORDER BY changed_ms, id"_s,
        { name });
    if (!query)
        return fail(query.error());
    QList<RegionHealthChange> out;
    while (query->next())
        out << RegionHealthChange { stateFromName(query->value(0).toString()),
            query->value(1).toString(), query->value(2).toLongLong(), query->value(3).toString() };
    return out;
}

} // namespace Kura::Catalog
