#include "jsonviews.h"

#include "httpmessage.h"

#include <catalog/plancodec.h>

using namespace Qt::StringLiterals;

namespace Kura::Api {
namespace {

template <class T>
T readEnum(FieldReader &fields, const QString &name, T fallback, QString (*toName)(T),
    std::optional<T> (*fromName)(const QString &))
{
    const QString text = fields.optionalString(name, toName(fallback));
    const std::optional<T> value = fromName(text);
    if (!value) {
        fields.fail(name, u"unknown value \"%1\""_s.arg(text));
        return fallback;
    }
    return *value;
}

QJsonValue numberOrNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

QJsonObject factsToJson(const Catalog::HostFacts &facts)
{
    return { { u"hostName"_s, facts.hostName }, { u"osId"_s, facts.osId },
        { u"osVersion"_s, facts.osVersion }, { u"arch"_s, facts.arch },
        { u"flavor"_s, facts.flavor }, { u"agentVersion"_s, facts.agentVersion },
        { u"addresses"_s, QJsonArray::fromStringList(facts.addresses) } };
}

} // namespace

QJsonObject planToJson(const Policy::Plan &plan)
{
    return { { u"storage"_s, Policy::storageName(plan.storage) },
        { u"timing"_s, Policy::timingName(plan.timing) }, { u"dailyWindow"_s, plan.dailyWindow },
        { u"weekday"_s, plan.weekday }, { u"weeklyWindow"_s, plan.weeklyWindow },
        { u"retentionDays"_s, plan.retentionDays },
        { u"content"_s, Policy::contentName(plan.content) },
        { u"includePaths"_s, QJsonArray::fromStringList(plan.includePaths) },
        { u"excludePatterns"_s, QJsonArray::fromStringList(plan.excludePatterns) },
        { u"systemDevice"_s, plan.systemDevice }, { u"preCommand"_s, plan.preCommand },
        { u"postCommand"_s, plan.postCommand },
        { u"commandTimeoutSeconds"_s, plan.commandTimeoutSeconds },
        { u"summary"_s, Catalog::planSummary(plan) },
        { u"maxGenerations"_s, Policy::maxGenerations(plan) } };
}

Policy::Plan planFromJson(FieldReader &fields)
{
    Policy::Plan plan;
    plan.storage = readEnum(
        fields, u"storage"_s, plan.storage, Policy::storageName, Policy::storageFromName);
    plan.timing
        = readEnum(fields, u"timing"_s, plan.timing, Policy::timingName, Policy::timingFromName);
    plan.dailyWindow = fields.optionalInt(u"dailyWindow"_s, plan.dailyWindow);
    plan.weekday = fields.optionalInt(u"weekday"_s, plan.weekday);
    plan.weeklyWindow = fields.optionalInt(u"weeklyWindow"_s, plan.weeklyWindow);
    plan.retentionDays = fields.optionalInt(u"retentionDays"_s, plan.retentionDays);
    plan.content = readEnum(
        fields, u"content"_s, plan.content, Policy::contentName, Policy::contentFromName);
    plan.includePaths = fields.optionalStringList(u"includePaths"_s);
    plan.excludePatterns = fields.optionalStringList(u"excludePatterns"_s);
    plan.systemDevice = fields.optionalString(u"systemDevice"_s);
    plan.preCommand = fields.optionalString(u"preCommand"_s);
    plan.postCommand = fields.optionalString(u"postCommand"_s);
    plan.commandTimeoutSeconds
        = fields.optionalInt(u"commandTimeoutSeconds"_s, plan.commandTimeoutSeconds);
    // Read-only fields a client may send back unchanged from a GET.
    fields.optionalString(u"summary"_s);
    fields.optionalInt(u"maxGenerations"_s, 0);
    fields.rejectUnknownFields();
    return plan;
}

QJsonArray planProblemsToJson(const QList<Policy::PlanProblem> &problems)
{
    QJsonArray out;
    for (const Policy::PlanProblem &problem : problems)
        out.append(QJsonObject { { u"issue"_s, Policy::planIssueName(problem.issue) },
            { u"field"_s, problem.field }, { u"value"_s, problem.value } });
    return out;
}

QJsonObject serverToJson(const Catalog::ServerRecord &server)
{
    return { { u"id"_s, double(server.id) }, { u"name"_s, server.name },
        { u"region"_s, server.region }, { u"advertisedAddress"_s, server.advertisedAddress },
        { u"facts"_s, factsToJson(server.facts) }, { u"online"_s, server.online },
        { u"lastSeen"_s, isoUtcOrNull(server.lastSeenMs) }, { u"protected"_s, server.isProtected },
        { u"protectedSince"_s, isoUtcOrNull(server.protectedSinceMs) },
        { u"enrolled"_s, isoUtc(server.enrolledMs) },
        { u"planSummary"_s,
            server.plan ? QJsonValue(Catalog::planSummary(*server.plan)) : QJsonValue() },
        { u"plan"_s, server.plan ? QJsonValue(planToJson(*server.plan)) : QJsonValue() },
        { u"planUpdated"_s, isoUtcOrNull(server.planUpdatedMs) },
        { u"lastBackup"_s, isoUtcOrNull(server.lastBackupMs) },
        { u"bandwidthLimit"_s, double(server.bandwidthLimitBytesPerSecond) } };
}

QJsonObject jobToJson(const Catalog::JobRecord &job, qint64 nowMs)
{
    const Catalog::JobProgressFigures &f = job.figures;
    QJsonObject progress { { u"sourceBytes"_s, double(f.sourceBytes) },
        { u"files"_s, double(f.files) }, { u"bytesDone"_s, double(f.bytesDone) },
        { u"filesDone"_s, double(f.filesDone) },
        { u"transferredBytes"_s, double(f.transferredBytes) },
        { u"bytesPerSecond"_s, QJsonValue() }, { u"etaSeconds"_s, QJsonValue() } };
    // Average rate since the start; the ETA assumes it holds for the remaining bytes.
    if (job.state == Policy::JobState::Running && job.startMs && nowMs > *job.startMs
        && f.bytesDone > 0) {
        const double rate = double(f.bytesDone) * 1000.0 / double(nowMs - *job.startMs);
        progress[u"bytesPerSecond"_s] = qint64(rate);
        if (f.sourceBytes >= f.bytesDone)
            progress[u"etaSeconds"_s] = qint64(double(f.sourceBytes - f.bytesDone) / rate);
    }
    return { { u"id"_s, double(job.id) }, { u"serverId"_s, double(job.serverId) },
        { u"kind"_s, Policy::jobKindName(job.kind) },
        { u"trigger"_s, Policy::jobTriggerName(job.trigger) },
        { u"state"_s, Policy::jobStateName(job.state) }, { u"reason"_s, job.reason },
        { u"planSummary"_s, job.planSummary }, { u"queued"_s, isoUtc(job.queuedMs) },
        { u"started"_s, isoUtcOrNull(job.startMs) }, { u"ended"_s, isoUtcOrNull(job.endMs) },
        { u"progress"_s, progress }, { u"targetServerId"_s, numberOrNull(job.targetServerId) },
        { u"targetPath"_s, job.targetPath },
        { u"generationId"_s, numberOrNull(job.generationId) } };
}

QJsonObject jobEventToJson(const Catalog::JobEvent &event)
{
    return { { u"time"_s, isoUtc(event.timeMs) },
        { u"level"_s, Catalog::eventLevelName(event.level) }, { u"text"_s, event.text } };
}

QJsonObject generationToJson(
    const Catalog::GenerationRecord &generation, const QList<Catalog::GenerationCopy> &copies)
{
    QJsonArray copyArray;
    for (const Catalog::GenerationCopy &copy : copies)
        copyArray.append(QJsonObject { { u"region"_s, copy.region },
            { u"state"_s, Catalog::copyStateName(copy.state) },
            { u"replicated"_s, isoUtcOrNull(copy.replicatedMs) } });
    const Catalog::GenerationRecord &g = generation;
    return { { u"id"_s, double(g.id) }, { u"serverId"_s, double(g.serverId) },
        { u"jobId"_s, numberOrNull(g.jobId) }, { u"kind"_s, Policy::jobKindName(g.kind) },
        { u"planSummary"_s, g.planSummary }, { u"storage"_s, Policy::storageName(g.storage) },
        { u"timing"_s, Policy::timingName(g.timing) }, { u"retentionDays"_s, g.retentionDays },
        { u"start"_s, isoUtc(g.startMs) }, { u"end"_s, isoUtcOrNull(g.endMs) },
        { u"sourceBytes"_s, double(g.sourceBytes) }, { u"files"_s, double(g.files) },
        { u"newBytes"_s, double(g.newBytes) },
        { u"status"_s, Catalog::generationStatusName(g.status) }, { u"copies"_s, copyArray } };
}

QJsonObject alertToJson(const Catalog::AlertRecord &alert)
{
    return { { u"id"_s, double(alert.id) }, { u"kind"_s, Catalog::alertKindName(alert.kind) },
        { u"serverId"_s, numberOrNull(alert.serverId) }, { u"subject"_s, alert.subject },
        { u"state"_s, Catalog::alertStateName(alert.state) },
        { u"opened"_s, isoUtc(alert.openedMs) }, { u"acknowledgedBy"_s, alert.acknowledgedBy },
        { u"acknowledged"_s, isoUtcOrNull(alert.acknowledgedMs) },
        { u"resolved"_s, isoUtcOrNull(alert.resolvedMs) }, { u"details"_s, alert.details } };
}

QJsonObject regionToJson(const Catalog::RegionRecord &region)
{
    return { { u"name"_s, region.name }, { u"remoteRegion"_s, region.remoteRegion },
        { u"backupAllowed"_s, region.backupAllowed },
        { u"state"_s, Catalog::regionStateName(region.state) },
        { u"stateChangedBy"_s, region.stateChangedBy },
        { u"stateChanged"_s, isoUtcOrNull(region.stateChangedMs) } };
}

QJsonObject regionReplicationToJson(const Catalog::RegionReplication &replication, qint64 nowMs)
{
    return { { u"sourceRegions"_s, QJsonArray::fromStringList(replication.sourceRegions) },
        { u"waitingGenerations"_s, double(replication.waitingGenerations) },
        { u"oldestWaitingEnd"_s, isoUtcOrNull(replication.oldestWaitingEndMs) },
        { u"lagMs"_s, double(replication.lagMs(nowMs)) },
        { u"targetMs"_s, double(Catalog::DefaultReplicationTargetMs) } };
}

QJsonObject reportRowToJson(const Catalog::ReportRow &row)
{
    return { { u"jobId"_s, double(row.jobId) }, { u"serverId"_s, double(row.serverId) },
        { u"serverName"_s, row.serverName }, { u"kind"_s, Policy::jobKindName(row.kind) },
        { u"planSummary"_s, row.planSummary },
        { u"trigger"_s, Policy::jobTriggerName(row.trigger) },
        { u"queued"_s, isoUtc(row.queuedMs) }, { u"start"_s, isoUtcOrNull(row.startMs) },
        { u"end"_s, isoUtcOrNull(row.endMs) },
        { u"durationSeconds"_s,
            row.durationMs ? QJsonValue(double(*row.durationMs / 1000)) : QJsonValue() },
        { u"sourceBytes"_s, double(row.sourceBytes) },
        { u"transferredBytes"_s, double(row.transferredBytes) }, { u"files"_s, double(row.files) },
        { u"result"_s, Policy::jobStateName(row.result) }, { u"reason"_s, row.reason } };
}

} // namespace Kura::Api
