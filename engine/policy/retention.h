#pragma once

#include "types.h"

#include <QList>
#include <QString>

#include <optional>

// Retention of generations (SPEC §3, §5). Pure functions; time is passed in (UTC ms).
namespace Kura::Policy {

// What retention needs of one generation. `timestampMs` is the start time of the backup that
// made it; `retentionDays` and `timing` are those of the plan it was taken under, recorded with
// the generation so that a later plan change does not alter them.
struct GenerationInfo
{
    qint64 id = 0;
    qint64 timestampMs = 0;
    int retentionDays = 0;
    Timing timing = Timing::Immediate;

    bool operator==(const GenerationInfo &) const = default;
};

enum class RetentionReason {
    WithinRetention,       // kept: its minimum retention has not passed yet
    NewestOfImmediatePlan, // kept past retention: the newest generation under an immediate plan
    UnknownRetention,      // kept: its recorded retention is not positive, so it never expires
    RetentionPassed,       // expires: its minimum retention has passed
};

struct RetentionDecision
{
    qint64 generationId = 0;
    bool keep = true;
    RetentionReason reason = RetentionReason::WithinRetention;
    // timestampMs + retentionDays × 24 h: the first instant it may expire (and until which it is
    // locked against deletion). Equal to timestampMs for UnknownRetention.
    qint64 retentionEndsMs = 0;

    bool operator==(const RetentionDecision &) const = default;
};

QString retentionReasonName(RetentionReason reason);

// The instant the generation's minimum retention has passed: it may expire from then on.
qint64 retentionEndsMs(const GenerationInfo &generation);

// Decides, for each generation of one server (in the order given), whether it is kept at
// `nowMs`. A generation expires when nowMs >= retentionEndsMs, except the newest generation
// (greatest timestamp, then greatest id) when the server's current plan is immediate
// (`currentTiming`) or the generation itself was taken under an immediate plan: that one is
// kept until a newer generation exists. `currentTiming` is nullopt for a server without a plan;
// then only the generations' own timing counts.
QList<RetentionDecision> applyRetention(
    const QList<GenerationInfo> &generations, std::optional<Timing> currentTiming, qint64 nowMs);

} // namespace Kura::Policy
