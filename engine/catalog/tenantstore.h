#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

namespace Kura::Catalog {

struct TenantRecord {
    qint64 id = 0;
    QString name;
    qint64 createdMs = 0;
};

// The list of tenants. This is installation-wide administration (used when setting up an
// installation and at login to resolve a tenant's name); it holds no tenant's data.
class TenantStore {
public:
    explicit TenantStore(Database &database)
        : m_db(database)
    {
    }

    // Creates a tenant. Conflict if the name is taken, InvalidArgument if it is empty.
    Result<qint64> create(const QString &name, qint64 nowMs);
    Result<TenantRecord> tenant(qint64 tenantId);
    Result<TenantRecord> findByName(const QString &name);
    Result<QList<TenantRecord>> list();

private:
    Database &m_db;
};

} // namespace Kura::Catalog
