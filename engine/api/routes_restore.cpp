// Restores, restore targets, and browsing (an agent's file system, a generation's folders).
#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/regionstore.h>
#include <catalog/serverstore.h>
#include <policy/restoretargets.h>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// The search's limits: the most entries one answer lists, and the longest text.
constexpr int MaxSearchResults = 1000;
constexpr int MaxSearchTextLength = 255;

ApiResponse notConfigured()
{
    return ApiResponse::error(ErrorCode::Unavailable, u"this server has no agent sessions"_s);
}

struct Source
{
    Catalog::ServerRecord server;
    Catalog::GenerationRecord generation;
    Policy::RestoreSource policySource;
    QSet<QString> failedRegions;
};

// The route's server and the generation named by `generationId`, with what the policy needs.
Result<Source> restoreSource(ApiContext &context, const RouteContext &route, qint64 generationId)
{
    const qint64 tenant = route.identity.tenantId;
    auto server = routeServer(context, route);
    if (!server)
        return fail(server.error());
    Catalog::GenerationStore generations(context.database);
    auto generation = generations.generation(tenant, generationId);
    if (!generation || generation->serverId != server->id)
        return fail(ErrorCode::NotFound, u"server %1 has no generation %2"_s.arg(server->id).arg(generationId));
    if (generation->status != Catalog::GenerationStatus::Complete || generation->snapshotId.isEmpty())
        return fail(ErrorCode::Conflict, u"generation %1 is not complete and cannot be restored"_s.arg(generationId));
    Source source { *server, *generation, {}, {} };
    source.policySource.server = server->toFacts();
    source.policySource.content = Policy::isBackup(generation->kind) && generation->kind == Policy::JobKind::SystemBackup
        ? Policy::Content::System : Policy::Content::Files;
    auto copies = generations.copies(tenant, generationId);
    if (copies)
        for (const Catalog::GenerationCopy &copy : std::as_const(*copies))
            if (copy.state == Catalog::CopyState::Complete)
                source.policySource.copies.append({ copy.region == server->region ? Policy::CopyLocation::Local
                                                                                  : Policy::CopyLocation::Remote,
                                                    copy.region });
    if (source.policySource.copies.isEmpty())
        source.policySource.copies.append({ Policy::CopyLocation::Local, server->region });
    auto regions = Catalog::RegionStore(context.database).list();
    if (regions)
        for (const Catalog::RegionRecord &r : std::as_const(*regions))
            if (r.state == Catalog::RegionState::Failed)
                source.failedRegions.insert(r.name);
    source.policySource.readFrom = Policy::defaultCopyToRead(source.policySource, source.failedRegions);
    return source;
}

QJsonArray issuesToJson(const QList<Policy::TargetIssue> &issues)
{
    QJsonArray out;
    for (Policy::TargetIssue issue : issues)
        out.append(Policy::targetIssueName(issue));
    return out;
}

// GET /servers/{id}/generations/{gen}/targets: every server of the tenant with its verdict.
ApiResponse restoreTargets(ApiContext &context, const RouteContext &route)
{
    auto generationId = route.idParam(u"gen"_s);
    if (!generationId)
        return ApiResponse::error(generationId.error());
    auto source = restoreSource(context, route, *generationId);
    if (!source)
        return ApiResponse::error(source.error());
    auto servers = Catalog::ServerStore(context.database).list(route.identity.tenantId);
    if (!servers)
        return ApiResponse::error(servers.error());
    QList<Policy::ServerFacts> candidates;
    for (const Catalog::ServerRecord &s : std::as_const(*servers))
        candidates << s.toFacts();
    const auto verdicts = Policy::evaluateRestoreTargets(source->policySource, candidates, context.regionMatrix,
                                                         source->failedRegions);
    QJsonArray targets;
    for (qsizetype i = 0; i < verdicts.size(); ++i)
        targets.append(QJsonObject { { u"serverId"_s, double(verdicts[i].serverId) },
                                     { u"name"_s, servers->at(i).name },
                                     { u"online"_s, servers->at(i).online },
                                     { u"allowed"_s, verdicts[i].allowed() },
                                     { u"issues"_s, issuesToJson(verdicts[i].issues) } });
    return ApiResponse::json(200, QJsonObject { { u"targets"_s, targets } });
}

