#include "apitypes.h"

#include "private/jsonreader.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Kura::Api::Client {
namespace {

constexpr ErrorCode AllCodes[] = { ErrorCode::NotFound, ErrorCode::Corrupt, ErrorCode::Io,
    ErrorCode::InvalidArgument, ErrorCode::Unauthorized, ErrorCode::Forbidden, ErrorCode::Conflict,
    ErrorCode::Unavailable, ErrorCode::Cancelled, ErrorCode::Unsupported, ErrorCode::Internal };

constexpr JobState AllStates[] = { JobState::Queued, JobState::Running, JobState::Succeeded,
    JobState::Failed, JobState::Stopped, JobState::Cancelled, JobState::Interrupted };

// A job state field, which clients branch on: an unknown name is a problem.
JobState readState(JsonReader &fields, const QString &key)
{
    const QString name = fields.string(key, JsonReader::Required);
    const std::optional<JobState> state = jobStateFromName(name);
    if (!state && fields.ok())
        fields.fail(key, u"unknown job state \"%1\""_s.arg(name));
    return state.value_or(JobState::Queued);
}

// "YYYY-MM" of a real month.
bool isMonth(const QString &text)
{
    return text.size() == 7 && QDate::fromString(text + u"-01"_s, Qt::ISODate).isValid();
}

// A nested object read by T::fromJson; problems are named below `key`.
template <class T> T readNested(JsonReader &fields, const QString &key)
{
    const QJsonObject object = fields.object(key);
    auto value = T::fromJson(object);
    if (!value) {
        fields.adopt(key, value.error());
        return T {};
    }
    return *value;
}

enum class ListPresence { Optional, Required };

template <class T>
QList<T> readList(JsonReader &fields, const QJsonObject &json, const QString &key,
                  ListPresence presence = ListPresence::Optional)
{
    if (!fields.has(key)) {
        if (presence == ListPresence::Required)
            fields.fail(key, u"missing"_s);
        return {};
    }
    auto list = listFromJson<T>(json, key);
    if (!list) {
        fields.take(list.error());
        return {};
    }
    return *list;
}

} // namespace

// ---- ApiError ----

QString ApiError::refusal() const
{
    return details.value(u"refusal"_s).toString();
}

QDateTime ApiError::liftsAt() const
{
    const QDateTime time
        = QDateTime::fromString(details.value(u"liftsAt"_s).toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QString ApiError::field() const
{
    return details.value(u"field"_s).toString();
}

QJsonArray ApiError::problems() const
{
    return details.value(u"problems"_s).toArray();
}

QStringList ApiError::issues() const
{
    QStringList out;
    for (const QJsonValue &issue : details.value(u"issues"_s).toArray())
        out << issue.toString();
    return out;
}

Error ApiError::toError() const
{
    return Error(code, toString(), code == ErrorCode::Unavailable);
}

QString ApiError::toString() const
{
    if (isTransport())
        return message;
    return u"HTTP %1: %2"_s.arg(httpStatus).arg(message);
}

ApiError ApiError::fromHttp(int status, const QByteArray &body)
{
    ApiError error;
    error.httpStatus = status;
    error.code = errorCodeForHttpStatus(status);
    error.codeName = QString::fromLatin1(errorCodeName(error.code));
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonValue message = json.value(u"message"_s);
    if (!message.isString() || message.toString().isEmpty()) {
        // Not the API's error body (a proxy's page, an empty answer): the status says it all.
        error.message = u"the server answered HTTP %1 without an error description"_s.arg(status);
        return error;
    }
    error.message = message.toString();
    error.details = json.value(u"details"_s).toObject();
    // A code this client does not know (a newer server's) keeps its name; the status then
    // gives the ErrorCode.
    const QString codeName = json.value(u"code"_s).toString();
    if (!codeName.isEmpty())
        error.codeName = codeName;
    if (const std::optional<ErrorCode> code = errorCodeFromName(codeName))
        error.code = *code;
    return error;
}

ApiError ApiError::transport(ErrorCode code, const QString &message, bool unreachable)
{
    ApiError error;
    error.code = code;
    error.codeName = QString::fromLatin1(errorCodeName(code));
    error.message = message;
    error.unreachable = unreachable;
    return error;
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const ErrorCode code : AllCodes)
        if (name == QLatin1StringView(errorCodeName(code)))
            return code;
    return std::nullopt;
}

ErrorCode errorCodeForHttpStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400:
    case 405:
        return ErrorCode::InvalidArgument;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        break;
    }
    return httpStatus >= 400 && httpStatus < 500 ? ErrorCode::InvalidArgument : ErrorCode::Internal;
}

