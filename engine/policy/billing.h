#pragma once

#include "pricetable.h"

#include <core/error.h>

#include <QList>

#include <optional>

// Usage and billing (SPEC §10). Pure functions; time is passed in (UTC ms). The exact formula,
// with a worked example, is in docs/policy.md ("Billing").
namespace Kura::Policy {

constexpr double BytesPerGb = 1e9; // prices are per decimal gigabyte

// One daily sample of a server's protected (source) bytes.
struct UsageSample
{
    qint64 timestampMs = 0;
    qint64 protectedBytes = 0;
};

// From `fromMs` on, the server's menu is `menu` (nullopt: not protected), until the next
// period's `fromMs`. Before the first period the server is not protected.
struct PlanPeriod
{
    qint64 fromMs = 0;
    std::optional<Menu> menu;
};

// The charge of one stretch of the month under one menu.
struct ChargeLine
{
    Menu menu;
    qint64 fromMs = 0; // [fromMs, toMs) inside the month
    qint64 toMs = 0;
    double averageBytes = 0; // average of the stretch's samples (the month's average if none)
    int sampleCount = 0;     // samples taken inside the stretch
    double pricePerGbMonth = 0;
    double amount = 0; // averageBytes / 1e9 × price × (toMs - fromMs) / month length
};

struct MonthlyCharge
{
    int year = 0;
    int month = 0;
    QString currency;
    double averageBytes = 0; // the average of all the month's samples (what the console shows)
    int sampleCount = 0;
    QList<ChargeLine> lines;
    qint64 total = 0; // sum of the lines' amounts, rounded half up to a whole unit
};

// [start, end) of the UTC calendar month, in ms. Nullopt for an invalid year or month.
std::optional<std::pair<qint64, qint64>> monthBoundsMs(int year, int month);

// The average of the samples taken in the UTC calendar month (0 when there are none).
double monthlyAverageBytes(const QList<UsageSample> &samples, int year, int month);

// The charge of one server for one UTC calendar month: for each stretch of the month under one
// menu, the average of the stretch's samples × the menu's unit price × the stretch's share of
// the month; stretches without samples use the month's average; the lines' sum is rounded to a
// whole currency unit once. Errors: InvalidArgument for a bad month or a negative sample (named
// by index), NotFound for a menu that `prices` does not sell (named by menuKey()).
Result<MonthlyCharge> monthlyCharge(const PriceTable &prices, int year, int month,
    const QList<UsageSample> &samples, const QList<PlanPeriod> &planHistory);

} // namespace Kura::Policy
