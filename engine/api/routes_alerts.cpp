#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/alertstore.h>
#include <catalog/regionstore.h>
#include <catalog/replicationlag.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// Active alerts by default; ?all=true lists resolved ones too (newest first, ?limit=).
ApiResponse listAlerts(ApiContext &context, const RouteContext &route)
{
    const QString all = route.request.queryValue(u"all"_s);
    if (!all.isEmpty() && all != u"true"_s && all != u"false"_s)
        return ApiResponse::error(ErrorCode::InvalidArgument,
            u"query parameter \"all\": expected true or false, got \"%1\""_s.arg(all));
    auto limit = limitParam(route, u"limit"_s, 200, context.options.maxListRows);
    if (!limit)
        return ApiResponse::error(limit.error());
    Catalog::AlertStore store(context.database);
    const qint64 tenant = route.identity.tenantId;
    auto alerts = all == u"true"_s ? store.listAll(tenant, *limit) : store.listActive(tenant);
    if (!alerts)
        return ApiResponse::error(alerts.error());
    QJsonArray out;
    for (const Catalog::AlertRecord &alert : std::as_const(*alerts))
        if (out.size() < *limit)
            out.append(alertToJson(alert));
    return ApiResponse::json(200, QJsonObject { { u"alerts"_s, out } });
}

ApiResponse acknowledgeAlert(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    Catalog::AlertStore store(context.database);
    const qint64 tenant = route.identity.tenantId;
    const Status done
        = store.acknowledge(tenant, *id, route.identity.userName, context.clock.nowMs());
    if (!done)
        return ApiResponse::error(done.error());
    auto alert = store.alert(tenant, *id);
    if (!alert)
        return ApiResponse::error(alert.error());
    return audited(context, route, u"alert.acknowledge"_s, u"alert:%1"_s.arg(*id), alert->subject,
        ApiResponse::json(200, alertToJson(*alert)));
}

// Regions are installation-wide: their health from the catalog and what the region matrix
// offers there. The replication into each region is the caller's tenant's (null for a region
// that receives no double-storage copies).
ApiResponse listRegions(ApiContext &context, const RouteContext &route)
{
    auto regions = Catalog::RegionStore(context.database).list();
    if (!regions)
        return ApiResponse::error(regions.error());
    auto replication = Catalog::regionReplication(context.database, route.identity.tenantId);
    if (!replication)
        return ApiResponse::error(replication.error());
    QHash<QString, QJsonObject> replicationOf;
    const qint64 now = context.clock.nowMs();
    for (const Catalog::RegionReplication &r : std::as_const(*replication))
        replicationOf.insert(r.region, regionReplicationToJson(r, now));
    QJsonArray out;
    for (const Catalog::RegionRecord &region : std::as_const(*regions)) {
        QJsonObject object = regionToJson(region);
        object.insert(u"backupService"_s, context.regionMatrix.hasBackupService(region.name));
        object.insert(u"doubleAvailable"_s, context.regionMatrix.isDoubleAllowed(region.name));
        const auto found = replicationOf.constFind(region.name);
        object.insert(u"replication"_s, found == replicationOf.cend() ? QJsonValue() : QJsonValue(*found));
        out.append(object);
    }
    return ApiResponse::json(200, QJsonObject { { u"regions"_s, out } });
}

} // namespace

void addAlertRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/alerts"_s, Access::Read,
        [&context](const RouteContext &route) { return listAlerts(context, route); });
    router.add(Method::Post, u"/api/v1/alerts/{id}/acknowledge"_s, Access::Operate,
        [&context](const RouteContext &route) { return acknowledgeAlert(context, route); });
    router.add(Method::Get, u"/api/v1/regions"_s, Access::Read,
        [&context](const RouteContext &route) { return listRegions(context, route); });
}

} // namespace Kura::Api::Routes
