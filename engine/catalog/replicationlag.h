#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>
#include <QStringList>

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

// Replication into one region (SPEC §7, the console's Regions page): the tenant's complete
// generations taken under a `double` plan by servers in a region that pairs with `region`
// (its `remote_region`), which have no complete copy in `region` yet. A failed, pending or
// copying copy is still waiting.
struct RegionReplication {
    QString region; // where the copies go
    QStringList sourceRegions; // the regions whose double-storage copies go there, by name
    qint64 waitingGenerations = 0;
    std::optional<qint64> oldestWaitingEndMs; // end of the oldest waiting generation

    // How far the copies in `region` are behind at `nowMs`: the age of the oldest waiting
    // generation, 0 when nothing waits (and never negative).
    qint64 lagMs(qint64 nowMs) const;
};

// One entry for every region that receives double-storage copies (some region's pair), by
// name, also when nothing waits; regions that receive no copies are not listed.
Result<QList<RegionReplication>> regionReplication(Database &database, qint64 tenantId);

} // namespace Kura::Catalog
