#include "schedule.h"

namespace Kura::Policy {

quint64 scheduleHash(qint64 serverId, QDate day)
{
    quint64 x = quint64(serverId) * 0x9E3779B97F4A7C15ull ^ quint64(day.toJulianDay());
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::optional<qint64> plannedStart(qint64 serverId, const Plan &plan, QDate day)
{
    const auto window = windowFor(plan, day);
    if (!window)
        return std::nullopt;
    const quint64 slotCount = quint64((window->lengthMs() - PlannedStartMarginMs) / MsPerSecond);
    return window->startMs + qint64(scheduleHash(serverId, day) % slotCount) * MsPerSecond;
}

std::optional<qint64> nextPlannedStart(qint64 serverId, const Plan &plan, qint64 fromMs)
{
    const QDate first = utcDate(fromMs);
    // Any window recurs within 7 days; day 8 covers a weekly start already passed on day 0.
    for (int offset = 0; offset <= 7; ++offset) {
        const auto start = plannedStart(serverId, plan, first.addDays(offset));
        if (start && *start >= fromMs)
            return start;
    }
    return std::nullopt;
}

} // namespace Kura::Policy
