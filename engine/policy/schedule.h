#pragma once

#include "planrules.h"

#include <QDate>

#include <optional>

// Where inside its window a scheduled backup starts (SPEC §3: "the exact start time inside the
// window is chosen by the server, spread to even out load"). Pure functions.
namespace Kura::Policy {

// The last part of a window in which no run is planned, so that a run delayed a little (a busy
// dispatcher, a reconnecting agent) still starts inside the window.
constexpr qint64 PlannedStartMarginMs = 30 * MsPerMinute;

// A stable 64-bit mix of a server id and a UTC day (SplitMix64 finalizer). Not Qt's qHash,
// which is seeded per process: the same server and day give the same value in every process,
// on every platform and in every version of Kura.
quint64 scheduleHash(qint64 serverId, QDate day);

// The planned start of `serverId`'s scheduled run on UTC day `day`: windowFor(plan, day).start
// plus an offset in whole seconds, spread evenly by scheduleHash() over
// [start, end - PlannedStartMarginMs). Nullopt when the plan has no window that day.
std::optional<qint64> plannedStart(qint64 serverId, const Plan &plan, QDate day);

// The first planned start at or after `fromMs`. Nullopt for immediate plans and plans whose
// window fields are out of range.
std::optional<qint64> nextPlannedStart(qint64 serverId, const Plan &plan, qint64 fromMs);

} // namespace Kura::Policy