// POST /servers/{id}/restores
ApiResponse requestRestore(ApiContext &context, const RouteContext &route)
{
    if (!context.agents)
        return notConfigured();
    const qint64 tenant = route.identity.tenantId;
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    FieldReader fields(*body);
    const int generationId = fields.optionalInt(u"generationId"_s, 0);
    const int targetId = fields.optionalInt(u"targetServerId"_s, 0);
    const QString targetPath = fields.optionalString(u"targetPath"_s);
    const QStringList paths = fields.optionalStringList(u"paths"_s);
    const QString overwrite = fields.optionalString(u"overwrite"_s, u"skip"_s);
    const QString device = fields.optionalString(u"device"_s);
    fields.rejectUnknownFields();
    if (generationId <= 0)
        fields.fail(u"generationId"_s, u"is required: the generation to restore"_s);
    if (overwrite != u"skip"_s && overwrite != u"overwrite"_s && overwrite != u"keep_both"_s)
        fields.fail(u"overwrite"_s, u"must be skip, overwrite or keep_both, not \"%1\""_s.arg(overwrite));
    if (!fields.ok())
        return fields.response();
    auto source = restoreSource(context, route, generationId);
    if (!source)
        return ApiResponse::error(source.error());
    const bool system = source->policySource.content == Policy::Content::System;
    if (!system && !targetPath.startsWith(u'/'))
        return ApiResponse::error(ErrorCode::InvalidArgument, u"targetPath must be an absolute folder path"_s,
                                  { { u"field"_s, u"targetPath"_s } });
    if (system && !device.startsWith(u'/'))
        return ApiResponse::error(ErrorCode::InvalidArgument, u"device must name the device or image file to write"_s,
                                  { { u"field"_s, u"device"_s } });
    Catalog::ServerStore servers(context.database);
    auto target = servers.server(tenant, targetId > 0 ? targetId : source->server.id);
    if (!target)
        return ApiResponse::error(target.error());
    const auto verdicts = Policy::evaluateRestoreTargets(source->policySource, { target->toFacts() },
                                                         context.regionMatrix, source->failedRegions);
    if (!verdicts.first().allowed()) {
        QStringList names;
        for (Policy::TargetIssue issue : verdicts.first().issues)
            names << Policy::targetIssueName(issue);
        return ApiResponse::error(ErrorCode::Conflict,
                                  u"server %1 cannot receive this restore: %2"_s.arg(target->name, names.join(u", "_s)),
                                  { { u"refusal"_s, u"restore_target"_s }, { u"issues"_s, issuesToJson(verdicts.first().issues) } });
    }
    Catalog::NewJob job;
    job.serverId = source->server.id;
    job.kind = system ? Policy::JobKind::SystemRestore : Policy::JobKind::FileRestore;
    job.trigger = Policy::JobTrigger::Immediate;
    job.planSummary = source->generation.planSummary;
    job.queuedMs = context.clock.nowMs();
    job.targetServerId = target->id;
    job.targetPath = system ? device : targetPath;
    Catalog::JobStore jobs(context.database);
    auto jobId = jobs.create(tenant, job);
    if (!jobId)
        return ApiResponse::error(jobId.error());
    RestoreOrder order { tenant, *jobId, target->id, system, source->generation.snapshotId, targetPath, paths, overwrite, device };
    if (const Status started = context.agents->startRestore(order); !started) {
        // The job never reached an agent: it ends failed with the reason (finish() takes
        // only a running job).
        (void)jobs.markRunning(tenant, *jobId, context.clock.nowMs());
        (void)jobs.finish(tenant, *jobId, Policy::JobState::Failed, started.error().message(), context.clock.nowMs());
        return ApiResponse::error(started.error().code(), started.error().message(), { { u"jobId"_s, double(*jobId) } });
    }
    auto record = jobs.job(tenant, *jobId);
    if (!record)
        return ApiResponse::error(record.error());
    return audited(context, route, u"job.restore"_s, Catalog::serverSubject(source->server.id),
                   u"job %1 generation %2 to server %3"_s.arg(*jobId).arg(generationId).arg(target->id),
                   ApiResponse::json(202, jobToJson(*record, context.clock.nowMs())));
}

// GET /servers/{id}/files?path=&limit=
ApiResponse browseServer(ApiContext &context, const RouteContext &route)
{
    if (!context.agents)
        return notConfigured();
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    auto limit = limitParam(route, u"limit"_s, 1000, 2048);
    if (!limit)
        return ApiResponse::error(limit.error());
    const QString path = route.request.queryValue(u"path"_s);
    auto listing = context.agents->browse(route.identity.tenantId, server->id, path.isEmpty() ? u"/"_s : path, *limit);
    if (!listing)
        return ApiResponse::error(listing.error());
    return ApiResponse::json(200, *listing);
}

