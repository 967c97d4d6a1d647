#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/plancodec.h>
#include <catalog/serverstore.h>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

constexpr qint64 DayMs = 24ll * 3600 * 1000;

struct PlanRequest {
    Policy::Plan plan;
    std::optional<ApiResponse> refusal; // set when the request must be answered with it
};

// Reads {"plan": {...}, "confirmTransfer": bool} and checks the plan against the policy for
// `server`'s region (SPEC §3), and that a double-storage plan confirms the transfer to the
// paired region (SPEC §7).
PlanRequest readPlanRequest(
    const ApiContext &context, const RouteContext &route, const Catalog::ServerRecord &server)
{
    auto body = jsonBody(route, context);
    if (!body)
        return { {}, ApiResponse::error(body.error()) };
    FieldReader fields(*body);
    FieldReader planFields(fields.object(u"plan"_s, true), u"plan"_s);
    const bool confirmTransfer = fields.optionalBool(u"confirmTransfer"_s, false);
    fields.rejectUnknownFields();
    PlanRequest out { fields.ok() ? planFromJson(planFields) : Policy::Plan {}, std::nullopt };
    fields.adopt(planFields);
    if (!fields.ok())
        return { {}, fields.response() };
    const QList<Policy::PlanProblem> problems
        = Policy::validatePlan(out.plan, server.region, context.regionMatrix);
    if (!problems.isEmpty()) {
        const QString message
            = u"the plan has %1 problem(s); the first: %2 (%3)"_s.arg(problems.size())
                  .arg(Policy::planIssueName(problems.first().issue), problems.first().field);
        out.refusal = ApiResponse::error(ErrorCode::InvalidArgument, message,
            { { u"problems"_s, planProblemsToJson(problems) } });
    } else if (out.plan.storage == Policy::Storage::Double && !confirmTransfer) {
        const QString remote = context.regionMatrix.pairOf(server.region);
        out.refusal = ApiResponse::error(ErrorCode::InvalidArgument,
            u"field \"confirmTransfer\": double storage copies the data to region %1; confirm with true"_s
                .arg(remote),
            { { u"field"_s, u"confirmTransfer"_s }, { u"remoteRegion"_s, remote } });
    }
    return out;
}

template <class Apply>
ApiResponse changePlan(
    ApiContext &context, const RouteContext &route, const QString &action, Apply apply)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    const qint64 tenant = route.identity.tenantId;
    Catalog::ServerStore servers(context.database);
    auto server = servers.server(tenant, *id);
    if (!server)
        return ApiResponse::error(server.error());
    PlanRequest request = readPlanRequest(context, route, *server);
    if (request.refusal)
        return *request.refusal;
    const Status done = apply(servers, tenant, *id, request.plan);
    if (!done)
        return ApiResponse::error(done.error());
    auto updated = servers.server(tenant, *id);
    if (!updated)
        return ApiResponse::error(updated.error());
    return audited(context, route, action, Catalog::serverSubject(*id),
        Catalog::planSummary(request.plan), ApiResponse::json(200, serverToJson(*updated)));
}

// The end of the minimum retention of the server's newest locked generation (SPEC §13: no one
// deletes a generation before its minimum retention has passed), if any is still locked.
std::optional<qint64> lockedUntil(const QList<Catalog::GenerationRecord> &generations, qint64 nowMs)
{
    std::optional<qint64> until;
    for (const Catalog::GenerationRecord &g : generations) {
        const qint64 end = g.startMs + qint64(g.retentionDays) * DayMs;
        if (g.status == Catalog::GenerationStatus::Complete && end > nowMs)
            until = std::max(until.value_or(end), end);
    }
    return until;
}

// What unprotecting a server would delete.
struct BackupData {
    qsizetype generations = 0;
    qint64 storedBytes = 0;
    QStringList snapshots;
    std::optional<qint64> lockedUntilMs;

    QJsonObject toJson() const
    {
        return { { u"generations"_s, double(generations) },
            { u"storedBytes"_s, double(storedBytes) } };
    }
};

