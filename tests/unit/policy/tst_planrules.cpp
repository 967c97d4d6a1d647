#include "policytestutil.h"

#include <policy/planrules.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;
using Kura::Test::utcMs;

using Problems = QList<PlanProblem>;

class tst_PlanRules : public QObject
{
    Q_OBJECT
private slots:
    void acceptsValidPlans_data();
    void acceptsValidPlans();
    void reportsEveryProblem_data();
    void reportsEveryProblem();
    void namesIssuesStably();
    void dailyWindowBoundaries_data();
    void dailyWindowBoundaries();
    void weeklyWindowOnlyOnItsWeekday_data();
    void weeklyWindowOnlyOnItsWeekday();
    void nextWindowAfterWeekdayChange_data();
    void nextWindowAfterWeekdayChange();
    void immediateAndInvalidPlansHaveNoWindow();
    void maxGenerations_data();
    void maxGenerations();
    void utcDayHelpers();
};

void tst_PlanRules::acceptsValidPlans_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<QString>("region");
    Plan system = Test::dailyPlan(7, 365);
    system.content = Content::System;
    system.systemDevice = QStringLiteral("/dev/vda");
    Plan doubled = Test::weeklyPlan(7, 2, 30);
    doubled.storage = Storage::Double;
    Plan files = Test::immediatePlan();
    files.includePaths = { QStringLiteral("/etc"), QStringLiteral("C:\\Data") };
    files.excludePatterns = { QStringLiteral("*.tmp") };
    files.preCommand = QStringLiteral("pg_dump -f /var/backups/db.sql");
    files.commandTimeoutSeconds = 86400;
    Plan staleFields = Test::immediatePlan();
    staleFields.dailyWindow = 99; // not used by an immediate plan
    staleFields.weekday = 0;
    QTest::newRow("daily system plan") << system << "US1";
    QTest::newRow("double weekly plan in a paired region") << doubled << "JP2";
    QTest::newRow("files with paths and a command") << files << "JP4";
    QTest::newRow("unused window fields are not checked") << staleFields << "JP1";
    QTest::newRow("first daily window") << Test::dailyPlan(0) << "JP1";
    QTest::newRow("Monday first weekly window") << Test::weeklyPlan(1, 0) << "JP1";
}

void tst_PlanRules::acceptsValidPlans()
{
    QFETCH(Plan, plan);
    QFETCH(QString, region);
    QCOMPARE(validatePlan(plan, region, defaultRegionMatrix()), Problems());
}

void tst_PlanRules::reportsEveryProblem_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<QString>("region");
    QTest::addColumn<Problems>("expected");
    const auto problem = [](PlanIssue issue, const char *field, const QString &value) {
        return PlanProblem { issue, QString::fromLatin1(field), value };
    };
    Plan doubled = Test::dailyPlan(1);
    doubled.storage = Storage::Double;
    QTest::newRow("double where no pair exists")
        << doubled << "US1"
        << Problems { problem(PlanIssue::DoubleNotAvailable, "storage", QStringLiteral("US1")) };
    QTest::newRow("region without backup service")
        << Test::dailyPlan(1) << "AU1"
        << Problems { problem(PlanIssue::NoBackupService, "region", QStringLiteral("AU1")) };
    QTest::newRow("unknown region")
        << Test::dailyPlan(1) << "XX1"
        << Problems { problem(PlanIssue::UnknownRegion, "region", QStringLiteral("XX1")) };
    QTest::newRow("daily window 8") << Test::dailyPlan(8) << "JP1"
                                    << Problems { problem(PlanIssue::DailyWindowOutOfRange,
                                           "dailyWindow", QStringLiteral("8")) };
    QTest::newRow("daily window -1") << Test::dailyPlan(-1) << "JP1"
                                     << Problems { problem(PlanIssue::DailyWindowOutOfRange,
                                            "dailyWindow", QStringLiteral("-1")) };
    QTest::newRow("weekday 0 and window 3")
        << Test::weeklyPlan(0, 3) << "JP1"
        << Problems { problem(PlanIssue::WeekdayOutOfRange, "weekday", QStringLiteral("0")),
               problem(PlanIssue::WeeklyWindowOutOfRange, "weeklyWindow", QStringLiteral("3")) };
    QTest::newRow("weekday 8") << Test::weeklyPlan(8, 0) << "JP1"
                               << Problems { problem(PlanIssue::WeekdayOutOfRange, "weekday",
                                      QStringLiteral("8")) };
    QTest::newRow("retention 14 days") << Test::dailyPlan(0, 14) << "JP1"
                                       << Problems { problem(PlanIssue::RetentionNotOffered,
                                              "retentionDays", QStringLiteral("14")) };
    Plan system = Test::immediatePlan();
    system.content = Content::System;
    system.systemDevice = QStringLiteral("  ");
    QTest::newRow("system content without a device")
        << system << "JP1"
        << Problems { problem(PlanIssue::SystemWithoutDevice, "systemDevice", QString()) };
    Plan files = Test::immediatePlan();
    files.includePaths = { QStringLiteral("/home"), QString() };
    files.excludePatterns = { QStringLiteral(" ") };
    QTest::newRow("empty path and pattern")
        << files << "JP1"
        << Problems { problem(PlanIssue::EmptyIncludePath, "includePaths", QStringLiteral("1")),
               problem(PlanIssue::EmptyExcludePattern, "excludePatterns", QStringLiteral("0")) };
    Plan command = Test::immediatePlan();
    command.postCommand = QStringLiteral("systemctl start db");
    command.commandTimeoutSeconds = 0;
    QTest::newRow("command with zero timeout")
        << command << "JP1"
        << Problems { problem(
               PlanIssue::CommandTimeoutOutOfRange, "commandTimeoutSeconds", QStringLiteral("0")) };
    Plan everything = Test::weeklyPlan(9, 1, 0);
    everything.storage = Storage::Double;
    QTest::newRow("several problems in a stable order")
        << everything << "SG1"
        << Problems { problem(PlanIssue::DoubleNotAvailable, "storage", QStringLiteral("SG1")),
               problem(PlanIssue::WeekdayOutOfRange, "weekday", QStringLiteral("9")),
               problem(PlanIssue::RetentionNotOffered, "retentionDays", QStringLiteral("0")) };
}