// ---- Identity ----

Result<Identity> Identity::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    Identity out;
    out.tenantId = fields.integer(u"tenantId"_s, JsonReader::Required);
    out.userId = fields.integer(u"userId"_s, JsonReader::Required);
    out.user = fields.string(u"user"_s, JsonReader::Required);
    out.role = fields.string(u"role"_s, JsonReader::Required);
    out.apiKey = fields.boolean(u"apiKey"_s);
    return fields.finish(out);
}

Result<LoginResult> LoginResult::fromJson(const QJsonObject &json)
{
    auto identity = Identity::fromJson(json);
    if (!identity)
        return fail(identity.error());
    JsonReader fields(json);
    LoginResult out;
    out.identity = *identity;
    out.token = fields.string(u"token"_s, JsonReader::Required);
    out.expires = fields.time(u"expires"_s, JsonReader::Required);
    if (fields.ok() && out.token.isEmpty())
        fields.fail(u"token"_s, u"is empty"_s);
    return fields.finish(out);
}

// ---- Servers and plans ----

QJsonObject PlanInfo::toJson() const
{
    return { { u"storage"_s, storage }, { u"timing"_s, timing }, { u"dailyWindow"_s, dailyWindow },
        { u"weekday"_s, weekday }, { u"weeklyWindow"_s, weeklyWindow },
        { u"retentionDays"_s, retentionDays }, { u"content"_s, content },
        { u"includePaths"_s, QJsonArray::fromStringList(includePaths) },
        { u"excludePatterns"_s, QJsonArray::fromStringList(excludePatterns) },
        { u"systemDevice"_s, systemDevice }, { u"preCommand"_s, preCommand },
        { u"postCommand"_s, postCommand }, { u"commandTimeoutSeconds"_s, commandTimeoutSeconds } };
}

Result<PlanInfo> PlanInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    PlanInfo out;
    auto text = [&fields](const QString &key, const QString &fallback) {
        return fields.has(key) ? fields.string(key) : fallback;
    };
    auto number = [&fields](const QString &key, int fallback) {
        return fields.has(key) ? fields.smallInteger(key) : fallback;
    };
    out.storage = text(u"storage"_s, out.storage);
    out.timing = text(u"timing"_s, out.timing);
    out.dailyWindow = number(u"dailyWindow"_s, out.dailyWindow);
    out.weekday = number(u"weekday"_s, out.weekday);
    out.weeklyWindow = number(u"weeklyWindow"_s, out.weeklyWindow);
    out.retentionDays = number(u"retentionDays"_s, out.retentionDays);
    out.content = text(u"content"_s, out.content);
    out.includePaths = fields.stringList(u"includePaths"_s);
    out.excludePatterns = fields.stringList(u"excludePatterns"_s);
    out.systemDevice = fields.string(u"systemDevice"_s);
    out.preCommand = fields.string(u"preCommand"_s);
    out.postCommand = fields.string(u"postCommand"_s);
    out.commandTimeoutSeconds = number(u"commandTimeoutSeconds"_s, out.commandTimeoutSeconds);
    out.summary = fields.string(u"summary"_s);
    out.maxGenerations = fields.smallInteger(u"maxGenerations"_s);
    return fields.finish(out);
}

