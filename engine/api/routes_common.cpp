#include "private/routes.h"

#include <catalog/auditlog.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {

Result<QJsonObject> jsonBody(const RouteContext &route, const ApiContext &context)
{
    return parseJsonObject(route.request.body, context.options.maxBodyBytes);
}

Result<Catalog::ServerRecord> routeServer(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return fail(id.error());
    return Catalog::ServerStore(context.database).server(route.identity.tenantId, *id);
}

Result<int> limitParam(const RouteContext &route, const QString &name, int fallback, int max)
{
    const QString text = route.request.queryValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > max)
        return fail(ErrorCode::InvalidArgument,
            u"query parameter \"%1\": \"%2\" is not an integer from 1 to %3"_s.arg(name, text)
                .arg(max));
    return value;
}

ApiResponse audited(ApiContext &context, const RouteContext &route, const QString &action,
    const QString &target, const QString &details, ApiResponse success)
{
    Catalog::AuditEntry entry;
    entry.userName = route.identity.userName;
    entry.action = action;
    entry.target = target;
    entry.timeMs = context.clock.nowMs();
    entry.details = details;
    auto appended = Catalog::AuditLog(context.database).append(route.identity.tenantId, entry);
    if (!appended)
        return ApiResponse::error(ErrorCode::Internal,
            u"%1 on %2 was done, but the audit log could not be written: %3"_s.arg(
                action, target, appended.error().toString()));
    return success;
}

} // namespace Kura::Api::Routes