void tst_PlanRules::reportsEveryProblem()
{
    QFETCH(Plan, plan);
    QFETCH(QString, region);
    QFETCH(Problems, expected);
    QCOMPARE(validatePlan(plan, region, defaultRegionMatrix()), expected);
}

void tst_PlanRules::namesIssuesStably()
{
    QCOMPARE(planIssueName(PlanIssue::UnknownRegion), QStringLiteral("unknown_region"));
    QCOMPARE(planIssueName(PlanIssue::DailyWindowOutOfRange),
        QStringLiteral("daily_window_out_of_range"));
    QCOMPARE(planIssueName(PlanIssue::CommandTimeoutOutOfRange),
        QStringLiteral("command_timeout_out_of_range"));
}

void tst_PlanRules::dailyWindowBoundaries_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<qint64>("at");
    QTest::addColumn<bool>("inside");
    QTest::addColumn<qint64>("expectedStart");
    QTest::newRow("window 0 opens at 00:00")
        << 0 << utcMs("2026-03-10T00:00:00Z") << true << utcMs("2026-03-10T00:00:00Z");
    QTest::newRow("window 0 last millisecond")
        << 0 << utcMs("2026-03-10T02:59:59.999Z") << true << utcMs("2026-03-10T00:00:00Z");
    QTest::newRow("window 0 closed at 03:00")
        << 0 << utcMs("2026-03-10T03:00:00Z") << false << qint64(0);
    QTest::newRow("window 0 not in the previous evening")
        << 0 << utcMs("2026-03-09T23:59:59.999Z") << false << qint64(0);
    QTest::newRow("window 7 opens at 21:00")
        << 7 << utcMs("2026-03-10T21:00:00Z") << true << utcMs("2026-03-10T21:00:00Z");
    QTest::newRow("window 7 runs to 24:00")
        << 7 << utcMs("2026-03-10T23:59:59.999Z") << true << utcMs("2026-03-10T21:00:00Z");
    QTest::newRow("window 7 closed at 24:00")
        << 7 << utcMs("2026-03-11T00:00:00Z") << false << qint64(0);
    QTest::newRow("window 7 on New Year's Eve")
        << 7 << utcMs("2026-12-31T22:00:00Z") << true << utcMs("2026-12-31T21:00:00Z");
    QTest::newRow("window 4 at noon")
        << 4 << utcMs("2026-03-10T12:00:00Z") << true << utcMs("2026-03-10T12:00:00Z");
}

void tst_PlanRules::dailyWindowBoundaries()
{
    QFETCH(int, window);
    QFETCH(qint64, at);
    QFETCH(bool, inside);
    QFETCH(qint64, expectedStart);
    const Plan plan = Test::dailyPlan(window);
    const auto found = windowContaining(plan, at);
    QCOMPARE(found.has_value(), inside);
    if (inside) {
        QCOMPARE(found->startMs, expectedStart);
        QCOMPARE(found->lengthMs(), 3 * MsPerHour);
        QCOMPARE(windowFor(plan, utcDate(at)), found);
    }
}

void tst_PlanRules::weeklyWindowOnlyOnItsWeekday_data()
{
    QTest::addColumn<int>("weekday");
    QTest::addColumn<int>("window");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<qint64>("expectedStart"); // -1: no window that day
    // 2026-03-09 is a Monday.
    QTest::newRow("Monday window 0")
        << 1 << 0 << QDate(2026, 3, 9) << utcMs("2026-03-09T00:00:00Z");
    QTest::newRow("Monday plan on Tuesday") << 1 << 0 << QDate(2026, 3, 10) << qint64(-1);
    QTest::newRow("Sunday window 2")
        << 7 << 2 << QDate(2026, 3, 15) << utcMs("2026-03-15T16:00:00Z");
    QTest::newRow("Sunday plan on Saturday") << 7 << 2 << QDate(2026, 3, 14) << qint64(-1);
    QTest::newRow("Wednesday window 1")
        << 3 << 1 << QDate(2026, 3, 11) << utcMs("2026-03-11T08:00:00Z");
}

