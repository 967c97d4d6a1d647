#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/alertstore.h>
#include <catalog/regionstore.h>
#include <catalog/userstore.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

constexpr int MaxReasonLength = 500;
constexpr int MaxKeyNameLength = 100;

// {"state": "failed"|"ok", "reason"}: an admin marks a region's storage failed or recovered
// (SPEC §7). Regions are installation-wide, so the change shows in every tenant (each tenant
// with servers there gets or loses its region_failed alert); it is recorded in the region's
// history with the admin's name and in the caller's audit log. Setting the state the region
// already has changes nothing and records nothing.
ApiResponse setRegionState(ApiContext &context, const RouteContext &route)
{
    const QString name = route.params.value(u"name"_s);
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const QString stateText = fields.requiredString(u"state"_s);
    const QString reason = fields.optionalString(u"reason"_s).trimmed();
    fields.rejectUnknownFields();
    if (fields.ok() && stateText != u"failed"_s && stateText != u"ok"_s)
        fields.fail(u"state"_s, u"\"%1\" is not one of failed, ok"_s.arg(stateText));
    if (fields.ok() && reason.size() > MaxReasonLength)
        fields.fail(u"reason"_s, u"longer than %1 characters"_s.arg(MaxReasonLength));
    if (!fields.ok())
        return fields.response();
    Catalog::RegionStore regions(context.database);
    auto region = regions.region(name);
    if (!region)
        return ApiResponse::error(region.error());
    const Catalog::RegionState state
        = stateText == u"failed"_s ? Catalog::RegionState::Failed : Catalog::RegionState::Ok;
    const bool changed = region->state != state;
    if (changed) {
        const Catalog::RegionHealthChange change { state, route.identity.userName,
            context.clock.nowMs(), reason };
        const Status set = regions.setState(name, change);
        if (!set)
            return ApiResponse::error(set.error());
        region = regions.region(name);
        if (!region)
            return ApiResponse::error(region.error());
    }
    QJsonObject out = regionToJson(*region);
    out.insert(u"changed"_s, changed);
    if (!changed)
        return ApiResponse::json(200, out);
    out.insert(u"reason"_s, reason);
    return audited(context, route, u"region.state"_s, Catalog::regionSubject(name),
        reason.isEmpty() ? stateText : u"%1: %2"_s.arg(stateText, reason),
        ApiResponse::json(200, out));
}

QJsonValue roleOrNull(const std::optional<Catalog::Role> &role)
{
    return role ? QJsonValue(Catalog::roleName(*role)) : QJsonValue(QJsonValue::Null);
}

QJsonObject apiKeyToJson(const Catalog::ApiKeyRecord &key, const QString &userName)
{
    return { { u"id"_s, double(key.id) }, { u"name"_s, key.name },
        { u"userId"_s, double(key.userId) }, { u"userName"_s, userName },
        { u"role"_s, roleOrNull(key.role) }, { u"createdAt"_s, isoUtc(key.createdMs) },
        { u"lastUsedAt"_s, isoUtcOrNull(key.lastUsedMs) }, { u"revoked"_s, key.revoked } };
}

Result<QHash<qint64, QString>> userNames(Catalog::UserStore &users, qint64 tenant)
{
    auto list = users.list(tenant);
    if (!list)
        return fail(list.error());
    QHash<qint64, QString> names;
    for (const Catalog::UserRecord &user : std::as_const(*list))
        names.insert(user.id, user.name);
    return names;
}

ApiResponse listApiKeys(ApiContext &context, const RouteContext &route)
{
    const qint64 tenant = route.identity.tenantId;
    Catalog::UserStore users(context.database);
    auto keys = users.apiKeys(tenant);
    if (!keys)
        return ApiResponse::error(keys.error());
    auto names = userNames(users, tenant);
    if (!names)
        return ApiResponse::error(names.error());
    QJsonArray out;
    for (const Catalog::ApiKeyRecord &key : std::as_const(*keys))
        out.append(apiKeyToJson(key, names->value(key.userId)));
    return ApiResponse::json(200, QJsonObject { { u"apiKeys"_s, out } });
}

// {"name", "role"}: a key that acts as the calling admin, limited to `role` (default viewer,
// the least). The secret is in this answer only; the catalog keeps its hash.
ApiResponse createApiKey(ApiContext &context, const RouteContext &route)
{
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const QString name = fields.requiredString(u"name"_s).trimmed();
    const QString roleText = fields.optionalString(u"role"_s, u"viewer"_s);
    fields.rejectUnknownFields();
    const std::optional<Catalog::Role> role = Catalog::roleFromName(roleText);
    if (fields.ok() && name.isEmpty())
        fields.fail(u"name"_s, u"must not be empty"_s);
    if (fields.ok() && name.size() > MaxKeyNameLength)
        fields.fail(u"name"_s, u"longer than %1 characters"_s.arg(MaxKeyNameLength));
    if (fields.ok() && !role)
        fields.fail(u"role"_s, u"\"%1\" is not one of admin, operator, viewer"_s.arg(roleText));
    if (!fields.ok())
        return fields.response();
    const qint64 tenant = route.identity.tenantId;
    const qint64 nowMs = context.clock.nowMs();
    Catalog::UserStore users(context.database);
    auto created = users.createApiKey(tenant, route.identity.userId, name, nowMs, role);
    if (!created)
        return ApiResponse::error(created.error());
    const Catalog::ApiKeyRecord record { created->id, route.identity.userId, name, nowMs,
        std::nullopt, false, role };
    QJsonObject out = apiKeyToJson(record, route.identity.userName);
    out.insert(u"token"_s, created->token);
    return audited(context, route, u"api_key.create"_s, u"api_key:%1"_s.arg(created->id),
        u"%1, role %2"_s.arg(name, roleText), ApiResponse::json(201, out));
}

ApiResponse revokeApiKey(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    const qint64 tenant = route.identity.tenantId;
    Catalog::UserStore users(context.database);
    auto keys = users.apiKeys(tenant);
    if (!keys)
        return ApiResponse::error(keys.error());
    const auto key = std::find_if(keys->cbegin(), keys->cend(),
        [&](const Catalog::ApiKeyRecord &k) { return k.id == *id; });
    if (key == keys->cend())
        return ApiResponse::error(ErrorCode::NotFound, u"API key %1 not found"_s.arg(*id));
    if (key->revoked)
        return ApiResponse::error(
            ErrorCode::Conflict, u"API key %1 (\"%2\") is already revoked"_s.arg(*id).arg(key->name));
    const Status revoked = users.revokeApiKey(tenant, *id);
    if (!revoked)
        return ApiResponse::error(revoked.error());
    return audited(context, route, u"api_key.revoke"_s, u"api_key:%1"_s.arg(*id), key->name,
        ApiResponse::raw(204, "application/json", {}));
}

} // namespace

void addAdminRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Put, u"/api/v1/regions/{name}/state"_s, Access::Admin,
        [&context](const RouteContext &route) { return setRegionState(context, route); });
    router.add(Method::Get, u"/api/v1/api-keys"_s, Access::Admin,
        [&context](const RouteContext &route) { return listApiKeys(context, route); });
    router.add(Method::Post, u"/api/v1/api-keys"_s, Access::Admin,
        [&context](const RouteContext &route) { return createApiKey(context, route); });
    router.add(Method::Delete, u"/api/v1/api-keys/{id}"_s, Access::Admin,
        [&context](const RouteContext &route) { return revokeApiKey(context, route); });
}

} // namespace Kura::Api::Routes
