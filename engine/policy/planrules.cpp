#include "planrules.h"

#include <array>

namespace Kura::Policy {
namespace {

constexpr std::array<const char *, 11> issueNames { {
    "unknown_region",
    "no_backup_service",
    "double_not_available",
    "daily_window_out_of_range",
    "weekday_out_of_range",
    "weekly_window_out_of_range",
    "retention_not_offered",
    "system_without_device",
    "empty_include_path",
    "empty_exclude_pattern",
    "command_timeout_out_of_range",
} };

bool inRange(int value, int min, int max)
{
    return value >= min && value <= max;
}

void checkRegion(const Plan &plan, const QString &region, const RegionMatrix &matrix,
    QList<PlanProblem> &problems)
{
    const QString field = QStringLiteral("region");
    if (!matrix.contains(region))
        problems.append({ PlanIssue::UnknownRegion, field, region });
    else if (!matrix.hasBackupService(region))
        problems.append({ PlanIssue::NoBackupService, field, region });
    else if (plan.storage == Storage::Double && !matrix.isDoubleAllowed(region))
        problems.append({ PlanIssue::DoubleNotAvailable, QStringLiteral("storage"), region });
}

void checkTiming(const Plan &plan, QList<PlanProblem> &problems)
{
    if (plan.timing == Timing::Daily && !inRange(plan.dailyWindow, 0, DailyWindowCount - 1))
        problems.append({ PlanIssue::DailyWindowOutOfRange, QStringLiteral("dailyWindow"),
            QString::number(plan.dailyWindow) });
    if (plan.timing != Timing::Weekly)
        return;
    if (!inRange(plan.weekday, 1, 7))
        problems.append({ PlanIssue::WeekdayOutOfRange, QStringLiteral("weekday"),
            QString::number(plan.weekday) });
    if (!inRange(plan.weeklyWindow, 0, WeeklyWindowCount - 1))
        problems.append({ PlanIssue::WeeklyWindowOutOfRange, QStringLiteral("weeklyWindow"),
            QString::number(plan.weeklyWindow) });
}

void checkContent(const Plan &plan, QList<PlanProblem> &problems)
{
    if (plan.content == Content::System) {
        if (plan.systemDevice.trimmed().isEmpty())
            problems.append(
                { PlanIssue::SystemWithoutDevice, QStringLiteral("systemDevice"), QString() });
        return;
    }
    for (qsizetype i = 0; i < plan.includePaths.size(); ++i) {
        if (plan.includePaths.at(i).trimmed().isEmpty())
            problems.append({ PlanIssue::EmptyIncludePath, QStringLiteral("includePaths"),
                QString::number(i) });
    }
    for (qsizetype i = 0; i < plan.excludePatterns.size(); ++i) {
        if (plan.excludePatterns.at(i).trimmed().isEmpty())
            problems.append({ PlanIssue::EmptyExcludePattern, QStringLiteral("excludePatterns"),
                QString::number(i) });
    }
}

void checkCommands(const Plan &plan, QList<PlanProblem> &problems)
{
    const bool hasCommand
        = !plan.preCommand.trimmed().isEmpty() || !plan.postCommand.trimmed().isEmpty();
    if (hasCommand && !inRange(plan.commandTimeoutSeconds, 1, CommandTimeoutMaxSeconds))
        problems.append({ PlanIssue::CommandTimeoutOutOfRange,
            QStringLiteral("commandTimeoutSeconds"), QString::number(plan.commandTimeoutSeconds) });
}

std::optional<TimeWindow> windowAt(QDate day, int index, int hours)
{
    const qint64 start = utcDayStartMs(day) + qint64(index) * hours * MsPerHour;
    return TimeWindow { start, start + hours * MsPerHour };
}

bool windowFieldsValid(const Plan &plan)
{
    if (plan.timing == Timing::Daily)
        return inRange(plan.dailyWindow, 0, DailyWindowCount - 1);
    if (plan.timing == Timing::Weekly)
        return inRange(plan.weekday, 1, 7) && inRange(plan.weeklyWindow, 0, WeeklyWindowCount - 1);
    return false;
}

} // namespace

QString planIssueName(PlanIssue issue)
{
    return QString::fromLatin1(issueNames.at(std::size_t(issue)));
}

QList<int> offeredRetentionDays()
{
    return { 7, 30, 365 };
}

QList<PlanProblem> validatePlan(
    const Plan &plan, const QString &serverRegion, const RegionMatrix &matrix)
{
    QList<PlanProblem> problems;
    checkRegion(plan, serverRegion, matrix, problems);
    checkTiming(plan, problems);
    if (!offeredRetentionDays().contains(plan.retentionDays))
        problems.append({ PlanIssue::RetentionNotOffered, QStringLiteral("retentionDays"),
            QString::number(plan.retentionDays) });
    checkContent(plan, problems);
    checkCommands(plan, problems);
    return problems;
}

int runsPer24Hours(Timing timing)
{
    return timing == Timing::Immediate ? 5 : 3;
}

int maxGenerations(const Plan &plan)
{
    return plan.retentionDays > 0 ? runsPer24Hours(plan.timing) * plan.retentionDays : 0;
}

std::optional<TimeWindow> windowFor(const Plan &plan, QDate day)
{
    if (!day.isValid() || !windowFieldsValid(plan))
        return std::nullopt;
    if (plan.timing == Timing::Daily)
        return windowAt(day, plan.dailyWindow, DailyWindowHours);
    if (day.dayOfWeek() != plan.weekday)
        return std::nullopt;
    return windowAt(day, plan.weeklyWindow, WeeklyWindowHours);
}

std::optional<TimeWindow> windowContaining(const Plan &plan, qint64 ms)
{
    const auto window = windowFor(plan, utcDate(ms));
    if (window && window->contains(ms))
        return window;
    return std::nullopt;
}

std::optional<TimeWindow> nextWindow(const Plan &plan, qint64 fromMs)
{
    if (!windowFieldsValid(plan))
        return std::nullopt;
    const QDate first = utcDate(fromMs);
    // A weekly window recurs within 8 days of any day; a daily one within 2.
    for (int offset = 0; offset <= 7; ++offset) {
        const auto window = windowFor(plan, first.addDays(offset));
        if (window && window->startMs >= fromMs)
            return window;
    }
    return std::nullopt;
}

qint64 startOfUtcDay(qint64 ms)
{
    qint64 remainder = ms % MsPerDay;
    if (remainder < 0)
        remainder += MsPerDay;
    return ms - remainder;
}

QDate utcDate(qint64 ms)
{
    return QDate(1970, 1, 1).addDays(startOfUtcDay(ms) / MsPerDay);
}

qint64 utcDayStartMs(QDate day)
{
    return QDate(1970, 1, 1).daysTo(day) * MsPerDay;
}

} // namespace Kura::Policy
