#include "retention.h"

#include "planrules.h"

#include <array>

namespace Kura::Policy {
namespace {

constexpr std::array<const char *, 4> reasonNames { {
    "within_retention",
    "newest_of_immediate_plan",
    "unknown_retention",
    "retention_passed",
} };

// Index of the newest generation, or -1 for an empty list.
qsizetype newestIndex(const QList<GenerationInfo> &generations)
{
    qsizetype newest = -1;
    for (qsizetype i = 0; i < generations.size(); ++i) {
        const GenerationInfo &g = generations.at(i);
        if (newest < 0)
            newest = i;
        const GenerationInfo &n = generations.at(newest);
        if (g.timestampMs > n.timestampMs || (g.timestampMs == n.timestampMs && g.id > n.id))
            newest = i;
    }
    return newest;
}

} // namespace

QString retentionReasonName(RetentionReason reason)
{
    return QString::fromLatin1(reasonNames.at(std::size_t(reason)));
}

qint64 retentionEndsMs(const GenerationInfo &generation)
{
    return generation.timestampMs + qint64(qMax(generation.retentionDays, 0)) * MsPerDay;
}

QList<RetentionDecision> applyRetention(
    const QList<GenerationInfo> &generations, std::optional<Timing> currentTiming, qint64 nowMs)
{
    const qsizetype newest = newestIndex(generations);
    QList<RetentionDecision> decisions;
    decisions.reserve(generations.size());
    for (qsizetype i = 0; i < generations.size(); ++i) {
        const GenerationInfo &g = generations.at(i);
        RetentionDecision decision { g.id, true, RetentionReason::WithinRetention,
            retentionEndsMs(g) };
        const bool immediate = currentTiming == Timing::Immediate || g.timing == Timing::Immediate;
        if (g.retentionDays <= 0)
            decision.reason = RetentionReason::UnknownRetention;
        else if (nowMs < decision.retentionEndsMs)
            decision.reason = RetentionReason::WithinRetention;
        else if (i == newest && immediate)
            decision.reason = RetentionReason::NewestOfImmediatePlan;
        else
            decision = { g.id, false, RetentionReason::RetentionPassed, decision.retentionEndsMs };
        decisions.append(decision);
    }
    return decisions;
}

} // namespace Kura::Policy
