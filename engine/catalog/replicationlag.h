#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

// SPEC §7: replication to the remote region targets 24 hours.
constexpr qint64 DefaultReplicationTargetMs = 24ll * 3600 * 1000;

struct LaggingServer {
    qint64 serverId = 0;
    QString name;
    qint64 oldestUnreplicatedEndMs
        = 0; // end of the oldest complete generation without a remote copy
};

// Finds the tenant's servers with a complete generation taken under a `double` plan that
// ended more than `targetMs` before `nowMs` and still has no complete copy in a region other
// than the server's own. Raises a `replication_lag` alert for each (idempotent) and resolves
// the active replication_lag alerts of servers that caught up. Returns the lagging servers
// ordered by name.
Result<QList<LaggingServer>> checkReplicationLag(Database &database, qint64 tenantId, qint64 nowMs,
    qint64 targetMs = DefaultReplicationTargetMs);

} // namespace Kura::Catalog
