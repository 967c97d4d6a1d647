#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/alertstore.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// "files"/"system" (as kuractl says it) or the job kind names "file_backup"/"system_backup".
std::optional<Policy::JobKind> backupKindFromName(const QString &name)
{
    if (name == u"files"_s)
        return Policy::JobKind::FileBackup;
    if (name == u"system"_s)
        return Policy::JobKind::SystemBackup;
    const auto kind = Policy::jobKindFromName(name);
    return kind && Policy::isBackup(*kind) ? kind : std::nullopt;
}

QJsonObject refusalDetails(const Scheduler::RequestResult &result)
{
    const Policy::Admission &a = result.admission;
    QJsonObject details { { u"refusal"_s, Policy::refusalName(a.refusal) },
        { u"liftsAt"_s, isoUtcOrNull(a.liftsAtMs) },
        { u"liftsAtMs"_s, a.liftsAtMs ? QJsonValue(double(*a.liftsAtMs)) : QJsonValue() },
        { u"quotaUsed"_s, a.quotaUsed }, { u"quotaLimit"_s, a.quotaLimit } };
    if (a.blockingJobId)
        details.insert(u"blockingJobId"_s, double(a.blockingJobId));
    return details;
}

ApiResponse requestBackup(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    const qint64 tenant = route.identity.tenantId;
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const bool system = server->plan && server->plan->content == Policy::Content::System;
    const QString kindName = fields.optionalString(u"kind"_s, system ? u"system"_s : u"files"_s);
    fields.rejectUnknownFields();
    const auto kind = backupKindFromName(kindName);
    if (!kind)
        fields.fail(u"kind"_s, u"unknown backup kind \"%1\" (files or system)"_s.arg(kindName));
    if (!fields.ok())
        return fields.response();
    auto result = context.scheduler.requestImmediate(tenant, server->id, *kind);
    if (!result)
        return ApiResponse::error(result.error());
    if (!result->jobId)
        return ApiResponse::error(ErrorCode::Conflict, result->reason, refusalDetails(*result));
    auto job = Catalog::JobStore(context.database).job(tenant, result->jobId);
    if (!job)
        return ApiResponse::error(job.error());
    // An offline agent: the job is recorded as failed with the reason (SPEC §2).
    if (job->state == Policy::JobState::Failed)
        return ApiResponse::error(
            ErrorCode::Unavailable, job->reason, { { u"jobId"_s, double(job->id) } });
    return audited(context, route, u"job.backup"_s, Catalog::serverSubject(server->id),
        u"job %1 %2"_s.arg(job->id).arg(Policy::jobKindName(*kind)),
        ApiResponse::json(202, jobToJson(*job, context.clock.nowMs())));
}

Result<QList<Catalog::JobRecord>> jobsOfTenant(
    ApiContext &context, qint64 tenant, std::optional<qint64> serverId, int limit)
{
    Catalog::JobStore jobs(context.database);
    if (serverId)
        return jobs.listForServer(tenant, *serverId, limit);
    auto servers = Catalog::ServerStore(context.database).list(tenant);
    if (!servers)
        return fail(servers.error());
    QList<Catalog::JobRecord> all;
    for (const Catalog::ServerRecord &server : std::as_const(*servers)) {
        auto some = jobs.listForServer(tenant, server.id, limit);
        if (!some)
            return fail(some.error());
        all << *some;
    }
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    return all.mid(0, limit);
}

ApiResponse listJobs(ApiContext &context, const RouteContext &route)
{
    const qint64 tenant = route.identity.tenantId;
    std::optional<qint64> serverId;
    const QString serverText = route.request.queryValue(u"server"_s);
    if (!serverText.isEmpty()) {
        RouteContext asPath { route.request, { { u"server"_s, serverText } }, route.identity };
        auto id = asPath.idParam(u"server"_s);
        if (!id)
            return ApiResponse::error(id.error());
        auto server = Catalog::ServerStore(context.database).server(tenant, *id);
        if (!server)
            return ApiResponse::error(server.error());
        serverId = *id;
    }
    std::optional<Policy::JobState> state;
    const QString stateText = route.request.queryValue(u"state"_s);
    if (!stateText.isEmpty() && !(state = Policy::jobStateFromName(stateText)))
        return ApiResponse::error(ErrorCode::InvalidArgument,
            u"query parameter \"state\": unknown job state \"%1\""_s.arg(stateText));
    auto limit = limitParam(route, u"limit"_s, 200, context.options.maxListRows);
    if (!limit)
        return ApiResponse::error(limit.error());
    // Filtering by state happens after the newest rows are read, so read the most allowed.
    auto jobs
        = jobsOfTenant(context, tenant, serverId, state ? context.options.maxListRows : *limit);
    if (!jobs)
        return ApiResponse::error(jobs.error());
    QJsonArray out;
    const qint64 now = context.clock.nowMs();
    for (const Catalog::JobRecord &job : std::as_const(*jobs))
        if ((!state || job.state == *state) && out.size() < *limit)
            out.append(jobToJson(job, now));
    return ApiResponse::json(200, QJsonObject { { u"jobs"_s, out } });
}

ApiResponse getJob(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    Catalog::JobStore jobs(context.database);
    auto job = jobs.job(route.identity.tenantId, *id);
    if (!job)
        return ApiResponse::error(job.error());
    auto events = jobs.events(route.identity.tenantId, *id);
    if (!events)
        return ApiResponse::error(events.error());
    QJsonArray eventArray;
    for (const Catalog::JobEvent &event : std::as_const(*events))
        eventArray.append(jobEventToJson(event));
    QJsonObject out = jobToJson(*job, context.clock.nowMs());
    out.insert(u"events"_s, eventArray);
    return ApiResponse::json(200, out);
}

ApiResponse stopJob(ApiContext &context, const RouteContext &route)
{
    auto id = route.idParam(u"id"_s);
    if (!id)
        return ApiResponse::error(id.error());
    const Status stopped = context.scheduler.requestStop(route.identity.tenantId, *id);
    if (!stopped)
        return ApiResponse::error(stopped.error());
    auto job = Catalog::JobStore(context.database).job(route.identity.tenantId, *id);
    if (!job)
        return ApiResponse::error(job.error());
    // 202: the agent stops the job and reports it stopped; a job that never started is
    // stopped at once (state already "stopped").
    return audited(context, route, u"job.stop"_s, u"job:%1"_s.arg(*id), {},
        ApiResponse::json(202, jobToJson(*job, context.clock.nowMs())));
}

} // namespace

void addJobRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Post, u"/api/v1/servers/{id}/backups"_s, Access::Operate,
        [&context](const RouteContext &route) { return requestBackup(context, route); });
    router.add(Method::Get, u"/api/v1/jobs"_s, Access::Read,
        [&context](const RouteContext &route) { return listJobs(context, route); });
    router.add(Method::Get, u"/api/v1/jobs/{id}"_s, Access::Read,
        [&context](const RouteContext &route) { return getJob(context, route); });
    router.add(Method::Post, u"/api/v1/jobs/{id}/stop"_s, Access::Operate,
        [&context](const RouteContext &route) { return stopJob(context, route); });
}

} // namespace Kura::Api::Routes