Result<HostFacts> HostFacts::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    HostFacts out;
    out.hostName = fields.string(u"hostName"_s);
    out.osId = fields.string(u"osId"_s);
    out.osVersion = fields.string(u"osVersion"_s);
    out.arch = fields.string(u"arch"_s);
    out.flavor = fields.string(u"flavor"_s);
    out.agentVersion = fields.string(u"agentVersion"_s);
    out.addresses = fields.stringList(u"addresses"_s);
    return fields.finish(out);
}

Result<ServerInfo> ServerInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    ServerInfo out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s, JsonReader::Required);
    out.region = fields.string(u"region"_s);
    out.advertisedAddress = fields.string(u"advertisedAddress"_s);
    out.facts = readNested<HostFacts>(fields, u"facts"_s);
    out.online = fields.boolean(u"online"_s);
    out.lastSeen = fields.time(u"lastSeen"_s);
    out.isProtected = fields.boolean(u"protected"_s, JsonReader::Required);
    out.protectedSince = fields.time(u"protectedSince"_s);
    out.enrolled = fields.time(u"enrolled"_s);
    out.planSummary = fields.string(u"planSummary"_s);
    if (fields.has(u"plan"_s))
        out.plan = readNested<PlanInfo>(fields, u"plan"_s);
    out.planUpdated = fields.time(u"planUpdated"_s);
    out.lastBackup = fields.time(u"lastBackup"_s);
    out.bandwidthLimit = fields.integer(u"bandwidthLimit"_s);
    return fields.finish(out);
}

Result<UnprotectResult> UnprotectResult::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    UnprotectResult out;
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.generations = fields.integer(u"generations"_s);
    out.storedBytes = fields.integer(u"storedBytes"_s);
    return fields.finish(out);
}

// ---- Jobs ----

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return u"queued"_s;
    case JobState::Running:
        return u"running"_s;
    case JobState::Succeeded:
        return u"succeeded"_s;
    case JobState::Failed:
        return u"failed"_s;
    case JobState::Stopped:
        return u"stopped"_s;
    case JobState::Cancelled:
        return u"cancelled"_s;
    case JobState::Interrupted:
        return u"interrupted"_s;
    }
    return u"queued"_s;
}

std::optional<JobState> jobStateFromName(const QString &name)
{
    for (const JobState state : AllStates)
        if (jobStateName(state) == name)
            return state;
    return std::nullopt;
}

bool isFinished(JobState state)
{
    return state != JobState::Queued && state != JobState::Running;
}

std::optional<double> JobProgress::fraction() const
{
    if (sourceBytes <= 0)
        return std::nullopt;
    return qBound(0.0, double(bytesDone) / double(sourceBytes), 1.0);
}

Result<JobProgress> JobProgress::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    JobProgress out;
    out.sourceBytes = fields.integer(u"sourceBytes"_s);
    out.files = fields.integer(u"files"_s);
    out.bytesDone = fields.integer(u"bytesDone"_s);
    out.filesDone = fields.integer(u"filesDone"_s);
    out.transferredBytes = fields.integer(u"transferredBytes"_s);
    out.bytesPerSecond = fields.optionalInteger(u"bytesPerSecond"_s);
    out.etaSeconds = fields.optionalInteger(u"etaSeconds"_s);
    return fields.finish(out);
}

Result<JobEvent> JobEvent::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    JobEvent out;
    out.time = fields.time(u"time"_s, JsonReader::Required);
    out.level = fields.string(u"level"_s, JsonReader::Required);
    out.text = fields.string(u"text"_s);
    return fields.finish(out);
}

Result<JobInfo> JobInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    JobInfo out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.trigger = fields.string(u"trigger"_s);
    out.state = readState(fields, u"state"_s);
    out.reason = fields.string(u"reason"_s);
    out.planSummary = fields.string(u"planSummary"_s);
    out.queued = fields.time(u"queued"_s);
    out.started = fields.time(u"started"_s);
    out.ended = fields.time(u"ended"_s);
    out.progress = readNested<JobProgress>(fields, u"progress"_s);
    out.targetServerId = fields.optionalInteger(u"targetServerId"_s);
    out.targetPath = fields.string(u"targetPath"_s);
    out.generationId = fields.optionalInteger(u"generationId"_s);
    out.events = readList<JobEvent>(fields, json, u"events"_s);
    return fields.finish(out);
}

