#pragma once

#include "regionmatrix.h"
#include "types.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// The plan rules of SPEC §3: what a valid plan is, when its windows are, and how many
// generations it may keep. Pure functions; time is always passed in (milliseconds since the
// Unix epoch, UTC).
namespace Kura::Policy {

constexpr qint64 MsPerSecond = 1000;
constexpr qint64 MsPerMinute = 60 * MsPerSecond;
constexpr qint64 MsPerHour = 60 * MsPerMinute;
constexpr qint64 MsPerDay = 24 * MsPerHour;

constexpr int DailyWindowCount = 8; // 00-03, 03-06, ..., 21-24 UTC
constexpr int DailyWindowHours = 3;
constexpr int WeeklyWindowCount = 3; // 00-08, 08-16, 16-24 UTC
constexpr int WeeklyWindowHours = 8;
constexpr int CommandTimeoutMaxSeconds = 24 * 3600;

// Why a plan is not acceptable. Stable values: the console translates them.
enum class PlanIssue {
    UnknownRegion,            // value: the server's region, not in the matrix
    NoBackupService,          // value: the server's region, marked "no backup service"
    DoubleNotAvailable,       // value: the server's region, which has no double-storage pair
    DailyWindowOutOfRange,    // value: the window number (valid 0..7)
    WeekdayOutOfRange,        // value: the weekday (valid 1 = Monday .. 7 = Sunday)
    WeeklyWindowOutOfRange,   // value: the window number (valid 0..2)
    RetentionNotOffered,      // value: the retention in days (offered: 7, 30, 365)
    SystemWithoutDevice,      // system content with no boot volume device or image
    EmptyIncludePath,         // value: the index of the empty entry
    EmptyExcludePattern,      // value: the index of the empty entry
    CommandTimeoutOutOfRange, // value: the timeout in seconds (valid 1..86400 when a command is
                              // set)
};

// One problem of a plan: the issue, the Plan field it concerns and the offending value as
// text (see PlanIssue for what `value` holds). Not translated.
struct PlanProblem
{
    PlanIssue issue = PlanIssue::UnknownRegion;
    QString field; // Plan member name, e.g. "dailyWindow"; "region" for region issues
    QString value;

    bool operator==(const PlanProblem &) const = default;
};

// A half-open interval [startMs, endMs) in UTC milliseconds.
struct TimeWindow
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    bool contains(qint64 ms) const { return ms >= startMs && ms < endMs; }
    qint64 lengthMs() const { return endMs - startMs; }
    bool operator==(const TimeWindow &) const = default;
};

// Stable name of an issue (e.g. "daily_window_out_of_range") for the API and logs.
QString planIssueName(PlanIssue issue);

// The retention choices offered (7, 30, 365 days).
QList<int> offeredRetentionDays();

// Every problem of `plan` for a server of `serverRegion`, in a stable order; empty when the
// plan is valid. Window fields are checked only for the timing that uses them (the daily window
// for daily plans, weekday and weekly window for weekly plans), content fields only for the
// content that uses them.
QList<PlanProblem> validatePlan(
    const Plan &plan, const QString &serverRegion, const RegionMatrix &matrix);

// Backup runs allowed per sliding 24 h (SPEC §4): 5 for immediate plans, 3 for daily and
// weekly plans.
int runsPer24Hours(Timing timing);

// The most generations the plan can hold (SPEC §3): runsPer24Hours × retentionDays.
// Returns 0 for a non-positive retention.
int maxGenerations(const Plan &plan);

// The plan's start window on UTC calendar day `day`: for daily plans every day; for weekly
// plans only on the plan's weekday; never for immediate plans. Returns nullopt when there is
// no window that day or when the plan's window fields are out of range.
std::optional<TimeWindow> windowFor(const Plan &plan, QDate day);

// The window that contains `ms`, if any.
std::optional<TimeWindow> windowContaining(const Plan &plan, qint64 ms);

// The first window of `plan` that starts at or after `fromMs`. Nullopt for immediate plans
// and for plans whose window fields are out of range.
std::optional<TimeWindow> nextWindow(const Plan &plan, qint64 fromMs);

// Start of the UTC day that contains `ms`, and the UTC calendar date of `ms`.
qint64 startOfUtcDay(qint64 ms);
QDate utcDate(qint64 ms);
qint64 utcDayStartMs(QDate day);

} // namespace Kura::Policy
