#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

// Grace added to a plan's interval before a server counts as overdue. 12 hours covers the
// longest start window (8 h, weekly) plus a few hours of backup time, so a backup that
// starts late in its window and runs long does not raise a false alarm.
constexpr qint64 DefaultOverdueGraceMs = 12ll * 3600 * 1000;

// The interval between expected successful backups: 1 day for daily plans, 7 days for weekly
// plans, none for immediate plans (they run only on request and are never overdue).
std::optional<qint64> expectedIntervalMs(Policy::Timing timing);

// When a server becomes overdue: `referenceMs` + interval + grace, where `referenceMs` is
// its last successful backup's end or, if later or if it never succeeded, the time its
// current plan was set (at the latest the time it was protected). None for immediate plans.
std::optional<qint64> overdueDeadlineMs(Policy::Timing timing, std::optional<qint64> lastSuccessMs,
    qint64 planSinceMs, qint64 graceMs = DefaultOverdueGraceMs);

struct OverdueServer {
    qint64 serverId = 0;
    QString name;
    std::optional<qint64> lastSuccessMs;
    qint64 deadlineMs = 0; // the moment it became overdue
};

// Finds the tenant's protected, scheduled servers that are overdue at `nowMs` (now strictly
// after the deadline), raises an `overdue` alert for each (idempotent) and resolves the
// active overdue alerts of servers that are no longer overdue (a backup succeeded, the plan
// became immediate, or the server was unprotected or deleted). Returns the overdue servers
// ordered by name.
Result<QList<OverdueServer>> checkOverdue(
    Database &database, qint64 tenantId, qint64 nowMs, qint64 graceMs = DefaultOverdueGraceMs);

} // namespace Kura::Catalog
