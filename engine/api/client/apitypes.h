#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// Plain value types for what the HTTP API /api/v1 returns (docs/api/openapi.yaml), as the
// console and kuractl see them. They depend on Qt Core and kura_core only, so that a client
// links without the catalog, the scheduler or the server.
//
// Conventions:
// - Times are QDateTime in UTC; a null or absent time in the JSON is an invalid QDateTime.
// - Enumerations keep the API's stable lower-case names as QString ("file_backup", "daily",
//   "complete"), except the job state, which clients branch on (JobState below).
// - fromJson() checks every field it reads: a field of the wrong type, a malformed time or
//   an unknown job state is an error (ErrorCode::Corrupt) that names the field with its path
//   ("servers[2].lastSeen: expected an ISO 8601 time or null"). Fields the client does not
//   know are ignored, so a newer server that adds fields still works. Missing optional
//   fields (nullable in the OpenAPI document) take their empty values; missing required
//   ones (ids, names, states) are errors.
namespace Kura::Api::Client {

// ---- Errors ----------------------------------------------------------------------------------

// A failed call as the client saw it: either the server's error body ({code, message,
// details}, docs/api.md "Errors") with the HTTP status, or a transport failure (httpStatus 0:
// connection refused, timeout, TLS) or an answer the client could not read (ErrorCode::Corrupt
// with the HTTP status of the answer).
struct ApiError {
    int httpStatus = 0; // 0: no HTTP answer at all
    ErrorCode code = ErrorCode::Internal;
    // The server's "code" string as sent ("conflict"; a newer server may send codes this
    // client does not know, then `code` follows the HTTP status); errorCodeName(code) when the
    // answer had no error body.
    QString codeName;
    QString message; // English, for logs and the command line; clients translate from code
    QJsonObject details; // "details" of the error body
    // True when the failure means the server cannot be reached (refused, host not found,
    // timeout): the client then reports connectionLost().
    bool unreachable = false;

    // True when no HTTP answer arrived (refused, unreachable, timed out, TLS failure).
    bool isTransport() const { return httpStatus == 0; }

    // details.refusal (policy refusal name such as "quota_exhausted"), empty if none.
    QString refusal() const;
    // details.liftsAt: when the same request will be allowed; invalid when unknown (null:
    // when details.blockingJobId ends).
    QDateTime liftsAt() const;
    // details.field: the request field that was wrong ("plan.dailyWindow"), empty if none.
    QString field() const;
    // details.problems of a plan refusal: {issue, field, value} objects.
    QJsonArray problems() const;
    // details.issues of a refused restore target (refusal "restore_target").
    QStringList issues() const;

    // The same failure as a Kura::Error (code and "HTTP <status>: <message>").
    Error toError() const;
    QString toString() const;

    // An error from an HTTP answer with a status >= 400 and its body. A body that is not the
    // API's error object still gives an error, with the code derived from the status
    // (errorCodeForHttpStatus).
    static ApiError fromHttp(int httpStatus, const QByteArray &body);
    // A transport failure (httpStatus 0).
    static ApiError transport(ErrorCode code, const QString &message, bool unreachable);
};

template <class T> using ApiResult = tl::expected<T, ApiError>;

// The ErrorCode of a stable code name ("not_found"); nullopt for an unknown name.
std::optional<ErrorCode> errorCodeFromName(const QString &name);
// The ErrorCode an HTTP status stands for when the body does not say (inverse of the
// server's httpStatusFor: 400 InvalidArgument, 401 Unauthorized, 403 Forbidden, 404 NotFound,
// 405 InvalidArgument, 409 Conflict, 502/503/504 Unavailable, other 5xx Internal).
ErrorCode errorCodeForHttpStatus(int httpStatus);

// ---- Identity --------------------------------------------------------------------------------

// GET /me: who the token belongs to.
struct Identity {
    qint64 tenantId = 0;
    qint64 userId = 0;
    QString user;
    QString role; // "admin", "operator" or "viewer"
    bool apiKey = false; // the token is an API key, not a login session

