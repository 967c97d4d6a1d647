#include "schedulerfixture.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <policy/schedule.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Kura;
using Kura::Policy::JobState;
using Kura::Policy::Refusal;
using Kura::Test::utcMs;

class tst_Scheduler : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void dailyPlanStartsOncePerDayInsideWindow_data();
    void dailyPlanStartsOncePerDayInsideWindow();
    void startsExactlyAtPlannedStart();
    void weeklyPlanRunsOnlyOnItsWeekday_data();
    void weeklyPlanRunsOnlyOnItsWeekday();
    void offlineAgentRunIsRecordedFailed();
    void runWhilePreviousStillRunsIsCancelled();
    void immediateRequestIsDispatched();
    void immediateQuotaLiftsExactly24HoursAfterOldestStart_data();
    void immediateQuotaLiftsExactly24HoursAfterOldestStart();
    void immediateRefusedWhileBackupRuns();
    void immediateRejectsUnprotectedServerAndWrongKind();
    void suppressionHoldsRunsUntilReleased();
    void suppressionOverSeveralDaysHoldsOneRun();
    void stopOfHeldJobEndsItWithoutDispatch();
    void heldJobOfOfflineAgentIsCancelledAtRelease();
    void jobHeldLongerThanADayCountsTowardQuotaAfterItRuns();
    void succeededBackupBecomesGeneration();
    void failedJobRaisesAlert();
    void successReportForJobThatNeverStartedIsRefused();
    void restartFailsRunningJobsAndHoldsQueuedBackupsForTheirAgents();
    void restartCancelsHeldBackupOfAgentStillAwayAfterGrace();

private:
    // Ticks once per `stepMs` from the current time until `endMs`; every job dispatched on the
    // way is reported started and, when `complete`, finished as succeeded right away.
    void tickUntil(qint64 endMs, qint64 stepMs, bool complete);
    QList<Catalog::AlertRecord> activeAlerts(Catalog::AlertKind kind);

    std::unique_ptr<Test::SchedulerFixture> m_f;
};

void tst_Scheduler::init()
{
    m_f = std::make_unique<Test::SchedulerFixture>();
    QVERIFY(m_f->ok());
}

void tst_Scheduler::tickUntil(qint64 endMs, qint64 stepMs, bool complete)
{
    while (m_f->clock.nowMs() < endMs) {
        m_f->clock.setNowMs(std::min(m_f->clock.nowMs() + stepMs, endMs));
        const qsizetype before = m_f->dispatcher.dispatched.size();
        QVERIFY_RESULT(m_f->scheduler->tick());
        for (qsizetype i = before; i < m_f->dispatcher.dispatched.size(); ++i) {
            const qint64 jobId = m_f->dispatcher.dispatched.at(i).request.jobId;
            QVERIFY(m_f->start(jobId));
            if (complete)
                QVERIFY(m_f->finish(jobId, JobState::Succeeded));
        }
    }
}

QList<Catalog::AlertRecord> tst_Scheduler::activeAlerts(Catalog::AlertKind kind)
{
    auto alerts = Catalog::AlertStore(m_f->db()).listActive(m_f->tenant());
    if (!alerts)
        return {};
    QList<Catalog::AlertRecord> out;
    for (const Catalog::AlertRecord &alert : std::as_const(*alerts))
        if (alert.kind == kind)
            out << alert;
    return out;
}

void tst_Scheduler::dailyPlanStartsOncePerDayInsideWindow_data()
{
    QTest::addColumn<int>("window");
    QTest::newRow("first window, starting at 00:00") << 0;
    QTest::newRow("a middle window") << 3;
    QTest::newRow("last window, ending at 24:00") << 7;
}

