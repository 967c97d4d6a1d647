#include "plancodec.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    QString hours(int startHour, int lengthHours)
    {
        return u"%1-%2"_s.arg(startHour, 2, 10, QChar(u'0'))
            .arg(startHour + lengthHours, 2, 10, QChar(u'0'));
    }

    QString timingPart(const Policy::Plan &plan)
    {
        static const char *const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
        switch (plan.timing) {
        case Policy::Timing::Immediate:
            return u"immediate"_s;
        case Policy::Timing::Daily:
            return u"daily "_s + hours(plan.dailyWindow * 3, 3);
        case Policy::Timing::Weekly: {
            const int day = (plan.weekday >= 1 && plan.weekday <= 7) ? plan.weekday - 1 : 0;
            return u"weekly %1 %2"_s.arg(
                QLatin1String(weekdays[day]), hours(plan.weeklyWindow * 8, 8));
        }
        }
        return {};
    }

} // namespace

QString planSummary(const Policy::Plan &plan)
{
    return u"%1/%2/%3d/%4"_s.arg(Policy::storageName(plan.storage), timingPart(plan))
        .arg(plan.retentionDays)
        .arg(Policy::contentName(plan.content));
}

} // namespace Kura::Catalog