    static Result<Identity> fromJson(const QJsonObject &json);
};

// POST /login: the identity plus the session token (shown once) and its expiry.
struct LoginResult {
    Identity identity;
    QString token;
    QDateTime expires;

    static Result<LoginResult> fromJson(const QJsonObject &json);
};

// ---- Servers and plans -----------------------------------------------------------------------

// A backup plan (SPEC §3). Sent to PUT /servers/{id}/plan and POST /servers/{id}/protect;
// read back inside ServerInfo. The defaults are those of the API.
struct PlanInfo {
    QString storage = QStringLiteral("local"); // "local" or "double"
    QString timing = QStringLiteral("immediate"); // "immediate", "daily" or "weekly"
    int dailyWindow = 0; // 0..7: starts at 3 h × n UTC
    int weekday = 1; // 1 = Monday .. 7 = Sunday (UTC)
    int weeklyWindow = 0; // 0..2: starts at 8 h × n UTC
    int retentionDays = 7; // 7, 30 or 365
    QString content = QStringLiteral("files"); // "files" or "system"
    QStringList includePaths;
    QStringList excludePatterns;
    QString systemDevice;
    QString preCommand;
    QString postCommand;
    int commandTimeoutSeconds = 600;
    // Read-only, filled by the server: "local/daily 03-06/30d/files" and the most
    // generations the plan keeps.
    QString summary;
    int maxGenerations = 0;

    // The plan object the API accepts (without the read-only fields).
    QJsonObject toJson() const;
    static Result<PlanInfo> fromJson(const QJsonObject &json);
    bool operator==(const PlanInfo &) const = default;
};

// The facts an agent reports about its host (SPEC §1).
struct HostFacts {
    QString hostName;
    QString osId;
    QString osVersion;
    QString arch;
    QString flavor;
    QString agentVersion;
    QStringList addresses;

    static Result<HostFacts> fromJson(const QJsonObject &json);
};

// GET /servers, GET /servers/{id}: a server with its plan summary and state.
struct ServerInfo {
    qint64 id = 0;
    QString name;
    QString region;
    QString advertisedAddress;
    HostFacts facts;
    bool online = false;
    QDateTime lastSeen;
    bool isProtected = false;
    QDateTime protectedSince;
    QDateTime enrolled;
    QString planSummary; // empty while unprotected
    std::optional<PlanInfo> plan; // set while protected
    QDateTime planUpdated;
    QDateTime lastBackup;
    qint64 bandwidthLimit = 0; // bytes per second for the agent's backups and restores; 0: none

    static Result<ServerInfo> fromJson(const QJsonObject &json);
};

// POST /servers/{id}/unprotect: what was deleted.
struct UnprotectResult {
    qint64 serverId = 0;
    qint64 generations = 0;
    qint64 storedBytes = 0;

    static Result<UnprotectResult> fromJson(const QJsonObject &json);
};

// ---- Jobs ------------------------------------------------------------------------------------

enum class JobState { Queued, Running, Succeeded, Failed, Stopped, Cancelled, Interrupted };
QString jobStateName(JobState state); // "queued", "running", ...
std::optional<JobState> jobStateFromName(const QString &name);
// True for the states a job never leaves (everything but queued and running).
bool isFinished(JobState state);

// The progress figures of a job (SPEC §4, §13 "honest progress").
struct JobProgress {
    qint64 sourceBytes = 0; // estimated total while running, final total afterwards
    qint64 files = 0; // likewise for files
    qint64 bytesDone = 0;
    qint64 filesDone = 0;
    qint64 transferredBytes = 0; // new bytes sent to the server
    std::optional<qint64> bytesPerSecond; // average since start; running jobs only
    std::optional<qint64> etaSeconds; // running jobs only, when the rate is known