void tst_Scheduler::dailyPlanStartsOncePerDayInsideWindow()
{
    QFETCH(int, window);
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(window);
    QList<qint64> servers;
    for (int i = 0; i < 6; ++i)
        servers << m_f->addServer(u"daily-%1"_s.arg(i), plan);
    QVERIFY(!servers.contains(0));

    const int days = 3;
    m_f->clock.setNowMs(utcMs(1, window * 3) - 10 * Policy::MsPerMinute);
    for (int day = 1; day <= days; ++day) {
        const qint64 windowStart = utcMs(day, window * 3);
        // Coarse steps up to shortly before the window, then minute by minute past its end.
        tickUntil(windowStart - 10 * Policy::MsPerMinute, Policy::MsPerHour, true);
        tickUntil(windowStart + 3 * Policy::MsPerHour + 10 * Policy::MsPerMinute, Policy::MsPerMinute, true);
    }

    const QList<Test::Dispatched> &dispatched = m_f->dispatcher.dispatched;
    QCOMPARE(dispatched.size(), servers.size() * days);
    QHash<qint64, QSet<QDate>> daysRun;
    for (const Test::Dispatched &d : dispatched) {
        QCOMPARE(d.request.trigger, Policy::JobTrigger::Scheduled);
        QCOMPARE(d.request.kind, Policy::JobKind::FileBackup);
        QCOMPARE(d.request.plan, plan);
        const QDate day = Policy::utcDate(d.atMs);
        const auto windowOfDay = Policy::windowFor(plan, day);
        QVERIFY(windowOfDay);
        QVERIFY2(windowOfDay->contains(d.atMs), qPrintable(QString::number(d.atMs)));
        // Stable per server and day: the planned start, reached at the first minute tick.
        const qint64 planned = *Policy::plannedStart(d.request.serverId, plan, day);
        QVERIFY(d.atMs >= planned);
        QVERIFY(d.atMs < planned + Policy::MsPerMinute);
        QVERIFY2(!daysRun[d.request.serverId].contains(day), "two runs on one day");
        daysRun[d.request.serverId].insert(day);
    }
    for (qint64 server : std::as_const(servers))
        QCOMPARE(daysRun.value(server).size(), days);

    // Spread: the servers do not all start at the same moment or at the window's first minute.
    QSet<qint64> dayOneStarts;
    int atWindowStart = 0;
    for (const Test::Dispatched &d : dispatched) {
        if (Policy::utcDate(d.atMs) != Policy::utcDate(utcMs(1)))
            continue;
        dayOneStarts.insert(d.atMs);
        if (d.atMs < utcMs(1, window * 3) + Policy::MsPerMinute)
            ++atWindowStart;
    }
    QCOMPARE(dayOneStarts.size(), servers.size());
    QVERIFY(atWindowStart <= 1);
    const auto [earliest, latest] = std::minmax_element(dayOneStarts.cbegin(), dayOneStarts.cend());
    QVERIFY(*latest - *earliest >= 20 * Policy::MsPerMinute);
}

void tst_Scheduler::startsExactlyAtPlannedStart()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(2);
    const qint64 server = m_f->addServer(u"web"_s, plan);
    const qint64 planned = *Policy::plannedStart(server, plan, Policy::utcDate(utcMs(1)));

    m_f->clock.setNowMs(planned - 1);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
    m_f->clock.setNowMs(planned);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->dispatcher.dispatched.first().atMs, planned);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.serverId, server);

    // Later in the same window, whether the job still runs or has finished: no second run.
    m_f->clock.setNowMs(planned + Policy::MsPerMinute);
    QVERIFY_RESULT(m_f->scheduler->tick());
    const qint64 jobId = m_f->dispatcher.dispatched.first().request.jobId;
    QVERIFY(m_f->start(jobId));
    QVERIFY(m_f->finish(jobId, JobState::Succeeded));
    m_f->clock.setNowMs(utcMs(1, 8.99));
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->jobsOf(server).size(), 1);
}

void tst_Scheduler::weeklyPlanRunsOnlyOnItsWeekday_data()
{
    QTest::addColumn<int>("weekday");
    QTest::addColumn<int>("window");
    QTest::newRow("monday, first window from 00:00") << 1 << 0;
    QTest::newRow("wednesday, middle window") << 3 << 1;
    QTest::newRow("sunday, last window to 24:00") << 7 << 2;
}

void tst_Scheduler::weeklyPlanRunsOnlyOnItsWeekday()
{
    QFETCH(int, weekday);
    QFETCH(int, window);
    const Policy::Plan plan = Test::SchedulerFixture::weeklyPlan(weekday, window);
    QVERIFY(m_f->addServer(u"weekly"_s, plan) > 0);
    QVERIFY(m_f->addServer(u"other"_s, Test::SchedulerFixture::weeklyPlan(weekday % 7 + 1, window)) > 0);

    // Days 1..14 (2026-01-02 to 2026-01-15) hold every weekday exactly twice.
    m_f->clock.setNowMs(utcMs(1));
    tickUntil(utcMs(15), 15 * Policy::MsPerMinute, true);

    int runs = 0;
    for (const Test::Dispatched &d : std::as_const(m_f->dispatcher.dispatched)) {
        if (d.request.plan != plan)
            continue;
        ++runs;
        const QDate day = Policy::utcDate(d.atMs);
        QCOMPARE(day.dayOfWeek(), weekday);
        QVERIFY(Policy::windowFor(plan, day)->contains(d.atMs));
        QCOMPARE(d.request.trigger, Policy::JobTrigger::Scheduled);
    }
    QCOMPARE(runs, 2);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 4);
}

