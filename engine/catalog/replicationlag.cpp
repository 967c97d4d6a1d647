#include "replicationlag.h"

#include "alertstore.h"
#include "private/sql.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    Result<QList<LaggingServer>> findLagging(Database &database, qint64 tenantId, qint64 cutoffMs)
    {
        auto query = Sql::run(database,
            u"SELECT s.id, s.name, MIN(g.end_ms) FROM generations g"
            " JOIN servers s ON s.tenant_id = g.tenant_id AND s.id = g.server_id"
            " WHERE g.tenant_id = ? AND g.status = 'complete' AND g.storage = 'double' AND "
            "g.end_ms < ?"
            " AND NOT EXISTS (SELECT 1 FROM generation_copies c WHERE c.tenant_id = g.tenant_id"
            "  AND c.generation_id = g.id AND c.region <> s.region AND c.state = 'complete')"
            " GROUP BY s.id, s.name ORDER BY s.name"_s,
            { tenantId, cutoffMs });
        if (!query)
            return fail(query.error());
        QList<LaggingServer> out;
        while (query->next())
            out << LaggingServer { query->value(0).toLongLong(), query->value(1).toString(),
                query->value(2).toLongLong() };
        return out;
    }

    // The regions that receive copies, each with the regions that send them.
    Result<QMap<QString, QStringList>> pairedRegions(Database &database)
    {
        auto query = Sql::run(database,
            u"SELECT remote_region, name FROM regions WHERE remote_region IS NOT NULL"
            " AND remote_region <> '' ORDER BY remote_region, name"_s);
        if (!query)
            return fail(query.error());
        QMap<QString, QStringList> out;
        while (query->next())
            out[query->value(0).toString()] << query->value(1).toString();
        return out;
    }

    QString describe(const LaggingServer &s)
    {
        return u"generation finished at %1 has no remote copy yet"_s.arg(
            QDateTime::fromMSecsSinceEpoch(s.oldestUnreplicatedEndMs, Qt::UTC)
                .toString(Qt::ISODate));
    }

} // namespace

qint64 RegionReplication::lagMs(qint64 nowMs) const
{
    if (waitingGenerations == 0 || !oldestWaitingEndMs)
        return 0;
    return qMax<qint64>(0, nowMs - *oldestWaitingEndMs);
}

Result<QList<RegionReplication>> regionReplication(Database &database, qint64 tenantId)
{
    auto paired = pairedRegions(database);
    if (!paired)
        return fail(paired.error());
    // Generations of a server whose region pairs with r.remote_region and that have no
    // complete copy there yet.
    auto query = Sql::run(database,
        u"SELECT r.remote_region, COUNT(*), MIN(g.end_ms) FROM generations g"
        " JOIN servers s ON s.tenant_id = g.tenant_id AND s.id = g.server_id"
        " JOIN regions r ON r.name = s.region"
        " WHERE g.tenant_id = ? AND g.status = 'complete' AND g.storage = 'double'"
        " AND r.remote_region IS NOT NULL AND r.remote_region <> ''"
        " AND NOT EXISTS (SELECT 1 FROM generation_copies c WHERE c.tenant_id = g.tenant_id"
        "  AND c.generation_id = g.id AND c.region = r.remote_region AND c.state = 'complete')"
        " GROUP BY r.remote_region"_s,
        { tenantId });
    if (!query)
        return fail(query.error());
    QHash<QString, QPair<qint64, std::optional<qint64>>> waiting;
    while (query->next())
        waiting.insert(query->value(0).toString(),
            { query->value(1).toLongLong(), Sql::optionalInt(query->value(2)) });
    QList<RegionReplication> out;
    for (auto it = paired->cbegin(); it != paired->cend(); ++it) {
        const auto found = waiting.value(it.key(), { 0, std::nullopt });
        out << RegionReplication { it.key(), it.value(), found.first, found.second };
    }
    return out;
}

Result<QList<LaggingServer>> checkReplicationLag(
    Database &database, qint64 tenantId, qint64 nowMs, qint64 targetMs)
{
    auto lagging = findLagging(database, tenantId, nowMs - targetMs);
    if (!lagging)
        return fail(lagging.error());
    AlertStore alerts(database);
    QSet<QString> subjects;
    for (const LaggingServer &s : *lagging) {
        subjects.insert(serverSubject(s.serverId));
        KURA_TRY(alerts.raise(tenantId,
            { AlertKind::ReplicationLag, s.serverId, serverSubject(s.serverId), describe(s),
                nowMs }));
    }
    auto active = alerts.listActive(tenantId);
    if (!active)
        return fail(active.error());
    for (const AlertRecord &a : *active) {
        if (a.kind == AlertKind::ReplicationLag && !subjects.contains(a.subject))
            KURA_TRY(alerts.resolve(tenantId, a.id, nowMs));
    }
    return lagging;
}

} // namespace Kura::Catalog
