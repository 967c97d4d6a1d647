#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace Kura::Catalog {

// SPEC §8: the jobs of the last 14 days, at most 2000 rows.
constexpr int ReportDays = 14;
constexpr int ReportMaxRows = 2000;

struct ReportRow {
    qint64 jobId = 0;
    qint64 serverId = 0;
    QString serverName;
    Policy::JobKind kind = Policy::JobKind::FileBackup;
    QString planSummary; // the plan the job ran under (planSummary())
    Policy::JobTrigger trigger = Policy::JobTrigger::Immediate;
    qint64 queuedMs = 0;
    std::optional<qint64> startMs;
    std::optional<qint64> endMs;
    std::optional<qint64> durationMs; // end - start when both are known
    qint64 sourceBytes = 0;
    qint64 transferredBytes = 0;
    qint64 files = 0;
    Policy::JobState result = Policy::JobState::Queued;
    QString reason;
};

// Every job of every server of the tenant queued in (nowMs - 14 days, nowMs], newest first
// (by queue time, then id), at most `maxRows` (clamped to 0..2000).
Result<QList<ReportRow>> jobReport(
    Database &database, qint64 tenantId, qint64 nowMs, int maxRows = ReportMaxRows);

// The stable column names of the report CSV, in column order. The console passes its own
// translated headers to reportCsv() instead.
QStringList reportColumns();

// The report as CSV (see csv.h): a header record, then one record per row in the given
// order. Times are ISO 8601 in `zone`; empty when unknown. Duration is whole seconds.
// Kind, trigger and result are the stable names of policy/types.h.
// `headers` replaces reportColumns() when it has the same number of entries.
QByteArray reportCsv(
    const QList<ReportRow> &rows, const QTimeZone &zone, const QStringList &headers = {});

} // namespace Kura::Catalog