    // bytesDone / sourceBytes in 0..1, or nullopt while the total is unknown.
    std::optional<double> fraction() const;
    static Result<JobProgress> fromJson(const QJsonObject &json);
};

// One line of a job's log.
struct JobEvent {
    QDateTime time;
    QString level; // "info", "warning" or "error"
    QString text;

    static Result<JobEvent> fromJson(const QJsonObject &json);
};

// GET /jobs, GET /jobs/{id}, POST /servers/{id}/backups, POST /jobs/{id}/stop.
struct JobInfo {
    qint64 id = 0;
    qint64 serverId = 0;
    QString kind; // "file_backup", "system_backup", "file_restore", "system_restore"
    QString trigger; // "scheduled" or "immediate"
    JobState state = JobState::Queued;
    QString reason; // why it failed, was stopped or cancelled
    QString planSummary;
    QDateTime queued;
    QDateTime started;
    QDateTime ended;
    JobProgress progress;
    std::optional<qint64> targetServerId; // restores
    QString targetPath; // restores
    std::optional<qint64> generationId;
    QList<JobEvent> events; // only from GET /jobs/{id}

    bool isFinished() const { return Client::isFinished(state); }
    static Result<JobInfo> fromJson(const QJsonObject &json);
};

// Which jobs GET /jobs returns.
struct JobFilter {
    std::optional<qint64> serverId;
    std::optional<JobState> state;
    int limit = 0; // 0: the server's default (200)
};

// ---- Generations, reports, alerts, regions ---------------------------------------------------

// One copy of a generation in a region (SPEC §7).
struct GenerationCopy {
    QString region;
    QString state; // "pending", "copying", "complete" or "failed"
    QDateTime replicated;

    static Result<GenerationCopy> fromJson(const QJsonObject &json);
};

// GET /servers/{id}/generations.
struct GenerationInfo {
    qint64 id = 0;
    qint64 serverId = 0;
    std::optional<qint64> jobId;
    QString kind; // "file_backup" or "system_backup"
    QString planSummary;
    QString storage; // "local" or "double"
    QString timing;
    int retentionDays = 0;
    QDateTime start;
    QDateTime end;
    qint64 sourceBytes = 0;
    qint64 files = 0;
    qint64 newBytes = 0;
    QString status; // "running", "complete" or "failed"
    QList<GenerationCopy> copies;

    static Result<GenerationInfo> fromJson(const QJsonObject &json);
};

// One row of the job report (SPEC §8).
struct ReportRow {
    qint64 jobId = 0;
    qint64 serverId = 0;
    QString serverName;
    QString kind;
    QString planSummary;
    QString trigger;
    QDateTime queued;
    QDateTime start;
    QDateTime end;
    std::optional<qint64> durationSeconds;
    qint64 sourceBytes = 0;
    qint64 transferredBytes = 0;
    qint64 files = 0;
    JobState result = JobState::Queued;
    QString reason;

    static Result<ReportRow> fromJson(const QJsonObject &json);
};

// GET /reports/jobs: the last `days` days, at most `maxRows` rows, newest first.
struct JobReport {
    int days = 0;
    int maxRows = 0;
    QDateTime generated;
    QList<ReportRow> rows;

    static Result<JobReport> fromJson(const QJsonObject &json);
};

// GET /alerts (SPEC §13).
struct AlertInfo {
    qint64 id = 0;
    QString kind; // "overdue", "job_failed", "scheduled_refused", "replication_lag", ...
    std::optional<qint64> serverId;
    QString subject;
    QString state; // "open", "acknowledged" or "resolved"
    QDateTime opened;
    QString acknowledgedBy;
    QDateTime acknowledged;
    QDateTime resolved;
    QString details;