void tst_Scheduler::offlineAgentRunIsRecordedFailed()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 server = m_f->addServer(u"db"_s, plan);
    QVERIFY_RESULT(Catalog::ServerStore(m_f->db()).setOnline(m_f->tenant(), server, false, utcMs(0, 12.5)));
    m_f->dispatcher.setConnected(server, false);

    m_f->clock.setNowMs(*Policy::plannedStart(server, plan, Policy::utcDate(utcMs(1))));
    QVERIFY_RESULT(m_f->scheduler->tick());
    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY_RESULT(m_f->scheduler->tick());

    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
    const QList<Catalog::JobRecord> jobs = m_f->jobsOf(server);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.first().state, JobState::Failed);
    QCOMPARE(jobs.first().trigger, Policy::JobTrigger::Scheduled);
    QCOMPARE(jobs.first().reason, u"agent not connected since 2026-01-01T12:30:00Z"_s);
    const auto alerts = activeAlerts(Catalog::AlertKind::JobFailed);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().serverId, server);
    QCOMPARE(alerts.first().subject, Catalog::serverSubject(server));
}

void tst_Scheduler::runWhilePreviousStillRunsIsCancelled()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 server = m_f->addServer(u"big"_s, plan);
    m_f->clock.setNowMs(utcMs(1));
    tickUntil(utcMs(2, 6), 5 * Policy::MsPerMinute, false); // the day 1 run starts and keeps running
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    const qint64 first = m_f->dispatcher.dispatched.first().request.jobId;
    QCOMPARE(m_f->job(first).state, JobState::Running);

    QList<Catalog::JobRecord> jobs = m_f->jobsOf(server);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(1).state, JobState::Cancelled);
    QCOMPARE(jobs.at(1).trigger, Policy::JobTrigger::Scheduled);
    QCOMPARE(jobs.at(1).reason, u"cancelled: previous backup still running"_s);
    QVERIFY(Policy::windowFor(plan, Policy::utcDate(utcMs(2)))->contains(jobs.at(1).queuedMs));
    const auto refused = activeAlerts(Catalog::AlertKind::ScheduledRefused);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().serverId, server);

    // Once the long backup ends, the next day runs normally.
    QVERIFY(m_f->finish(first, JobState::Succeeded));
    tickUntil(utcMs(3, 6), 5 * Policy::MsPerMinute, true);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 2);
    QCOMPARE(Policy::utcDate(m_f->dispatcher.dispatched.at(1).atMs), Policy::utcDate(utcMs(3)));
}

void tst_Scheduler::immediateRequestIsDispatched()
{
    const qint64 server = m_f->addServer(u"app"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(1, 10));
    auto result = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(result);
    QVERIFY(result->admission.allowed);
    QVERIFY(result->jobId > 0);
    QCOMPARE(result->admission.quotaLimit, 5);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    const Scheduler::DispatchRequest &request = m_f->dispatcher.dispatched.first().request;
    QCOMPARE(request.jobId, result->jobId);
    QCOMPARE(request.serverId, server);
    QCOMPARE(request.tenantId, m_f->tenant());
    QCOMPARE(request.trigger, Policy::JobTrigger::Immediate);
    QCOMPARE(m_f->job(result->jobId).state, JobState::Queued);
}

void tst_Scheduler::immediateQuotaLiftsExactly24HoursAfterOldestStart_data()
{
    QTest::addColumn<bool>("scheduledPlan");
    QTest::addColumn<int>("limit");
    QTest::newRow("immediate plan: 5 immediate runs") << false << 5;
    QTest::newRow("daily plan: the scheduled run and 2 immediate runs") << true << 3;
}