void tst_PlanRules::weeklyWindowOnlyOnItsWeekday()
{
    QFETCH(int, weekday);
    QFETCH(int, window);
    QFETCH(QDate, day);
    QFETCH(qint64, expectedStart);
    const auto found = windowFor(Test::weeklyPlan(weekday, window), day);
    QCOMPARE(found.has_value(), expectedStart >= 0);
    if (found) {
        QCOMPARE(found->startMs, expectedStart);
        QCOMPARE(found->endMs, expectedStart + 8 * MsPerHour);
    }
}

void tst_PlanRules::nextWindowAfterWeekdayChange_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("expectedStart");
    // Tuesday 2026-03-10 noon: the plan was Wednesday; it is changed mid-week.
    const qint64 tuesdayNoon = utcMs("2026-03-10T12:00:00Z");
    QTest::newRow("old plan: Wednesday this week")
        << Test::weeklyPlan(3, 0) << tuesdayNoon << utcMs("2026-03-11T00:00:00Z");
    QTest::newRow("changed to Monday: next week")
        << Test::weeklyPlan(1, 0) << tuesdayNoon << utcMs("2026-03-16T00:00:00Z");
    QTest::newRow("changed to Tuesday's passed window: next week")
        << Test::weeklyPlan(2, 0) << tuesdayNoon << utcMs("2026-03-17T00:00:00Z");
    QTest::newRow("changed to Tuesday's evening window: today")
        << Test::weeklyPlan(2, 2) << tuesdayNoon << utcMs("2026-03-10T16:00:00Z");
    QTest::newRow("changed to Friday: this week")
        << Test::weeklyPlan(5, 1) << tuesdayNoon << utcMs("2026-03-13T08:00:00Z");
    QTest::newRow("from the window's first millisecond")
        << Test::dailyPlan(0) << utcMs("2026-03-10T00:00:00Z") << utcMs("2026-03-10T00:00:00Z");
    QTest::newRow("one millisecond later: tomorrow")
        << Test::dailyPlan(0) << utcMs("2026-03-10T00:00:00.001Z") << utcMs("2026-03-11T00:00:00Z");
    QTest::newRow("window 7 from 23:59: next day")
        << Test::dailyPlan(7) << utcMs("2026-03-10T23:59:00Z") << utcMs("2026-03-11T21:00:00Z");
}

void tst_PlanRules::nextWindowAfterWeekdayChange()
{
    QFETCH(Plan, plan);
    QFETCH(qint64, from);
    QFETCH(qint64, expectedStart);
    const auto window = nextWindow(plan, from);
    QVERIFY(window);
    QCOMPARE(Test::isoOf(window->startMs), Test::isoOf(expectedStart));
}

void tst_PlanRules::immediateAndInvalidPlansHaveNoWindow()
{
    const qint64 now = utcMs("2026-03-10T01:00:00Z");
    QVERIFY(!nextWindow(Test::immediatePlan(), now));
    QVERIFY(!windowFor(Test::immediatePlan(), QDate(2026, 3, 10)));
    QVERIFY(!nextWindow(Test::dailyPlan(8), now));
    QVERIFY(!nextWindow(Test::weeklyPlan(0, 0), now));
    QVERIFY(!windowFor(Test::dailyPlan(0), QDate()));
}

void tst_PlanRules::maxGenerations_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("expected");
    QTest::newRow("immediate 7 days") << Test::immediatePlan(7) << 5 << 35;
    QTest::newRow("immediate 365 days") << Test::immediatePlan(365) << 5 << 1825;
    QTest::newRow("daily 30 days") << Test::dailyPlan(2, 30) << 3 << 90;
    QTest::newRow("weekly 7 days") << Test::weeklyPlan(1, 0, 7) << 3 << 21;
    QTest::newRow("bad retention") << Test::dailyPlan(2, -5) << 3 << 0;
}

void tst_PlanRules::maxGenerations()
{
    QFETCH(Plan, plan);
    QFETCH(int, runs);
    QFETCH(int, expected);
    QCOMPARE(runsPer24Hours(plan.timing), runs);
    QCOMPARE(Policy::maxGenerations(plan), expected);
}

void tst_PlanRules::utcDayHelpers()
{
    QCOMPARE(startOfUtcDay(utcMs("2026-03-10T17:45:00Z")), utcMs("2026-03-10T00:00:00Z"));
    QCOMPARE(startOfUtcDay(-1), -MsPerDay);
    QCOMPARE(utcDate(utcMs("2026-03-10T23:59:59.999Z")), QDate(2026, 3, 10));
    QCOMPARE(utcDate(utcMs("2026-03-11T00:00:00Z")), QDate(2026, 3, 11));
    QCOMPARE(utcDayStartMs(QDate(1970, 1, 2)), MsPerDay);
}

QTEST_GUILESS_MAIN(tst_PlanRules)
#include "tst_planrules.moc"