// ---- Generations, reports, alerts, regions ----

Result<GenerationCopy> GenerationCopy::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    GenerationCopy out;
    out.region = fields.string(u"region"_s, JsonReader::Required);
    out.state = fields.string(u"state"_s, JsonReader::Required);
    out.replicated = fields.time(u"replicated"_s);
    return fields.finish(out);
}

Result<GenerationInfo> GenerationInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    GenerationInfo out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.jobId = fields.optionalInteger(u"jobId"_s);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.planSummary = fields.string(u"planSummary"_s);
    out.storage = fields.string(u"storage"_s);
    out.timing = fields.string(u"timing"_s);
    out.retentionDays = fields.smallInteger(u"retentionDays"_s);
    out.start = fields.time(u"start"_s, JsonReader::Required);
    out.end = fields.time(u"end"_s);
    out.sourceBytes = fields.integer(u"sourceBytes"_s);
    out.files = fields.integer(u"files"_s);
    out.newBytes = fields.integer(u"newBytes"_s);
    out.status = fields.string(u"status"_s, JsonReader::Required);
    out.copies = readList<GenerationCopy>(fields, json, u"copies"_s);
    return fields.finish(out);
}

Result<ReportRow> ReportRow::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    ReportRow out;
    out.jobId = fields.integer(u"jobId"_s, JsonReader::Required);
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.serverName = fields.string(u"serverName"_s);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.planSummary = fields.string(u"planSummary"_s);
    out.trigger = fields.string(u"trigger"_s);
    out.queued = fields.time(u"queued"_s);
    out.start = fields.time(u"start"_s);
    out.end = fields.time(u"end"_s);
    out.durationSeconds = fields.optionalInteger(u"durationSeconds"_s);
    out.sourceBytes = fields.integer(u"sourceBytes"_s);
    out.transferredBytes = fields.integer(u"transferredBytes"_s);
    out.files = fields.integer(u"files"_s);
    out.result = readState(fields, u"result"_s);
    out.reason = fields.string(u"reason"_s);
    return fields.finish(out);
}

Result<JobReport> JobReport::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    JobReport out;
    out.days = fields.smallInteger(u"days"_s);
    out.maxRows = fields.smallInteger(u"maxRows"_s);
    out.generated = fields.time(u"generated"_s);
    out.rows = readList<ReportRow>(fields, json, u"rows"_s, ListPresence::Required);
    return fields.finish(out);
}

Result<AlertInfo> AlertInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    AlertInfo out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.serverId = fields.optionalInteger(u"serverId"_s);
    out.subject = fields.string(u"subject"_s);
    out.state = fields.string(u"state"_s, JsonReader::Required);
    out.opened = fields.time(u"opened"_s);
    out.acknowledgedBy = fields.string(u"acknowledgedBy"_s);
    out.acknowledged = fields.time(u"acknowledged"_s);
    out.resolved = fields.time(u"resolved"_s);
    out.details = fields.string(u"details"_s);
    return fields.finish(out);
}

Result<RegionReplication> RegionReplication::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    RegionReplication out;
    out.sourceRegions = fields.stringList(u"sourceRegions"_s);
    out.waitingGenerations = fields.integer(u"waitingGenerations"_s, JsonReader::Required);
    out.oldestWaitingEnd = fields.time(u"oldestWaitingEnd"_s);
    out.lagMs = fields.integer(u"lagMs"_s, JsonReader::Required);
    out.targetMs = fields.integer(u"targetMs"_s);
    if (out.waitingGenerations < 0)
        fields.fail(u"waitingGenerations"_s, u"must not be negative"_s);
    if (out.lagMs < 0)
        fields.fail(u"lagMs"_s, u"must not be negative"_s);
    return fields.finish(out);
}

