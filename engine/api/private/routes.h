#pragma once

// Route registration of the API's resource groups (one .cpp per group) and the small helpers
// they share. Internal to kura_api.
#include "../apiservice.h"

#include <catalog/serverstore.h>

#include <QJsonObject>
#include <QString>

namespace Kura::Api::Routes {

void addAuthRoutes(Router &router, ApiContext &context); // routes_auth.cpp
void addServerRoutes(Router &router, ApiContext &context); // routes_servers.cpp
void addProtectionRoutes(Router &router, ApiContext &context); // routes_protection.cpp
void addJobRoutes(Router &router, ApiContext &context); // routes_jobs.cpp
void addReportRoutes(Router &router, ApiContext &context); // routes_reports.cpp
void addAlertRoutes(Router &router, ApiContext &context); // routes_alerts.cpp
void addEnrollmentRoutes(Router &router, ApiContext &context); // routes_enrollment.cpp
void addRestoreRoutes(Router &router, ApiContext &context); // routes_restore.cpp
void addUsageRoutes(Router &router, ApiContext &context); // routes_usage.cpp
void addAdminRoutes(Router &router, ApiContext &context); // routes_admin.cpp
void addDrRoutes(Router &router, ApiContext &context); // routes_dr.cpp

// The request body as a JSON object within the size limit (see parseJsonObject).
Result<QJsonObject> jsonBody(const RouteContext &route, const ApiContext &context);

// The tenant's server named by the route's {id}: InvalidArgument for a malformed id, NotFound
// for another tenant's or a missing server.
Result<Catalog::ServerRecord> routeServer(ApiContext &context, const RouteContext &route);

// Query parameter `name` as an integer in 1..max, `fallback` when absent. InvalidArgument
// naming the parameter otherwise.
Result<int> limitParam(const RouteContext &route, const QString &name, int fallback, int max);

// Records a change in the tenant's audit log, then returns `success`. When the log cannot be
// written the change has still happened; the caller then gets a 500 saying so.
ApiResponse audited(ApiContext &context, const RouteContext &route, const QString &action,
    const QString &target, const QString &details, ApiResponse success);

} // namespace Kura::Api::Routes