void tst_Scheduler::immediateQuotaLiftsExactly24HoursAfterOldestStart()
{
    QFETCH(bool, scheduledPlan);
    QFETCH(int, limit);
    const Policy::Plan plan =
        scheduledPlan ? Test::SchedulerFixture::dailyPlan(0) : Test::SchedulerFixture::immediatePlan();
    const qint64 server = m_f->addServer(u"app"_s, plan);

    QList<qint64> starts;
    if (scheduledPlan) {
        m_f->clock.setNowMs(utcMs(1));
        tickUntil(utcMs(1, 3), Policy::MsPerMinute, false);
        QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
        const qint64 jobId = m_f->dispatcher.dispatched.first().request.jobId;
        starts << *m_f->job(jobId).startMs;
        m_f->clock.advanceMs(10 * Policy::MsPerMinute);
        QVERIFY(m_f->finish(jobId, JobState::Succeeded));
    } else {
        m_f->clock.setNowMs(utcMs(1, 3));
    }
    while (starts.size() < limit) {
        m_f->clock.advanceMs(Policy::MsPerHour);
        const qint64 jobId = m_f->runImmediate(server);
        QVERIFY(jobId > 0);
        starts << m_f->clock.nowMs();
        m_f->clock.advanceMs(10 * Policy::MsPerMinute);
        QVERIFY(m_f->finish(jobId, JobState::Succeeded));
    }

    m_f->clock.advanceMs(Policy::MsPerHour);
    const qint64 liftsAt = starts.first() + Policy::MsPerDay;
    auto refused = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(refused);
    QVERIFY(!refused->admission.allowed);
    QCOMPARE(refused->jobId, 0);
    QCOMPARE(refused->admission.refusal, Refusal::QuotaExhausted);
    QCOMPARE(refused->admission.quotaUsed, limit);
    QCOMPARE(refused->admission.quotaLimit, limit);
    QCOMPARE(refused->admission.liftsAtMs, liftsAt);
    QVERIFY2(refused->reason.contains(u"quota of %1 backups"_s.arg(limit)), qPrintable(refused->reason));
    QVERIFY2(refused->reason.contains(QDateTime::fromMSecsSinceEpoch(liftsAt, Qt::UTC).toString(Qt::ISODate)),
             qPrintable(refused->reason));

    m_f->clock.setNowMs(liftsAt - 1);
    refused = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(refused);
    QCOMPARE(refused->admission.refusal, Refusal::QuotaExhausted);
    m_f->clock.setNowMs(liftsAt);
    auto allowed = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(allowed);
    QVERIFY(allowed->admission.allowed);
    QCOMPARE(allowed->admission.quotaUsed, limit - 1);
    QCOMPARE(m_f->dispatcher.dispatched.size(), limit + 1);
}

void tst_Scheduler::immediateRefusedWhileBackupRuns()
{
    const qint64 server = m_f->addServer(u"app"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(1, 10));
    const qint64 first = m_f->runImmediate(server);
    QVERIFY(first > 0);
    m_f->clock.advanceMs(Policy::MsPerMinute);
    auto refused = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(refused);
    QCOMPARE(refused->admission.refusal, Refusal::BackupRunning);
    QCOMPARE(refused->admission.blockingJobId, first);
    QCOMPARE(refused->admission.liftsAtMs, std::nullopt);
    QCOMPARE(refused->jobId, 0);
    QCOMPARE(refused->reason, u"backup_running (job %1)"_s.arg(first));
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);

    QVERIFY(m_f->finish(first, JobState::Succeeded));
    QVERIFY(m_f->runImmediate(server) > 0);
}

void tst_Scheduler::immediateRejectsUnprotectedServerAndWrongKind()
{
    const qint64 bare = m_f->addServer(u"bare"_s, std::nullopt);
    auto result = m_f->scheduler->requestImmediate(m_f->tenant(), bare, Policy::JobKind::FileBackup);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Conflict);
    QVERIFY(result.error().message().contains(u"bare"_s));

    const qint64 files = m_f->addServer(u"files"_s, Test::SchedulerFixture::immediatePlan());
    result = m_f->scheduler->requestImmediate(m_f->tenant(), files, Policy::JobKind::SystemBackup);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::InvalidArgument);
    result = m_f->scheduler->requestImmediate(m_f->tenant(), files, Policy::JobKind::FileRestore);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::InvalidArgument);
    result = m_f->scheduler->requestImmediate(m_f->tenant(), 999999, Policy::JobKind::FileBackup);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::NotFound);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
}