Result<BackupData> backupDataOf(ApiContext &context, qint64 tenant, qint64 serverId)
{
    auto generations = Catalog::GenerationStore(context.database).listForServer(tenant, serverId);
    if (!generations)
        return fail(generations.error());
    BackupData data;
    data.generations = generations->size();
    data.lockedUntilMs = lockedUntil(*generations, context.clock.nowMs());
    for (const Catalog::GenerationRecord &g : std::as_const(*generations)) {
        data.storedBytes += g.newBytes;
        if (!g.snapshotId.isEmpty())
            data.snapshots << g.snapshotId;
    }
    return data;
}

// Conflict while a job of the server (or a restore into it) is queued or running.
Status refuseWhileActive(ApiContext &context, qint64 tenant, qint64 serverId)
{
    auto active = Catalog::JobStore(context.database).activeJobs(tenant);
    if (!active)
        return fail(active.error());
    for (const Catalog::JobRecord &job : std::as_const(*active))
        if (job.serverId == serverId || job.targetServerId == serverId)
            return fail(ErrorCode::Conflict,
                u"job %1 of this server is %2; stop it first"_s.arg(job.id).arg(
                    Policy::jobStateName(job.state)));
    return {};
}

// Forgets the snapshots in the repository, then the generations, then the protection.
Status deleteBackupData(
    ApiContext &context, qint64 tenant, qint64 serverId, const QStringList &snapshots)
{
    KURA_TRY(context.remover.forgetSnapshots(tenant, serverId, snapshots));
    KURA_TRY(Catalog::GenerationStore(context.database).removeForServer(tenant, serverId));
    return Catalog::ServerStore(context.database).unprotect(tenant, serverId);
}

ApiResponse refuseUnconfirmed(const BackupData &data)
{
    QJsonObject details = data.toJson();
    details.insert(u"field"_s, u"confirm"_s);
    return ApiResponse::error(ErrorCode::InvalidArgument,
        u"field \"confirm\": unprotecting deletes %1 generation(s), %2 bytes stored; confirm with true"_s
            .arg(data.generations)
            .arg(data.storedBytes),
        details);
}

ApiResponse refuseLocked(const Catalog::ServerRecord &server, qint64 untilMs)
{
    return ApiResponse::error(ErrorCode::Conflict,
        u"generations of \"%1\" are locked for their minimum retention until %2"_s.arg(
            server.name, isoUtc(untilMs)),
        { { u"refusal"_s, u"generations_locked"_s }, { u"liftsAt"_s, isoUtc(untilMs) },
            { u"liftsAtMs"_s, double(untilMs) } });
}

ApiResponse unprotect(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    const qint64 tenant = route.identity.tenantId;
    const qint64 id = server->id;
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const bool confirm = fields.optionalBool(u"confirm"_s, false);
    fields.rejectUnknownFields();
    if (!fields.ok())
        return fields.response();
    if (!server->isProtected)
        return ApiResponse::error(
            ErrorCode::Conflict, u"server \"%1\" is not protected"_s.arg(server->name));
    auto data = backupDataOf(context, tenant, id);
    if (!data)
        return ApiResponse::error(data.error());
    if (!confirm)
        return refuseUnconfirmed(*data);
    if (data->lockedUntilMs)
        return refuseLocked(*server, *data->lockedUntilMs);
    Status done = refuseWhileActive(context, tenant, id);
    if (done)
        done = deleteBackupData(context, tenant, id, data->snapshots);
    if (!done)
        return ApiResponse::error(done.error());
    QJsonObject out = data->toJson();
    out.insert(u"serverId"_s, double(id));
    out.insert(u"protected"_s, false);
    return audited(context, route, u"server.unprotect"_s, Catalog::serverSubject(id),
        u"%1 generation(s), %2 bytes"_s.arg(data->generations).arg(data->storedBytes),
        ApiResponse::json(200, out));
}

// The query parameter confirm: true, false or absent (false).
Result<bool> confirmParam(const RouteContext &route)
{
    const QString text = route.request.queryValue(u"confirm"_s);
    if (text.isEmpty() || text == u"false"_s)
        return false;
    if (text == u"true"_s)
        return true;
    return fail(ErrorCode::InvalidArgument,
        u"query parameter \"confirm\": expected true or false, got \"%1\""_s.arg(text));
}

