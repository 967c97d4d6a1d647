#include "tenantstore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString Columns = u"SELECT id, name, created_ms FROM tenants "_s;

    TenantRecord readTenant(const QSqlQuery &q)
    {
        return { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong() };
    }

    Result<TenantRecord> single(Result<QSqlQuery> query, const QString &what)
    {
        if (!query)
            return fail(query.error());
        if (!query->next())
            return fail(ErrorCode::NotFound, u"tenant %1 not found"_s.arg(what));
        return readTenant(*query);
    }

} // namespace

Result<qint64> TenantStore::create(const QString &name, qint64 nowMs)
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, u"tenant name is empty"_s);
    return Sql::insert(m_db, u"INSERT INTO tenants (name, created_ms) VALUES (?, ?) RETURNING id"_s,
        { name, nowMs });
}

Result<TenantRecord> TenantStore::tenant(qint64 tenantId)
{
    return single(
        Sql::run(m_db, Columns + u"WHERE id = ?"_s, { tenantId }), QString::number(tenantId));
}

Result<TenantRecord> TenantStore::findByName(const QString &name)
{
    return single(Sql::run(m_db, Columns + u"WHERE name = ?"_s, { name }), u"\"%1\""_s.arg(name));
}

Result<QList<TenantRecord>> TenantStore::list()
{
    auto query = Sql::run(m_db, Columns + u"ORDER BY name"_s);
    if (!query)
        return fail(query.error());
    QList<TenantRecord> out;
    while (query->next())
        out << readTenant(*query);
    return out;
}

} // namespace Kura::Catalog