void tst_Scheduler::suppressionHoldsRunsUntilReleased()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 daily = m_f->addServer(u"daily"_s, plan);
    const qint64 onDemand = m_f->addServer(u"ondemand"_s, Test::SchedulerFixture::immediatePlan());
    m_f->scheduler->setSuppressed(true, u"disaster recovery in progress"_s);
    QVERIFY(m_f->scheduler->isSuppressed());

    const qint64 planned = *Policy::plannedStart(daily, plan, Policy::utcDate(utcMs(1)));
    m_f->clock.setNowMs(planned);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
    QList<Catalog::JobRecord> jobs = m_f->jobsOf(daily);
    QCOMPARE(jobs.size(), 1);
    const qint64 held = jobs.first().id;
    QCOMPARE(jobs.first().state, JobState::Queued);
    QCOMPARE(jobs.first().reason, u"held: disaster recovery in progress"_s);

    auto refused = m_f->scheduler->requestImmediate(m_f->tenant(), onDemand, Policy::JobKind::FileBackup);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Conflict);
    QVERIFY2(refused.error().message().contains(u"disaster recovery in progress"_s),
             qPrintable(refused.error().message()));

    m_f->clock.advanceMs(Policy::MsPerHour);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
    QCOMPARE(m_f->jobsOf(daily).size(), 1);

    m_f->scheduler->setSuppressed(false, QString());
    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.jobId, held);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.trigger, Policy::JobTrigger::Scheduled);

    // The agent has not reported the start yet: the next tick must not hand the job out again.
    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);

    // Once handed out, a stop goes to the agent like for any other job.
    QVERIFY(m_f->start(held));
    QVERIFY_RESULT(m_f->scheduler->requestStop(m_f->tenant(), held));
    QCOMPARE(m_f->dispatcher.stopRequests, QList<qint64> { held });
    QCOMPARE(m_f->job(held).state, JobState::Running);
    QVERIFY(m_f->finish(held, JobState::Stopped, u"stopped by user"_s));
    QCOMPARE(m_f->job(held).state, JobState::Stopped);
    QVERIFY(m_f->runImmediate(onDemand) > 0);
}

void tst_Scheduler::suppressionOverSeveralDaysHoldsOneRun()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 server = m_f->addServer(u"daily"_s, plan);
    m_f->scheduler->setSuppressed(true, u"restoring the catalog"_s);
    m_f->clock.setNowMs(utcMs(1));
    tickUntil(utcMs(3, 12), 10 * Policy::MsPerMinute, true);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);

    // One run is held; the runs of the following days find it waiting (one backup per server).
    const QList<Catalog::JobRecord> jobs = m_f->jobsOf(server);
    QCOMPARE(jobs.size(), 3);
    QCOMPARE(jobs.at(0).state, JobState::Queued);
    QCOMPARE(jobs.at(0).reason, u"held: restoring the catalog"_s);
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(jobs.at(i).state, JobState::Cancelled);
        QCOMPARE(jobs.at(i).reason, u"cancelled: previous backup still running"_s);
    }

    m_f->scheduler->setSuppressed(false, QString());
    tickUntil(utcMs(3, 13), 10 * Policy::MsPerMinute, true);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.jobId, jobs.at(0).id);
    QCOMPARE(m_f->job(jobs.at(0).id).state, JobState::Succeeded);
}

void tst_Scheduler::stopOfHeldJobEndsItWithoutDispatch()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(4);
    const qint64 server = m_f->addServer(u"daily"_s, plan);
    m_f->scheduler->setSuppressed(true, u"disaster recovery in progress"_s);
    m_f->clock.setNowMs(*Policy::plannedStart(server, plan, Policy::utcDate(utcMs(1))));
    QVERIFY_RESULT(m_f->scheduler->tick());
    const QList<Catalog::JobRecord> jobs = m_f->jobsOf(server);
    QCOMPARE(jobs.size(), 1);

    QVERIFY_RESULT(m_f->scheduler->requestStop(m_f->tenant(), jobs.first().id));
    const Catalog::JobRecord stopped = m_f->job(jobs.first().id);
    QVERIFY(stopped.state == JobState::Cancelled || stopped.state == JobState::Stopped);
    QCOMPARE(stopped.endMs, m_f->clock.nowMs());
    QVERIFY(m_f->dispatcher.stopRequests.isEmpty());

    m_f->scheduler->setSuppressed(false, QString());
    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 0);
    auto again = m_f->scheduler->requestStop(m_f->tenant(), jobs.first().id);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);
}

