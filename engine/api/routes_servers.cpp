#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/generationstore.h>
#include <catalog/serverstore.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

ApiResponse listServers(ApiContext &context, const RouteContext &route)
{
    auto servers = Catalog::ServerStore(context.database).list(route.identity.tenantId);
    if (!servers)
        return ApiResponse::error(servers.error());
    QJsonArray out;
    for (const Catalog::ServerRecord &server : std::as_const(*servers))
        out.append(serverToJson(server));
    return ApiResponse::json(200, QJsonObject { { u"servers"_s, out } });
}

ApiResponse getServer(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    return ApiResponse::json(200, serverToJson(*server));
}

ApiResponse listGenerations(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    const qint64 tenant = route.identity.tenantId;
    Catalog::GenerationStore store(context.database);
    auto generations = store.listForServer(tenant, server->id);
    if (!generations)
        return ApiResponse::error(generations.error());
    QJsonArray out;
    for (const Catalog::GenerationRecord &generation : std::as_const(*generations)) {
        auto copies = store.copies(tenant, generation.id);
        if (!copies)
            return ApiResponse::error(copies.error());
        out.append(generationToJson(generation, *copies));
    }
    return ApiResponse::json(
        200, QJsonObject { { u"serverId"_s, double(server->id) }, { u"generations"_s, out } });
}

} // namespace

void addServerRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/servers"_s, Access::Read,
        [&context](const RouteContext &route) { return listServers(context, route); });
    router.add(Method::Get, u"/api/v1/servers/{id}"_s, Access::Read,
        [&context](const RouteContext &route) { return getServer(context, route); });
    router.add(Method::Get, u"/api/v1/servers/{id}/generations"_s, Access::Read,
        [&context](const RouteContext &route) { return listGenerations(context, route); });
}

} // namespace Kura::Api::Routes