    static Result<AlertInfo> fromJson(const QJsonObject &json);
};

// GET /regions: the caller's tenant's double-storage copies waiting for one region (SPEC §7).
struct RegionReplication {
    QStringList sourceRegions; // the regions whose copies go there
    qint64 waitingGenerations = 0; // complete generations whose copy has not arrived
    QDateTime oldestWaitingEnd; // end of the oldest of them; invalid when none waits
    qint64 lagMs = 0; // its age when the server answered; 0 when none waits
    qint64 targetMs = 0; // the replication target (24 hours)

    static Result<RegionReplication> fromJson(const QJsonObject &json);
};

// GET /regions (SPEC §7).
struct RegionInfo {
    QString name;
    QString remoteRegion; // empty when the region has no double-storage pair
    bool backupAllowed = false;
    bool backupService = false;
    bool doubleAvailable = false;
    QString state; // "ok" or "failed"
    QString stateChangedBy;
    QDateTime stateChanged;
    // Absent for a region that receives no double-storage copies.
    std::optional<RegionReplication> replication;

    static Result<RegionInfo> fromJson(const QJsonObject &json);
};

// ---- Enrollment ------------------------------------------------------------------------------

// GET/POST /enrollment-tokens: a one-time token with which a new agent enrolls (SPEC §2).
struct EnrollmentToken {
    qint64 id = 0;
    QString region;
    QDateTime createdAt;
    QDateTime expiresAt; // the token works until then
    QString state; // "active", "used" or "expired"
    QDateTime usedAt;
    std::optional<qint64> usedByServerId; // the server that enrolled with it
    // Only in the answer that created the token (the server keeps neither): the secret, and
    // the agent package (a ZIP for "kura-agent enroll --package FILE", docs/protocol.md).
    QString token;
    QByteArray package;

    static Result<EnrollmentToken> fromJson(const QJsonObject &json);
};

// ---- Administration --------------------------------------------------------------------------

// DELETE /servers/{id}?confirm=true: what was deleted with the server.
struct DeleteServerResult {
    qint64 serverId = 0;
    QString name;
    qint64 generations = 0;
    qint64 storedBytes = 0;

    static Result<DeleteServerResult> fromJson(const QJsonObject &json);
};

// GET/POST /api-keys: a key that acts as its user, limited to `role` (empty: the user's role).
struct ApiKeyInfo {
    qint64 id = 0;
    QString name;
    qint64 userId = 0;
    QString userName;
    QString role; // "admin", "operator", "viewer" or empty
    QDateTime createdAt;
    QDateTime lastUsedAt; // invalid: never used
    bool revoked = false;
    QString token; // only in the answer that created the key

    static Result<ApiKeyInfo> fromJson(const QJsonObject &json);
};

// ---- Restore and browsing --------------------------------------------------------------------

// GET /servers/{id}/generations/{gen}/targets: a server as the target of a restore, with the
// policy's verdict (SPEC §6): when not allowed, `issues` holds the reasons' stable names
// ("different_region", "different_plan", "flavor_unknown", "different_os", ...).
struct RestoreTarget {
    qint64 serverId = 0;
    QString name;
    bool online = false;
    bool allowed = false;
    QStringList issues;

    static Result<RestoreTarget> fromJson(const QJsonObject &json);
};

// POST /servers/{id}/restores: what to restore where. Files: `targetPath` (an absolute folder)
// with `paths` (empty: the whole generation) and `overwrite`; system: `device`.
struct RestoreRequest {
    qint64 generationId = 0;
    std::optional<qint64> targetServerId; // default: the generation's own server
    QString targetPath;
    QStringList paths;
    QString overwrite = QStringLiteral("skip"); // "skip", "overwrite" or "keep_both"
    QString device;

    QJsonObject toJson() const;
};

// One entry of a folder listing.
struct FileEntry {
    QString name;
    QString kind; // "file", "directory", "symlink" or "other"
    qint64 sizeBytes = 0;
    QDateTime modified;

    static Result<FileEntry> fromJson(const QJsonObject &json);
};

// GET /servers/{id}/files and GET /servers/{id}/generations/{gen}/files: one folder.
struct FolderListing {
    QString path;
    QList<FileEntry> entries;
    bool truncated = false; // the folder has more entries than were listed

