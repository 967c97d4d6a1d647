#pragma once

#include "apitypes.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

// The HTTP requests of the API /api/v1, one builder per route (docs/api/openapi.yaml). The
// ApiClient's typed calls are built from these; kuractl's --json output sends the same
// requests through ApiClient::send() and prints the answer as it came. Nothing outside this
// file spells an API path.
namespace Kura::Api::Client {

struct ApiRequest {
    QByteArray method = "GET";
    QString path; // below the base URL, e.g. "/api/v1/servers/3"
    QUrlQuery query;
    QByteArray body; // sent as application/json when not null
    bool authenticated = true; // sends the bearer token (all routes but login)
};

} // namespace Kura::Api::Client

namespace Kura::Api::Client::Requests {

ApiRequest login(const QString &tenant, const QString &user, const QString &password);
ApiRequest logout();
ApiRequest me();

ApiRequest servers();
ApiRequest server(qint64 serverId);
// PUT /servers/{id}/plan and POST /servers/{id}/protect: {"plan": ..., "confirmTransfer"}.
ApiRequest setPlan(qint64 serverId, const PlanInfo &plan, bool confirmTransfer);
ApiRequest protect(qint64 serverId, const PlanInfo &plan, bool confirmTransfer);
// {"confirm": confirm}; without confirmation the server answers 400 with the amount of data.
ApiRequest unprotect(qint64 serverId, bool confirm);
ApiRequest generations(qint64 serverId);
// {"bytesPerSecond": N}: the agent's limit for backups and restores; 0 removes it.
ApiRequest setBandwidth(qint64 serverId, qint64 bytesPerSecond);

// `kind`: "files" or "system" (or "file_backup"/"system_backup"); empty: the plan's content.
ApiRequest startBackup(qint64 serverId, const QString &kind);
ApiRequest jobs(const JobFilter &filter);
ApiRequest job(qint64 jobId);
ApiRequest stopJob(qint64 jobId);

// `limit` 0: the server's default (2000). `timeZone`: an IANA id; empty: UTC.
ApiRequest jobReport(int limit = 0);
ApiRequest jobReportCsv(const QString &timeZone = {}, int limit = 0);

// `includeResolved`: also resolved alerts; `limit` 0: the server's default.
ApiRequest alerts(bool includeResolved = false, int limit = 0);
ApiRequest acknowledgeAlert(qint64 alertId);
ApiRequest regions();

// A one-time enrollment token and its agent package for a new agent in `region`, valid for
// `validHours` (0: the server's default, 24 h).
ApiRequest createEnrollmentToken(const QString &region, int validHours = 0);
ApiRequest enrollmentTokens(int limit = 0);
ApiRequest revokeEnrollmentToken(qint64 tokenId);

// Administration (admin): delete a server (client) with its data and agent identity (without
// `confirm` the server answers 400 with the amount); mark a region "failed" or "ok"; the
// tenant's API keys, a new one limited to `role` ("admin", "operator", "viewer"), revoking one.
ApiRequest deleteServer(qint64 serverId, bool confirm);
ApiRequest setRegionState(const QString &region, const QString &state, const QString &reason = {});
ApiRequest apiKeys();
ApiRequest createApiKey(const QString &name, const QString &role);
ApiRequest revokeApiKey(qint64 keyId);

// Every server of the tenant as a restore target of generation `generationId` of `serverId`.
ApiRequest restoreTargets(qint64 serverId, qint64 generationId);
// POST /servers/{id}/restores: `serverId` is the generation's server.
ApiRequest startRestore(qint64 serverId, const RestoreRequest &restore);
// One folder of a generation, or of the server's own file system (asked of its agent; `limit`
// 0: the server's default).
ApiRequest browseGeneration(qint64 serverId, qint64 generationId, const QString &path);
ApiRequest browseServer(qint64 serverId, const QString &path, int limit = 0);
// The entries of a whole generation whose name contains `text` (`limit` 0: the server's
// default, which is also its maximum, 1000).
ApiRequest searchGeneration(qint64 serverId, qint64 generationId, const QString &text, int limit = 0);

// A month's usage and estimated charges; `month` "YYYY-MM", empty: the current UTC month.
ApiRequest usage(const QString &month = {});
// The same month as CSV (UTF-8 with BOM, RFC 4180): one record per server, then the total.
ApiRequest usageCsv(const QString &month = {});
// The state of disaster recovery (SPEC §12).
ApiRequest drStatus();

// The WebSocket of live events (GET /api/v1/events with an upgrade; EventSubscription).
ApiRequest events();

} // namespace Kura::Api::Client::Requests