void tst_Scheduler::heldJobOfOfflineAgentIsCancelledAtRelease()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 away = m_f->addServer(u"away"_s, plan);
    const qint64 present = m_f->addServer(u"present"_s, plan);
    QVERIFY_RESULT(Catalog::ServerStore(m_f->db()).setOnline(m_f->tenant(), away, false, utcMs(0, 20)));
    m_f->scheduler->setSuppressed(true, u"disaster recovery in progress"_s);
    m_f->clock.setNowMs(utcMs(1));
    tickUntil(utcMs(1, 7), 10 * Policy::MsPerMinute, true);
    QCOMPARE(m_f->jobsOf(away).size(), 1);
    QCOMPARE(m_f->jobsOf(present).size(), 1);

    m_f->dispatcher.setConnected(away, false);
    m_f->scheduler->setSuppressed(false, QString());
    QVERIFY_RESULT(m_f->scheduler->tick());
    const Catalog::JobRecord held = m_f->jobsOf(away).first();
    QCOMPARE(held.state, JobState::Cancelled);
    QCOMPARE(held.reason, u"cancelled: agent not connected since 2026-01-01T20:00:00Z"_s);
    QCOMPARE(held.endMs, m_f->clock.nowMs());
    const auto alerts = activeAlerts(Catalog::AlertKind::JobFailed);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().serverId, away);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.serverId, present);
    const qint64 released = m_f->dispatcher.dispatched.first().request.jobId;
    QVERIFY(m_f->start(released));
    QVERIFY(m_f->finish(released, JobState::Succeeded));

    // The scheduler goes on: later ticks succeed and the next day runs for both.
    m_f->dispatcher.setConnected(away, true);
    tickUntil(utcMs(2, 7), 10 * Policy::MsPerMinute, true);
    QCOMPARE(m_f->dispatcher.dispatched.size(), 3);
}

void tst_Scheduler::jobHeldLongerThanADayCountsTowardQuotaAfterItRuns()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(1);
    const qint64 server = m_f->addServer(u"daily"_s, plan);
    m_f->scheduler->setSuppressed(true, u"disaster recovery in progress"_s);
    m_f->clock.setNowMs(utcMs(1));
    tickUntil(utcMs(2, 12), 10 * Policy::MsPerMinute, true);
    m_f->scheduler->setSuppressed(false, QString());
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    const qint64 held = m_f->dispatcher.dispatched.first().request.jobId;
    QVERIFY(m_f->start(held));
    m_f->clock.advanceMs(10 * Policy::MsPerMinute);
    QVERIFY(m_f->finish(held, JobState::Succeeded));

    // The held run started at 12:00 today: with two immediate runs the quota of 3 is used.
    for (int i = 0; i < 2; ++i) {
        m_f->clock.advanceMs(Policy::MsPerHour);
        QVERIFY(m_f->runImmediate(server) > 0);
        m_f->clock.advanceMs(10 * Policy::MsPerMinute);
        QVERIFY(m_f->finish(m_f->dispatcher.dispatched.last().request.jobId, JobState::Succeeded));
    }
    m_f->clock.advanceMs(Policy::MsPerHour);
    auto third = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(third);
    QCOMPARE(third->admission.refusal, Refusal::QuotaExhausted);
    QCOMPARE(third->admission.quotaUsed, 3);
    QCOMPARE(third->admission.liftsAtMs, utcMs(3, 12));
}

void tst_Scheduler::succeededBackupBecomesGeneration()
{
    const qint64 server = m_f->addServer(u"app"_s, Test::SchedulerFixture::immediatePlan(30));
    m_f->clock.setNowMs(utcMs(2, 9));
    const qint64 jobId = m_f->runImmediate(server);
    QVERIFY(jobId > 0);
    // The last progress event still had the estimate (4800 bytes) and not everything done.
    QVERIFY_RESULT(m_f->scheduler->jobProgress(m_f->tenant(), jobId, { 4800, 48, 2500, 25, 1100 }));
    QCOMPARE(m_f->job(jobId).figures.bytesDone, 2500);
    m_f->clock.advanceMs(40 * Policy::MsPerMinute);
    Scheduler::FinishedJob outcome;
    outcome.sourceBytes = 5000;
    outcome.files = 50;
    outcome.newBytes = 1200;
    outcome.snapshotId = u"0123abcd"_s;
    QVERIFY_RESULT(m_f->scheduler->jobFinished(m_f->tenant(), jobId, outcome));

    const Catalog::JobRecord job = m_f->job(jobId);
    QCOMPARE(job.state, JobState::Succeeded);
    // The finished job's figures are the final totals, all of them done.
    QCOMPARE(job.figures.sourceBytes, 5000);
    QCOMPARE(job.figures.files, 50);
    QCOMPARE(job.figures.bytesDone, 5000);
    QCOMPARE(job.figures.filesDone, 50);
    QCOMPARE(job.figures.transferredBytes, 1200);
    QCOMPARE(job.endMs, m_f->clock.nowMs());
    QVERIFY(job.generationId);
    Catalog::GenerationStore generations(m_f->db());
    auto generation = generations.generation(m_f->tenant(), *job.generationId);
    QVERIFY_RESULT(generation);
    QCOMPARE(generation->status, Catalog::GenerationStatus::Complete);
    QCOMPARE(generation->serverId, server);
    QCOMPARE(generation->jobId, jobId);
    QCOMPARE(generation->startMs, utcMs(2, 9));
    QCOMPARE(generation->endMs, m_f->clock.nowMs());
    QCOMPARE(generation->sourceBytes, 5000);
    QCOMPARE(generation->files, 50);
    QCOMPARE(generation->newBytes, 1200);
    QCOMPARE(generation->snapshotId, u"0123abcd"_s);
    QCOMPARE(generation->retentionDays, 30);
    QCOMPARE(generation->timing, Policy::Timing::Immediate);
    auto copies = generations.copies(m_f->tenant(), *job.generationId);
    QVERIFY_RESULT(copies);
    QCOMPARE(copies->size(), 1);
    QCOMPARE(copies->first().region, u"JP1"_s);
    QCOMPARE(copies->first().state, Catalog::CopyState::Complete);
    auto record = Catalog::ServerStore(m_f->db()).server(m_f->tenant(), server);
    QVERIFY_RESULT(record);
    QCOMPARE(record->lastBackupMs, m_f->clock.nowMs());
    QVERIFY(activeAlerts(Catalog::AlertKind::JobFailed).isEmpty());
}

