#pragma once

#include "jsonbody.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/regionstore.h>
#include <catalog/replicationlag.h>
#include <catalog/report.h>
#include <catalog/serverstore.h>
#include <policy/planrules.h>
#include <policy/types.h>

#include <QJsonArray>
#include <QJsonObject>

// The JSON shapes of the API's resources (docs/api/openapi.yaml lists the same fields).
// Enumerations use the stable names of policy/types.h and the catalog; times are ISO 8601
// UTC strings (httpmessage.h isoUtc) or null when unknown.
namespace Kura::Api {

QJsonObject planToJson(const Policy::Plan &plan);
// Reads a plan object. Missing fields take the defaults of Policy::Plan; unknown fields and
// unknown enum names are reported through `fields` (see FieldReader).
Policy::Plan planFromJson(FieldReader &fields);
QJsonArray planProblemsToJson(const QList<Policy::PlanProblem> &problems);

// A server with its plan summary, online state, protection and last backup.
QJsonObject serverToJson(const Catalog::ServerRecord &server);
// A job with its progress figures (and rate/ETA while running at `nowMs`).
QJsonObject jobToJson(const Catalog::JobRecord &job, qint64 nowMs);
QJsonObject jobEventToJson(const Catalog::JobEvent &event);
QJsonObject generationToJson(
    const Catalog::GenerationRecord &generation, const QList<Catalog::GenerationCopy> &copies);
QJsonObject alertToJson(const Catalog::AlertRecord &alert);
QJsonObject regionToJson(const Catalog::RegionRecord &region);
// The double-storage copies waiting for one region at `nowMs`: sourceRegions,
// waitingGenerations, oldestWaitingEnd (null when none waits), lagMs and targetMs.
QJsonObject regionReplicationToJson(const Catalog::RegionReplication &replication, qint64 nowMs);
QJsonObject reportRowToJson(const Catalog::ReportRow &row);

} // namespace Kura::Api
