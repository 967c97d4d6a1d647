#include "private/routes.h"

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

QJsonObject identityToJson(const Identity &identity)
{
    return { { u"tenantId"_s, double(identity.tenantId) }, { u"userId"_s, double(identity.userId) },
        { u"user"_s, identity.userName }, { u"role"_s, Catalog::roleName(identity.role) },
        { u"apiKey"_s, identity.viaApiKey } };
}

ApiResponse login(ApiContext &context, const RouteContext &route)
{
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const QString tenant = fields.requiredString(u"tenant"_s);
    const QString user = fields.requiredString(u"user"_s);
    const QString password = fields.requiredString(u"password"_s);
    fields.rejectUnknownFields();
    if (!fields.ok())
        return fields.response();
    auto session = context.auth.login(tenant, user, password);
    if (!session)
        return ApiResponse::error(session.error());
    QJsonObject out = identityToJson(session->identity);
    out.insert(u"token"_s, session->token);
    out.insert(u"expires"_s, isoUtc(session->expiresMs));
    return ApiResponse::json(200, out);
}

ApiResponse logout(ApiContext &context, const RouteContext &route)
{
    if (route.identity.viaApiKey)
        return ApiResponse::error(ErrorCode::InvalidArgument,
            u"an API key is not a session; revoke it instead of logging out"_s);
    const Status done
        = context.auth.logout(Authenticator::bearerToken(route.request.header("Authorization")));
    if (!done)
        return ApiResponse::error(done.error());
    return ApiResponse::raw(204, "application/json", {});
}

} // namespace

void addAuthRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Post, u"/api/v1/login"_s, Access::Public,
        [&context](const RouteContext &route) { return login(context, route); });
    router.add(Method::Post, u"/api/v1/logout"_s, Access::Read,
        [&context](const RouteContext &route) { return logout(context, route); });
    router.add(Method::Get, u"/api/v1/me"_s, Access::Read, [](const RouteContext &route) {
        return ApiResponse::json(200, identityToJson(route.identity));
    });
}

} // namespace Kura::Api::Routes
