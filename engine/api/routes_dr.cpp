// Disaster recovery (SPEC §12): the state of the server's own recovery, read-only. Kura has no
// disaster-recovery feature yet, so the answer says so; the shape is the one the feature will
// fill in (docs/api.md "Disaster recovery").
#include "private/routes.h"

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// GET /dr: {"configured": false} until the server copies its catalog somewhere. Once it does,
// the answer adds "state", "steps" ([{name, state, detail}]) and "lastCatalogCopyAt".
ApiResponse drStatus()
{
    return ApiResponse::json(200, QJsonObject { { u"configured"_s, false } });
}

} // namespace

void addDrRoutes(Router &router, ApiContext &)
{
    router.add(Method::Get, u"/api/v1/dr"_s, Access::Read,
        [](const RouteContext &) { return drStatus(); });
}

} // namespace Kura::Api::Routes
