#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

namespace Kura::Catalog {

struct AuditEntry {
    qint64 id = 0; // set by the log
    QString userName; // who acted ("system" for the scheduler)
    QString action; // stable verb, e.g. "server.protect", "job.stop", "alert.acknowledge"
    QString target; // what it acted on, e.g. "server:12"
    qint64 timeMs = 0;
    QString details; // free text or JSON

    bool operator==(const AuditEntry &) const = default;
};

// The append-only audit log of one tenant. Every function takes the tenant id.
class AuditLog {
public:
    explicit AuditLog(Database &database)
        : m_db(database)
    {
    }

    // Appends an entry and returns its id. InvalidArgument if user name or action is empty.
    Result<qint64> append(qint64 tenantId, const AuditEntry &entry);
    // Entries at or after `sinceMs`, newest first, at most `limit`.
    Result<QList<AuditEntry>> list(qint64 tenantId, qint64 sinceMs, int limit);

private:
    Database &m_db;
};

} // namespace Kura::Catalog