Result<RegionInfo> RegionInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    RegionInfo out;
    out.name = fields.string(u"name"_s, JsonReader::Required);
    out.remoteRegion = fields.string(u"remoteRegion"_s);
    out.backupAllowed = fields.boolean(u"backupAllowed"_s);
    out.backupService = fields.boolean(u"backupService"_s);
    out.doubleAvailable = fields.boolean(u"doubleAvailable"_s);
    out.state = fields.string(u"state"_s, JsonReader::Required);
    out.stateChangedBy = fields.string(u"stateChangedBy"_s);
    out.stateChanged = fields.time(u"stateChanged"_s);
    if (fields.has(u"replication"_s))
        out.replication = readNested<RegionReplication>(fields, u"replication"_s);
    return fields.finish(out);
}

// ---- Enrollment ----

Result<EnrollmentToken> EnrollmentToken::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    EnrollmentToken out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.region = fields.string(u"region"_s, JsonReader::Required);
    out.createdAt = fields.time(u"createdAt"_s);
    out.expiresAt = fields.time(u"expiresAt"_s, JsonReader::Required);
    out.state = fields.string(u"state"_s, JsonReader::Required);
    out.usedAt = fields.time(u"usedAt"_s);
    out.usedByServerId = fields.optionalInteger(u"usedByServerId"_s);
    out.token = fields.string(u"token"_s);
    const QString package = fields.string(u"package"_s);
    auto decoded = QByteArray::fromBase64Encoding(
        package.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (fields.ok() && !decoded)
        fields.fail(u"package"_s, u"not base64"_s);
    out.package = *decoded;
    return fields.finish(out);
}

// ---- Administration ----

Result<DeleteServerResult> DeleteServerResult::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    DeleteServerResult out;
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s);
    out.generations = fields.integer(u"generations"_s);
    out.storedBytes = fields.integer(u"storedBytes"_s);
    return fields.finish(out);
}

Result<ApiKeyInfo> ApiKeyInfo::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    ApiKeyInfo out;
    out.id = fields.integer(u"id"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s, JsonReader::Required);
    out.userId = fields.integer(u"userId"_s);
    out.userName = fields.string(u"userName"_s);
    out.role = fields.string(u"role"_s);
    if (fields.ok() && !out.role.isEmpty() && out.role != u"admin"_s && out.role != u"operator"_s
        && out.role != u"viewer"_s)
        fields.fail(u"role"_s, u"\"%1\" is not one of admin, operator, viewer"_s.arg(out.role));
    out.createdAt = fields.time(u"createdAt"_s, JsonReader::Required);
    out.lastUsedAt = fields.time(u"lastUsedAt"_s);
    out.revoked = fields.boolean(u"revoked"_s);
    out.token = fields.string(u"token"_s);
    return fields.finish(out);
}

// ---- Restore and browsing ----

Result<RestoreTarget> RestoreTarget::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    RestoreTarget out;
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s);
    out.online = fields.boolean(u"online"_s);
    out.allowed = fields.boolean(u"allowed"_s, JsonReader::Required);
    out.issues = fields.stringList(u"issues"_s);
    return fields.finish(out);
}

QJsonObject RestoreRequest::toJson() const
{
    QJsonObject out { { u"generationId"_s, double(generationId) }, { u"overwrite"_s, overwrite } };
    if (targetServerId)
        out.insert(u"targetServerId"_s, double(*targetServerId));
    if (!targetPath.isEmpty())
        out.insert(u"targetPath"_s, targetPath);
    if (!paths.isEmpty())
        out.insert(u"paths"_s, QJsonArray::fromStringList(paths));
    if (!device.isEmpty())
        out.insert(u"device"_s, device);
    return out;
}

Result<FileEntry> FileEntry::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    FileEntry out;
    out.name = fields.string(u"name"_s, JsonReader::Required);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.sizeBytes = fields.integer(u"size"_s);
    out.modified = fields.time(u"modified"_s);
    return fields.finish(out);
}