    static Result<FolderListing> fromJson(const QJsonObject &json);
};

// One entry of a generation found by GET /servers/{id}/generations/{gen}/search: a folder
// entry (name = the last part of the path) with where it is.
struct SearchMatch : FileEntry {
    QString path; // absolute, as the generation stores it

    static Result<SearchMatch> fromJson(const QJsonObject &json);
};

// The entries of a whole generation whose name contains the searched text, ignoring case.
struct GenerationSearch {
    QString query;
    QList<SearchMatch> entries;
    bool truncated = false; // more entries match than were listed

    static Result<GenerationSearch> fromJson(const QJsonObject &json);
};

// ---- Usage -----------------------------------------------------------------------------------

// One day's protected (source) bytes of a server (SPEC §10).
struct UsageDay {
    QDate day; // UTC
    qint64 protectedBytes = 0;

    static Result<UsageDay> fromJson(const QJsonObject &json);
};

// A server's usage in a month: its samples, their monthly average and the estimated charge.
struct ServerUsage {
    qint64 serverId = 0;
    QString name;
    QList<UsageDay> days;
    // The plan menu of the month's last sample: stable names (policy/types.h) and days.
    QString storage;
    QString timing;
    int retentionDays = 0;
    double averageBytes = 0;
    // In whole units of the report's currency; unset without a price table, or when the table
    // does not sell the server's menu (chargeError says why).
    std::optional<qint64> estimatedCharge;
    QString chargeError;

    static Result<ServerUsage> fromJson(const QJsonObject &json);
};

// GET /usage: a month of the tenant's usage.
struct UsageReport {
    QString month; // "YYYY-MM"
    QString currentMonth; // the server's current UTC month; empty from a server without it
    QStringList months; // the months with samples of the tenant, newest first
    QString currency; // empty without a price table
    double averageBytes = 0; // the tenant's servers together
    std::optional<qint64> estimatedCharge;
    QList<ServerUsage> servers;

    static Result<UsageReport> fromJson(const QJsonObject &json);
};

// ---- Disaster recovery -----------------------------------------------------------------------

// One step of a disaster recovery as GET /dr lists it.
struct DrStep {
    QString name;
    QString state; // stable name, e.g. "done", "running", "pending", "failed"
    QString detail;

    static Result<DrStep> fromJson(const QJsonObject &json);
};

// GET /dr: whether disaster recovery is configured, and when it is, its state, steps and the
// time of the last copy of the catalog.
struct DrStatus {
    bool configured = false;
    QString state; // stable name; empty when not configured
    QList<DrStep> steps;
    QDateTime lastCatalogCopyAt; // UTC; invalid when unknown or never

    static Result<DrStatus> fromJson(const QJsonObject &json);
};

// Reads `key` of `json` as an array of T (T::fromJson on every element); errors name the
// element ("servers[3].name: expected a string").
template <class T> Result<QList<T>> listFromJson(const QJsonObject &json, const QString &key)
{
    const QJsonValue value = json.value(key);
    if (!value.isArray())
        return fail(ErrorCode::Corrupt, key + QStringLiteral(": expected an array"));
    const QJsonArray array = value.toArray();
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        if (!array.at(i).isObject())
            return fail(ErrorCode::Corrupt, where + QStringLiteral(": expected an object"));
        auto item = T::fromJson(array.at(i).toObject());
        if (!item)
            return fail(ErrorCode::Corrupt, where + u'.' + item.error().message());
        out.append(std::move(*item));
    }
    return out;
}

} // namespace Kura::Api::Client

Q_DECLARE_METATYPE(Kura::Api::Client::ApiError)
Q_DECLARE_METATYPE(Kura::Api::Client::JobInfo)
Q_DECLARE_METATYPE(Kura::Api::Client::ServerInfo)