// Resolves the server's open alerts: their subject is gone.
Status resolveServerAlerts(ApiContext &context, qint64 tenant, qint64 serverId)
{
    Catalog::AlertStore alerts(context.database);
    auto active = alerts.listActive(tenant);
    if (!active)
        return fail(active.error());
    const QString subject = Catalog::serverSubject(serverId);
    for (const Catalog::AlertRecord &alert : std::as_const(*active))
        if (alert.subject == subject)
            KURA_TRY(alerts.resolve(tenant, alert.id, context.clock.nowMs()));
    return {};
}

// DELETE /servers/{id}?confirm=true (SPEC §2 "Delete client"): the server's backup data goes
// as with unprotect, then the server record with its jobs and generations, and with it the
// agent's identity: a connected agent is disconnected, and the agent must enroll again. The
// same rules as unprotect hold: without confirm=true the answer names the amount of data;
// generations still within their minimum retention (SPEC §13) refuse the deletion until the
// newest lock lifts; a queued or running job of the server refuses it too.
ApiResponse deleteServer(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    auto confirm = confirmParam(route);
    if (!confirm)
        return ApiResponse::error(confirm.error());
    const qint64 tenant = route.identity.tenantId;
    const qint64 id = server->id;
    auto data = backupDataOf(context, tenant, id);
    if (!data)
        return ApiResponse::error(data.error());
    if (!*confirm) {
        QJsonObject details = data->toJson();
        details.insert(u"field"_s, u"confirm"_s);
        details.insert(u"serverName"_s, server->name);
        return ApiResponse::error(ErrorCode::InvalidArgument,
            u"query parameter \"confirm\": deleting server \"%1\" deletes %2 generation(s), "
            "%3 bytes stored, and its agent must enroll again; confirm with true"_s
                .arg(server->name)
                .arg(data->generations)
                .arg(data->storedBytes),
            details);
    }
    if (data->lockedUntilMs)
        return refuseLocked(*server, *data->lockedUntilMs);
    Status done = refuseWhileActive(context, tenant, id);
    if (done)
        done = context.remover.forgetSnapshots(tenant, id, data->snapshots);
    if (done)
        done = resolveServerAlerts(context, tenant, id);
    if (done)
        done = Catalog::ServerStore(context.database).remove(tenant, id);
    if (!done)
        return ApiResponse::error(done.error());
    if (context.agents)
        context.agents->disconnectAgent(
            tenant, id, u"the server \"%1\" was deleted"_s.arg(server->name));
    QJsonObject out = data->toJson();
    out.insert(u"serverId"_s, double(id));
    out.insert(u"name"_s, server->name);
    out.insert(u"deleted"_s, true);
    return audited(context, route, u"server.delete"_s, Catalog::serverSubject(id),
        u"\"%1\": %2 generation(s), %3 bytes"_s.arg(server->name)
            .arg(data->generations)
            .arg(data->storedBytes),
        ApiResponse::json(200, out));
}

} // namespace

void addProtectionRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Put, u"/api/v1/servers/{id}/plan"_s, Access::Admin,
        [&context](const RouteContext &route) {
            return changePlan(context, route, u"server.plan"_s,
                [&context](Catalog::ServerStore &servers, qint64 tenant, qint64 id,
                    const Policy::Plan &plan) {
                    return servers.setPlan(tenant, id, plan, context.clock.nowMs());
                });
        });
    router.add(Method::Post, u"/api/v1/servers/{id}/protect"_s, Access::Admin,
        [&context](const RouteContext &route) {
            return changePlan(context, route, u"server.protect"_s,
                [&context](Catalog::ServerStore &servers, qint64 tenant, qint64 id,
                    const Policy::Plan &plan) {
                    return servers.protect(tenant, id, plan, context.clock.nowMs());
                });
        });
    router.add(Method::Post, u"/api/v1/servers/{id}/unprotect"_s, Access::Admin,
        [&context](const RouteContext &route) { return unprotect(context, route); });
    router.add(Method::Delete, u"/api/v1/servers/{id}"_s, Access::Admin,
        [&context](const RouteContext &route) { return deleteServer(context, route); });
}

} // namespace Kura::Api::Routes