Result<FolderListing> FolderListing::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    FolderListing out;
    out.path = fields.string(u"path"_s, JsonReader::Required);
    out.truncated = fields.boolean(u"truncated"_s);
    out.entries = readList<FileEntry>(fields, json, u"entries"_s, ListPresence::Required);
    return fields.finish(out);
}

Result<SearchMatch> SearchMatch::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    SearchMatch out;
    out.path = fields.string(u"path"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s);
    out.kind = fields.string(u"kind"_s, JsonReader::Required);
    out.sizeBytes = fields.integer(u"size"_s);
    out.modified = fields.time(u"modified"_s);
    if (fields.ok() && !out.path.startsWith(u'/'))
        fields.fail(u"path"_s, u"expected an absolute path"_s);
    if (out.name.isEmpty())
        out.name = out.path.section(u'/', -1);
    return fields.finish(out);
}

Result<GenerationSearch> GenerationSearch::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    GenerationSearch out;
    out.query = fields.string(u"query"_s);
    out.truncated = fields.boolean(u"truncated"_s);
    out.entries = readList<SearchMatch>(fields, json, u"entries"_s, ListPresence::Required);
    return fields.finish(out);
}

// ---- Usage ----

Result<UsageDay> UsageDay::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    UsageDay out;
    out.day = fields.date(u"day"_s, JsonReader::Required);
    out.protectedBytes = fields.integer(u"protectedBytes"_s);
    return fields.finish(out);
}

Result<ServerUsage> ServerUsage::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    ServerUsage out;
    out.serverId = fields.integer(u"serverId"_s, JsonReader::Required);
    out.name = fields.string(u"name"_s);
    out.days = readList<UsageDay>(fields, json, u"days"_s);
    const QJsonObject menu = fields.object(u"menu"_s);
    if (!menu.isEmpty()) {
        JsonReader menuFields(menu);
        out.storage = menuFields.string(u"storage"_s);
        out.timing = menuFields.string(u"timing"_s);
        out.retentionDays = menuFields.smallInteger(u"retentionDays"_s);
        if (!menuFields.ok())
            fields.adopt(u"menu"_s, menuFields.finish(0).error());
    }
    out.averageBytes = fields.number(u"averageBytes"_s);
    out.estimatedCharge = fields.optionalInteger(u"estimatedCharge"_s);
    out.chargeError = fields.string(u"chargeError"_s);
    return fields.finish(out);
}

Result<UsageReport> UsageReport::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    UsageReport out;
    out.month = fields.string(u"month"_s, JsonReader::Required);
    out.currentMonth = fields.string(u"currentMonth"_s);
    out.months = fields.stringList(u"months"_s);
    for (const QString &month : std::as_const(out.months))
        if (!isMonth(month))
            fields.fail(u"months"_s, u"\"%1\" is not YYYY-MM"_s.arg(month));
    if (!out.currentMonth.isEmpty() && !isMonth(out.currentMonth))
        fields.fail(u"currentMonth"_s, u"\"%1\" is not YYYY-MM"_s.arg(out.currentMonth));
    out.currency = fields.string(u"currency"_s);
    out.averageBytes = fields.number(u"averageBytes"_s);
    out.estimatedCharge = fields.optionalInteger(u"estimatedCharge"_s);
    out.servers = readList<ServerUsage>(fields, json, u"servers"_s, ListPresence::Required);
    return fields.finish(out);
}

Result<DrStep> DrStep::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    DrStep out;
    out.name = fields.string(u"name"_s, JsonReader::Required);
    out.state = fields.string(u"state"_s, JsonReader::Required);
    out.detail = fields.string(u"detail"_s);
    return fields.finish(out);
}

Result<DrStatus> DrStatus::fromJson(const QJsonObject &json)
{
    JsonReader fields(json);
    DrStatus out;
    out.configured = fields.boolean(u"configured"_s, JsonReader::Required);
    out.state = fields.string(u"state"_s);
    out.steps = readList<DrStep>(fields, json, u"steps"_s);
    out.lastCatalogCopyAt = fields.time(u"lastCatalogCopyAt"_s);
    return fields.finish(out);
}

} // namespace Kura::Api::Client