void tst_Scheduler::failedJobRaisesAlert()
{
    const qint64 server = m_f->addServer(u"app"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(1, 9));
    const qint64 jobId = m_f->runImmediate(server);
    QVERIFY(jobId > 0);
    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY(m_f->finish(jobId, JobState::Failed, u"disk full"_s));

    const Catalog::JobRecord job = m_f->job(jobId);
    QCOMPARE(job.state, JobState::Failed);
    QCOMPARE(job.reason, u"disk full"_s);
    QCOMPARE(job.generationId, std::nullopt);
    const auto alerts = activeAlerts(Catalog::AlertKind::JobFailed);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().serverId, server);
    QVERIFY2(alerts.first().details.contains(u"disk full"_s), qPrintable(alerts.first().details));
    auto generations = Catalog::GenerationStore(m_f->db()).listForServer(m_f->tenant(), server);
    QVERIFY_RESULT(generations);
    QVERIFY(generations->isEmpty());
}

void tst_Scheduler::successReportForJobThatNeverStartedIsRefused()
{
    const qint64 server = m_f->addServer(u"app"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(1, 9));
    auto request = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(request);
    QVERIFY(request->jobId > 0);

    // A success report for a job that is still queued (no start reported) leaves no trace.
    Scheduler::FinishedJob outcome;
    outcome.snapshotId = u"feed"_s;
    auto done = m_f->scheduler->jobFinished(m_f->tenant(), request->jobId, outcome);
    QVERIFY(!done);
    QCOMPARE(done.error().code(), ErrorCode::Conflict);
    auto generations = Catalog::GenerationStore(m_f->db()).listForServer(m_f->tenant(), server);
    QVERIFY_RESULT(generations);
    QVERIFY(generations->isEmpty());
    QCOMPARE(m_f->job(request->jobId).state, JobState::Queued);

    // A second success report for a finished job is refused the same way.
    QVERIFY(m_f->start(request->jobId));
    QVERIFY(m_f->finish(request->jobId, JobState::Succeeded));
    done = m_f->scheduler->jobFinished(m_f->tenant(), request->jobId, outcome);
    QVERIFY(!done);
    QCOMPARE(done.error().code(), ErrorCode::Conflict);
    generations = Catalog::GenerationStore(m_f->db()).listForServer(m_f->tenant(), server);
    QVERIFY_RESULT(generations);
    QCOMPARE(generations->size(), 1);
}

