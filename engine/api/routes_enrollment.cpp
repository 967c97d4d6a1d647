#include "private/routes.h"

#include <catalog/enrollmentstore.h>
#include <protocol/agentpackage.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

constexpr int DefaultValidHours = 24;
constexpr int MaxValidHours = 720; // 30 days
constexpr qint64 HourMs = 3600 * 1000;
constexpr int DefaultListLimit = 200;

struct TokenRequest {
    QString region;
    int validHours = DefaultValidHours;
};

// Without an agent listener no package can say where agents connect to.
ApiResponse notConfigured()
{
    return ApiResponse::json(503,
        QJsonObject { { u"code"_s, u"not_configured"_s },
            { u"message"_s, u"this server has no agent listener configured"_s },
            { u"details"_s, QJsonObject() } });
}

QString tokenState(const Catalog::EnrollmentTokenRecord &token, qint64 nowMs)
{
    if (token.usedMs)
        return u"used"_s;
    return nowMs >= token.expiresMs ? u"expired"_s : u"active"_s;
}

QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(double(*id)) : QJsonValue(QJsonValue::Null);
}

// A token without its secret: what lists show, and the start of a created token.
QJsonObject tokenToJson(const Catalog::EnrollmentTokenRecord &token, qint64 nowMs)
{
    return QJsonObject { { u"id"_s, double(token.id) }, { u"region"_s, token.region },
        { u"createdAt"_s, isoUtc(token.createdMs) }, { u"expiresAt"_s, isoUtc(token.expiresMs) },
        { u"state"_s, tokenState(token, nowMs) }, { u"usedAt"_s, isoUtcOrNull(token.usedMs) },
        { u"usedByServerId"_s, idOrNull(token.usedByServerId) } };
}

// Reads {"region", "validHours"}: the region must be one of the matrix with backup service.
std::optional<TokenRequest> readTokenRequest(
    FieldReader &fields, const Policy::RegionMatrix &matrix)
{
    TokenRequest request;
    request.region = fields.requiredString(u"region"_s);
    request.validHours = fields.optionalInt(u"validHours"_s, DefaultValidHours);
    fields.rejectUnknownFields();
    if (fields.ok() && (request.validHours < 1 || request.validHours > MaxValidHours))
        fields.fail(u"validHours"_s,
            u"%1 is not from 1 to %2 hours"_s.arg(request.validHours).arg(MaxValidHours));
    if (fields.ok() && !matrix.contains(request.region))
        fields.fail(
            u"region"_s, u"\"%1\" is not a region of the region matrix"_s.arg(request.region));
    if (fields.ok() && !matrix.hasBackupService(request.region))
        fields.fail(u"region"_s, u"region \"%1\" has no backup service"_s.arg(request.region));
    if (!fields.ok())
        return std::nullopt;
    return request;
}

Result<QByteArray> packageFor(const ServerIdentity &identity,
    const Catalog::NewEnrollmentToken &token, const Catalog::EnrollmentTokenRecord &record)
{
    Protocol::AgentPackage package;
    package.primaryAddress = identity.agentAddress;
    package.drAddress = identity.drAddress;
    package.certificateSha256 = identity.certificateSha256;
    package.token = token.token;
    package.region = record.region;
    package.expiresAtMs = record.expiresMs;
    return Protocol::writeAgentPackage(package);
}

// A new token and its agent package. The package is built after the token exists (it holds
// the token); when that fails, the token is removed again, since nobody could use it.
ApiResponse createToken(ApiContext &context, const RouteContext &route)
{
    if (!context.identity)
        return notConfigured();
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const auto request = readTokenRequest(fields, context.regionMatrix);
    if (!request)
        return fields.response();
    const qint64 tenant = route.identity.tenantId;
    const qint64 nowMs = context.clock.nowMs();
    Catalog::EnrollmentStore store(context.database);
    auto token = store.create(tenant, request->region, nowMs, request->validHours * HourMs);
    if (!token)
        return ApiResponse::error(token.error());
    const Catalog::EnrollmentTokenRecord record { token->id, request->region, nowMs,
        nowMs + request->validHours * HourMs, std::nullopt, std::nullopt };
    auto package = packageFor(*context.identity, *token, record);
    if (!package) {
        (void)store.revoke(tenant, token->id);
        return ApiResponse::error(ErrorCode::Internal,
            u"the agent package cannot be built from this server's agent listener settings: %1"_s
                .arg(package.error().message()));
    }
    QJsonObject out = tokenToJson(record, nowMs);
    out.insert(u"token"_s, token->token);
    out.insert(u"package"_s, QString::fromLatin1(package->toBase64()));
    return audited(context, route, u"enrollment_token.create"_s,
        u"enrollment_token:%1"_s.arg(token->id),
        u"region %1, valid for %2 hours"_s.arg(request->region).arg(request->validHours),
        ApiResponse::json(201, out));
}

ApiResponse listTokens(ApiContext &context, const RouteContext &route)
{
    auto limit = limitParam(route, u"limit"_s, DefaultListLimit, context.options.maxListRows);
    if (!limit)
        return ApiResponse::error(limit.error());
    auto tokens = Catalog::EnrollmentStore(context.database).list(route.identity.tenantId, *limit);
    if (!tokens)
        return ApiResponse::error(tokens.error());
    const qint64 nowMs = context.clock.nowMs();
    QJsonArray out;
    for (const Catalog::EnrollmentTokenRecord &token : std::as_const(*tokens))
        out.append(tokenToJson(token, nowMs));
    return ApiResponse::json(200, QJsonObject { { u"tokens"_s, out } });
}

ApiResponse revokeToken(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    const Status revoked
        = Catalog::EnrollmentStore(context.database).revoke(route.identity.tenantId, *id);
    if (!revoked)
        return ApiResponse::error(revoked.error());
    return audited(context, route, u"enrollment_token.revoke"_s, u"enrollment_token:%1"_s.arg(*id),
        {}, ApiResponse::raw(204, "application/json", {}));
}

} // namespace

void addEnrollmentRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Post, u"/api/v1/enrollment-tokens"_s, Access::Admin,
        [&context](const RouteContext &route) { return createToken(context, route); });
    router.add(Method::Get, u"/api/v1/enrollment-tokens"_s, Access::Admin,
        [&context](const RouteContext &route) { return listTokens(context, route); });
    router.add(Method::Delete, u"/api/v1/enrollment-tokens/{id}"_s, Access::Admin,
        [&context](const RouteContext &route) { return revokeToken(context, route); });
}

} // namespace Kura::Api::Routes