// GET /servers/{id}/generations/{gen}/files?path=
ApiResponse browseGeneration(ApiContext &context, const RouteContext &route)
{
    if (!context.agents)
        return notConfigured();
    auto generationId = route.idParam(u"gen"_s);
    if (!generationId)
        return ApiResponse::error(generationId.error());
    auto source = restoreSource(context, route, *generationId);
    if (!source)
        return ApiResponse::error(source.error());
    const QString path = route.request.queryValue(u"path"_s);
    auto listing = context.agents->browseGeneration(route.identity.tenantId, source->generation.snapshotId,
                                                    path.isEmpty() ? u"/"_s : path);
    if (!listing)
        return ApiResponse::error(listing.error());
    return ApiResponse::json(200, *listing);
}

// GET /servers/{id}/generations/{gen}/search?q=&limit=: every entry of the generation whose
// name contains the text, ignoring case (the Restore page's search).
ApiResponse searchGeneration(ApiContext &context, const RouteContext &route)
{
    if (!context.agents)
        return notConfigured();
    auto generationId = route.idParam(u"gen"_s);
    if (!generationId)
        return ApiResponse::error(generationId.error());
    const QString text = route.request.queryValue(u"q"_s);
    if (text.trimmed().isEmpty())
        return ApiResponse::error(ErrorCode::InvalidArgument, u"query parameter \"q\": give the text to search for"_s,
                                  { { u"field"_s, u"q"_s } });
    if (text.size() > MaxSearchTextLength)
        return ApiResponse::error(ErrorCode::InvalidArgument,
                                  u"query parameter \"q\": at most %1 characters"_s.arg(MaxSearchTextLength),
                                  { { u"field"_s, u"q"_s } });
    auto limit = limitParam(route, u"limit"_s, MaxSearchResults, MaxSearchResults);
    if (!limit)
        return ApiResponse::error(limit.error(), { { u"field"_s, u"limit"_s } });
    auto source = restoreSource(context, route, *generationId);
    if (!source)
        return ApiResponse::error(source.error());
    auto found = context.agents->searchGeneration(route.identity.tenantId, source->generation.snapshotId, text, *limit);
    if (!found)
        return ApiResponse::error(found.error());
    return ApiResponse::json(200, *found);
}

// PUT /servers/{id}/bandwidth {"bytesPerSecond": N}
ApiResponse setBandwidth(ApiContext &context, const RouteContext &route)
{
    auto server = routeServer(context, route);
    if (!server)
        return ApiResponse::error(server.error());
    auto body = jsonBody(route, context);
    if (!body)
        return ApiResponse::error(body.error());
    const QJsonValue value = body->value(u"bytesPerSecond"_s);
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 1e15 || body->size() != 1)
        return ApiResponse::error(ErrorCode::InvalidArgument,
                                  u"give {\"bytesPerSecond\": N} with N >= 0 (0: no limit)"_s, { { u"field"_s, u"bytesPerSecond"_s } });
    const qint64 limit = qint64(value.toDouble());
    Catalog::ServerStore servers(context.database);
    if (const Status set = servers.setBandwidthLimit(route.identity.tenantId, server->id, limit); !set)
        return ApiResponse::error(set.error());
    auto updated = servers.server(route.identity.tenantId, server->id);
    if (!updated)
        return ApiResponse::error(updated.error());
    return audited(context, route, u"server.bandwidth"_s, Catalog::serverSubject(server->id),
                   u"%1 bytes/s"_s.arg(limit), ApiResponse::json(200, serverToJson(*updated)));
}

} // namespace

void addRestoreRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/servers/{id}/generations/{gen}/targets"_s, Access::Read,
        [&context](const RouteContext &route) { return restoreTargets(context, route); });
    router.add(Method::Get, u"/api/v1/servers/{id}/generations/{gen}/files"_s, Access::Read,
        [&context](const RouteContext &route) { return browseGeneration(context, route); });
    router.add(Method::Get, u"/api/v1/servers/{id}/generations/{gen}/search"_s, Access::Read,
        [&context](const RouteContext &route) { return searchGeneration(context, route); });
    router.add(Method::Post, u"/api/v1/servers/{id}/restores"_s, Access::Operate,
        [&context](const RouteContext &route) { return requestRestore(context, route); });
    router.add(Method::Put, u"/api/v1/servers/{id}/bandwidth"_s, Access::Admin,
        [&context](const RouteContext &route) { return setBandwidth(context, route); });
    router.add(Method::Get, u"/api/v1/servers/{id}/files"_s, Access::Read,
        [&context](const RouteContext &route) { return browseServer(context, route); });
}

} // namespace Kura::Api::Routes