void tst_Scheduler::restartFailsRunningJobsAndHoldsQueuedBackupsForTheirAgents()
{
    const qint64 running = m_f->addServer(u"running"_s, Test::SchedulerFixture::immediatePlan());
    const qint64 queued = m_f->addServer(u"queued"_s, Test::SchedulerFixture::immediatePlan());
    const qint64 restoring = m_f->addServer(u"restoring"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(3, 10));
    const qint64 runningJob = m_f->runImmediate(running);
    QVERIFY(runningJob > 0);
    // Dispatched, but the server stopped before the agent reported the start.
    auto request = m_f->scheduler->requestImmediate(m_f->tenant(), queued, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(request);
    const qint64 queuedJob = request->jobId;
    QVERIFY(queuedJob > 0);
    Catalog::NewJob restore;
    restore.serverId = restoring;
    restore.kind = Policy::JobKind::FileRestore;
    restore.queuedMs = m_f->clock.nowMs();
    restore.targetServerId = restoring;
    restore.targetPath = u"/srv/restored"_s;
    auto restoreJob = Catalog::JobStore(m_f->db()).create(m_f->tenant(), restore);
    QVERIFY_RESULT(restoreJob);

    // The server process is gone; a new one starts 3 minutes later with no agent connected.
    m_f->scheduler.reset();
    m_f->dispatcher.dispatched.clear();
    m_f->clock.advanceMs(3 * Policy::MsPerMinute);
    auto recovered = Scheduler::recoverUnfinishedJobs(m_f->db(), m_f->clock.nowMs());
    QVERIFY_RESULT(recovered);
    QCOMPARE(*recovered, 3);
    QCOMPARE(m_f->job(runningJob).state, JobState::Failed);
    QCOMPARE(m_f->job(runningJob).reason,
             u"the server stopped while the job was running; no generation was written"_s);
    QCOMPARE(m_f->job(queuedJob).state, JobState::Queued);
    QCOMPARE(m_f->job(queuedJob).reason, u"held: the server restarted before the job started"_s);
    QCOMPARE(m_f->job(*restoreJob).state, JobState::Cancelled);
    QCOMPARE(m_f->job(*restoreJob).reason, u"cancelled: the server stopped before the restore started"_s);
    // Recovering twice changes nothing more.
    recovered = Scheduler::recoverUnfinishedJobs(m_f->db(), m_f->clock.nowMs());
    QVERIFY_RESULT(recovered);
    QCOMPARE(*recovered, 0);

    m_f->scheduler = std::make_unique<Scheduler::Scheduler>(m_f->db(), m_f->clock, m_f->dispatcher, m_f->remover);
    m_f->dispatcher.setConnected(queued, false);
    // While the agent is reconnecting, the held backup waits and nothing else is started for it.
    QVERIFY_RESULT(m_f->scheduler->tick());
    m_f->clock.advanceMs(40 * 1000);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY(m_f->dispatcher.dispatched.isEmpty());
    QCOMPARE(m_f->job(queuedJob).state, JobState::Queued);
    auto second = m_f->scheduler->requestImmediate(m_f->tenant(), queued, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(second);
    QVERIFY(!second->admission.allowed);

    // The agent is back: the same job is handed out, once, and runs to the end.
    m_f->dispatcher.setConnected(queued, true);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.jobId, queuedJob);
    QCOMPARE(m_f->dispatcher.dispatched.first().request.serverId, queued);
    QVERIFY(m_f->start(queuedJob));
    QVERIFY(m_f->finish(queuedJob, JobState::Succeeded, QString(), u"cafe"_s));
    QCOMPARE(m_f->job(queuedJob).state, JobState::Succeeded);
    QVERIFY(m_f->job(queuedJob).generationId);
}

void tst_Scheduler::restartCancelsHeldBackupOfAgentStillAwayAfterGrace()
{
    const qint64 server = m_f->addServer(u"away"_s, Test::SchedulerFixture::immediatePlan());
    m_f->clock.setNowMs(utcMs(3, 10));
    auto request = m_f->scheduler->requestImmediate(m_f->tenant(), server, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(request);
    QVERIFY_RESULT(Catalog::ServerStore(m_f->db()).setOnline(m_f->tenant(), server, false, m_f->clock.nowMs()));

    m_f->clock.advanceMs(Policy::MsPerMinute);
    QVERIFY_RESULT(Scheduler::recoverUnfinishedJobs(m_f->db(), m_f->clock.nowMs()));
    m_f->scheduler = std::make_unique<Scheduler::Scheduler>(m_f->db(), m_f->clock, m_f->dispatcher, m_f->remover);
    m_f->dispatcher.dispatched.clear();
    m_f->dispatcher.setConnected(server, false);
    m_f->clock.advanceMs(Scheduler::Scheduler::ReconnectGraceMs - 1000);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->job(request->jobId).state, JobState::Queued);
    QVERIFY(activeAlerts(Catalog::AlertKind::JobFailed).isEmpty());

    m_f->clock.advanceMs(1000);
    QVERIFY_RESULT(m_f->scheduler->tick());
    const Catalog::JobRecord job = m_f->job(request->jobId);
    QCOMPARE(job.state, JobState::Cancelled);
    QCOMPARE(job.reason, u"cancelled: agent not connected since 2026-01-04T10:00:00Z"_s);
    QCOMPARE(activeAlerts(Catalog::AlertKind::JobFailed).size(), 1);
    QVERIFY(m_f->dispatcher.dispatched.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Scheduler)
#include "tst_scheduler.moc"
