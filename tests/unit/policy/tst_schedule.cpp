#include "policytestutil.h"

#include <policy/schedule.h>

#include <QSet>
#include <QTest>

using namespace Kura;
using namespace Kura::Policy;
using Kura::Test::utcMs;

class tst_Schedule : public QObject
{
    Q_OBJECT
private slots:
    void staysInsideWindowWithMargin_data();
    void staysInsideWindowWithMargin();
    void spreadsServersAcrossWindow();
    void stableForServerAndDay();
    void weeklyPlanStartsOnItsWeekdayOnly();
    void nextPlannedStart_data();
    void nextPlannedStart();
};

void tst_Schedule::staysInsideWindowWithMargin_data()
{
    QTest::addColumn<Plan>("plan");
    for (int window = 0; window < DailyWindowCount; ++window)
        QTest::addRow("daily window %d", window) << Test::dailyPlan(window);
    for (int window = 0; window < WeeklyWindowCount; ++window)
        QTest::addRow("weekly window %d", window) << Test::weeklyPlan(4, window);
}

void tst_Schedule::staysInsideWindowWithMargin()
{
    QFETCH(Plan, plan);
    const QDate thursday(2026, 3, 12);
    const auto window = windowFor(plan, thursday);
    QVERIFY(window);
    for (qint64 server = 1; server <= 2000; ++server) {
        const auto start = plannedStart(server, plan, thursday);
        QVERIFY(start);
        QVERIFY(*start >= window->startMs);
        QVERIFY(*start < window->endMs - PlannedStartMarginMs);
        QCOMPARE(*start % MsPerSecond, 0);
    }
}

void tst_Schedule::spreadsServersAcrossWindow()
{
    const Plan plan = Test::dailyPlan(0);
    const QDate day(2026, 3, 12);
    const TimeWindow window = *windowFor(plan, day);
    const qint64 span = window.lengthMs() - PlannedStartMarginMs;
    QList<int> buckets(10, 0);
    QSet<qint64> distinct;
    for (qint64 server = 1; server <= 1000; ++server) {
        const qint64 start = *plannedStart(server, plan, day);
        distinct.insert(start);
        ++buckets[int((start - window.startMs) * 10 / span)];
    }
    QVERIFY2(distinct.size() > 950, qPrintable(QString::number(distinct.size())));
    for (int count : buckets) // about 100 each; far from "all at the first second"
        QVERIFY2(count > 60 && count < 140, qPrintable(QString::number(count)));
}

void tst_Schedule::stableForServerAndDay()
{
    const Plan plan = Test::dailyPlan(3);
    const QDate day(2026, 3, 12);
    QCOMPARE(plannedStart(42, plan, day), plannedStart(42, plan, day));
    // Pinned (values from an independent SplitMix64 implementation): the hash must not change
    // between processes or versions, or every scheduled run would move.
    QCOMPARE(scheduleHash(1, QDate(2026, 1, 1)), Q_UINT64_C(0x46b5d9b49a7f3633));
    QCOMPARE(scheduleHash(-7, QDate(1999, 12, 31)), Q_UINT64_C(0x8b5e5cfb3f7aa617));
    const auto offsetOn
        = [&](QDate d) { return *plannedStart(42, plan, d) - windowFor(plan, d)->startMs; };
    int differentDays = 0;
    for (int offset = 1; offset <= 30; ++offset)
        differentDays += offsetOn(day) != offsetOn(day.addDays(offset));
    QVERIFY(differentDays >= 28); // the offset moves from day to day
}

void tst_Schedule::weeklyPlanStartsOnItsWeekdayOnly()
{
    const Plan plan = Test::weeklyPlan(6, 1); // Saturday 08-16
    QVERIFY(!plannedStart(9, plan, QDate(2026, 3, 13)));
    const auto saturday = plannedStart(9, plan, QDate(2026, 3, 14));
    QVERIFY(saturday);
    QVERIFY(*saturday >= utcMs("2026-03-14T08:00:00Z"));
    QVERIFY(*saturday < utcMs("2026-03-14T15:30:00Z"));
    QVERIFY(!plannedStart(9, Test::immediatePlan(), QDate(2026, 3, 14)));
    QVERIFY(!Policy::nextPlannedStart(9, Test::immediatePlan(), utcMs("2026-03-14T00:00:00Z")));
}

void tst_Schedule::nextPlannedStart_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<int>("fromOffsetMs"); // relative to the planned start on 2026-03-10
    QTest::addColumn<int>("expectedDayOffset");
    QTest::newRow("daily, before the planned start") << Test::dailyPlan(0) << -1 << 0;
    QTest::newRow("daily, exactly at the planned start") << Test::dailyPlan(0) << 0 << 0;
    QTest::newRow("daily, just after: tomorrow") << Test::dailyPlan(0) << 1 << 1;
    QTest::newRow("daily window 7, just after: tomorrow") << Test::dailyPlan(7) << 1 << 1;
    QTest::newRow("weekly Tuesday, just after: next week") << Test::weeklyPlan(2, 1) << 1 << 7;
    QTest::newRow("weekly Tuesday, before: today") << Test::weeklyPlan(2, 1) << -1000 << 0;
}

void tst_Schedule::nextPlannedStart()
{
    QFETCH(Plan, plan);
    QFETCH(int, fromOffsetMs);
    QFETCH(int, expectedDayOffset);
    const QDate tuesday(2026, 3, 10);
    const qint64 planned = *plannedStart(77, plan, tuesday);
    const auto next = Policy::nextPlannedStart(77, plan, planned + fromOffsetMs);
    QVERIFY(next);
    QCOMPARE(*next, *plannedStart(77, plan, tuesday.addDays(expectedDayOffset)));
}

QTEST_GUILESS_MAIN(tst_Schedule)
#include "tst_schedule.moc"
