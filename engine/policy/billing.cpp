#include "billing.h"

#include "planrules.h"

#include <QDate>

#include <algorithm>
#include <cmath>

namespace Kura::Policy {
namespace {

struct Stretch
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    Menu menu;
};

// The protected stretches of [monthStart, monthEnd) in time order.
QList<Stretch> stretchesOf(QList<PlanPeriod> history, qint64 monthStart, qint64 monthEnd)
{
    std::stable_sort(history.begin(), history.end(),
        [](const PlanPeriod &a, const PlanPeriod &b) { return a.fromMs < b.fromMs; });
    QList<Stretch> stretches;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const qint64 from = std::max(history.at(i).fromMs, monthStart);
        const qint64 to
            = std::min(i + 1 < history.size() ? history.at(i + 1).fromMs : monthEnd, monthEnd);
        if (history.at(i).menu && from < to)
            stretches.append({ from, to, *history.at(i).menu });
    }
    return stretches;
}

Status checkSamples(const QList<UsageSample> &samples)
{
    for (qsizetype i = 0; i < samples.size(); ++i) {
        if (samples.at(i).protectedBytes < 0)
            return fail(ErrorCode::InvalidArgument,
                QStringLiteral("samples[%1].protectedBytes: %2 is negative")
                    .arg(i)
                    .arg(samples.at(i).protectedBytes));
    }
    return {};
}

// Average of the samples in [fromMs, toMs) and how many there were.
std::pair<double, int> averageIn(const QList<UsageSample> &samples, qint64 fromMs, qint64 toMs)
{
    double sum = 0;
    int count = 0;
    for (const UsageSample &sample : samples) {
        if (sample.timestampMs >= fromMs && sample.timestampMs < toMs) {
            sum += double(sample.protectedBytes);
            ++count;
        }
    }
    return { count > 0 ? sum / count : 0.0, count };
}

} // namespace

std::optional<std::pair<qint64, qint64>> monthBoundsMs(int year, int month)
{
    const QDate first(year, month, 1);
    if (!first.isValid())
        return std::nullopt;
    return std::make_pair(utcDayStartMs(first), utcDayStartMs(first.addMonths(1)));
}

double monthlyAverageBytes(const QList<UsageSample> &samples, int year, int month)
{
    const auto bounds = monthBoundsMs(year, month);
    return bounds ? averageIn(samples, bounds->first, bounds->second).first : 0.0;
}

Result<MonthlyCharge> monthlyCharge(const PriceTable &prices, int year, int month,
    const QList<UsageSample> &samples, const QList<PlanPeriod> &planHistory)
{
    const auto bounds = monthBoundsMs(year, month);
    if (!bounds)
        return fail(ErrorCode::InvalidArgument,
            QStringLiteral("month: %1-%2 is not a valid month").arg(year).arg(month));
    KURA_TRY(checkSamples(samples));
    MonthlyCharge charge { year, month, prices.currency(), 0, 0, {}, 0 };
    std::tie(charge.averageBytes, charge.sampleCount)
        = averageIn(samples, bounds->first, bounds->second);
    const double monthMs = double(bounds->second - bounds->first);
    double sum = 0;
    for (const Stretch &stretch : stretchesOf(planHistory, bounds->first, bounds->second)) {
        const auto price = prices.pricePerGbMonth(stretch.menu);
        if (!price)
            return fail(ErrorCode::NotFound,
                QStringLiteral("price table: no price for menu %1").arg(menuKey(stretch.menu)));
        ChargeLine line { stretch.menu, stretch.fromMs, stretch.toMs, 0, 0, *price, 0 };
        std::tie(line.averageBytes, line.sampleCount)
            = averageIn(samples, stretch.fromMs, stretch.toMs);
        if (line.sampleCount == 0)
            line.averageBytes = charge.averageBytes;
        line.amount = line.averageBytes / BytesPerGb * line.pricePerGbMonth
            * double(stretch.toMs - stretch.fromMs) / monthMs;
        sum += line.amount;
        charge.lines.append(line);
    }
    charge.total = qint64(std::floor(sum + 0.5));
    return charge;
}

} // namespace Kura::Policy
