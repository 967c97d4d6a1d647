#include "schedulerfixture.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/overdue.h>
#include <policy/schedule.h>

using namespace Qt::StringLiterals;
using namespace Kura;
using Kura::Policy::JobState;
using Kura::Test::utcMs;

// The scheduler's housekeeping: the retention sweep, overdue servers and the alerts of
// scheduled runs that could not start.
class tst_SchedulerRetention : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void sweepForgetsExpiredGenerations();
    void sweepKeepsGenerationUntilItsRetentionEnds();
    void tickSweepsOncePerDay();
    void overdueAfterIntervalPlusGrace_data();
    void overdueAfterIntervalPlusGrace();
    void scheduledRunRefusedByQuotaRaisesAlert();

private:
    // Runs an immediate backup now that succeeds after `durationMs`; returns its job id.
    qint64 backupNow(qint64 serverId, qint64 durationMs = 10 * Policy::MsPerMinute);
    QList<Catalog::GenerationRecord> generationsOf(qint64 serverId);
    QList<Catalog::AlertRecord> activeAlerts(Catalog::AlertKind kind);

    std::unique_ptr<Test::SchedulerFixture> m_f;
};

void tst_SchedulerRetention::init()
{
    m_f = std::make_unique<Test::SchedulerFixture>();
    QVERIFY(m_f->ok());
}

qint64 tst_SchedulerRetention::backupNow(qint64 serverId, qint64 durationMs)
{
    const qint64 jobId = m_f->runImmediate(serverId);
    if (!jobId)
        return 0;
    m_f->clock.advanceMs(durationMs);
    return m_f->finish(jobId, JobState::Succeeded) ? jobId : 0;
}

QList<Catalog::GenerationRecord> tst_SchedulerRetention::generationsOf(qint64 serverId)
{
    auto list = Catalog::GenerationStore(m_f->db()).listForServer(m_f->tenant(), serverId);
    return list.value_or(QList<Catalog::GenerationRecord> {});
}

QList<Catalog::AlertRecord> tst_SchedulerRetention::activeAlerts(Catalog::AlertKind kind)
{
    auto alerts = Catalog::AlertStore(m_f->db()).listActive(m_f->tenant());
    QList<Catalog::AlertRecord> out;
    for (const Catalog::AlertRecord &alert : alerts.value_or(QList<Catalog::AlertRecord> {}))
        if (alert.kind == kind)
            out << alert;
    return out;
}

void tst_SchedulerRetention::sweepForgetsExpiredGenerations()
{
    const qint64 onDemand = m_f->addServer(u"ondemand"_s, Test::SchedulerFixture::immediatePlan(7));
    const qint64 daily = m_f->addServer(u"daily"_s, Test::SchedulerFixture::dailyPlan(1, 7));
    const qint64 monthly = m_f->addServer(u"monthly"_s, Test::SchedulerFixture::dailyPlan(1, 30));
    QList<qint64> onDemandJobs, dailyJobs;
    for (int day = 1; day <= 2; ++day) {
        m_f->clock.setNowMs(utcMs(day, 10));
        onDemandJobs << backupNow(onDemand);
        dailyJobs << backupNow(daily);
        QVERIFY(backupNow(monthly) > 0);
    }
    QVERIFY(!onDemandJobs.contains(0) && !dailyJobs.contains(0));

    m_f->clock.setNowMs(utcMs(12, 23.5)); // every 7-day retention has passed; no window is open
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 6);

    // The immediate plan's newest generation stays past its retention; everything else expired.
    QStringList expected { u"snap-%1"_s.arg(onDemandJobs.at(0)), u"snap-%1"_s.arg(dailyJobs.at(0)),
                           u"snap-%1"_s.arg(dailyJobs.at(1)) };
    std::sort(expected.begin(), expected.end());
    QCOMPARE(m_f->remover.forgotten(), expected);
    for (const Test::RecordingRemover::Call &call : std::as_const(m_f->remover.calls))
        QVERIFY(call.serverId == onDemand || call.serverId == daily);
    const auto kept = generationsOf(onDemand);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().jobId, onDemandJobs.at(1));
    QCOMPARE(kept.first().snapshotId, u"snap-%1"_s.arg(onDemandJobs.at(1)));
    QVERIFY(generationsOf(daily).isEmpty());
    QCOMPARE(generationsOf(monthly).size(), 2);
}

void tst_SchedulerRetention::sweepKeepsGenerationUntilItsRetentionEnds()
{
    const qint64 server = m_f->addServer(u"daily"_s, Test::SchedulerFixture::dailyPlan(1, 7));
    m_f->clock.setNowMs(utcMs(1, 10));
    const qint64 jobId = backupNow(server);
    QVERIFY(jobId > 0);
    const qint64 retentionEnds = utcMs(1, 10) + 7 * Policy::MsPerDay;

    m_f->clock.setNowMs(retentionEnds - 1);
    QVERIFY_RESULT(m_f->scheduler->sweepRetention(m_f->tenant()));
    QVERIFY(m_f->remover.calls.isEmpty());
    QCOMPARE(generationsOf(server).size(), 1);

    m_f->clock.setNowMs(retentionEnds);
    QVERIFY_RESULT(m_f->scheduler->sweepRetention(m_f->tenant()));
    QCOMPARE(m_f->remover.calls.size(), 1);
    QCOMPARE(m_f->remover.calls.first().serverId, server);
    QCOMPARE(m_f->remover.calls.first().snapshotIds, QStringList { u"snap-%1"_s.arg(jobId) });
    QVERIFY(generationsOf(server).isEmpty());

    // Nothing left to forget: the next sweep does not call the remover again.
    QVERIFY_RESULT(m_f->scheduler->sweepRetention(m_f->tenant()));
    QCOMPARE(m_f->remover.calls.size(), 1);
}

void tst_SchedulerRetention::tickSweepsOncePerDay()
{
    const qint64 server = m_f->addServer(u"late"_s, Test::SchedulerFixture::dailyPlan(7, 7));
    m_f->clock.setNowMs(utcMs(1, 1));
    const qint64 first = backupNow(server);
    const qint64 second = backupNow(server);
    QVERIFY(first > 0 && second > 0);

    // Day 8, 00:30: both have expired by 01:20, but the day's sweep ran at 00:30.
    m_f->clock.setNowMs(utcMs(8, 0.5));
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY(m_f->remover.calls.isEmpty());
    m_f->clock.setNowMs(utcMs(8, 2));
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY(m_f->remover.calls.isEmpty());
    QCOMPARE(generationsOf(server).size(), 2);

    m_f->clock.setNowMs(utcMs(9, 0.1));
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->remover.calls.size(), 1);
    QCOMPARE(m_f->remover.forgotten().size(), 2);
    QVERIFY(generationsOf(server).isEmpty());
}

void tst_SchedulerRetention::overdueAfterIntervalPlusGrace_data()
{
    QTest::addColumn<Policy::Plan>("plan");
    QTest::addColumn<qint64>("intervalMs");
    QTest::newRow("daily") << Test::SchedulerFixture::dailyPlan(1) << Policy::MsPerDay;
    QTest::newRow("weekly") << Test::SchedulerFixture::weeklyPlan(5, 1) << 7 * Policy::MsPerDay;
}

void tst_SchedulerRetention::overdueAfterIntervalPlusGrace()
{
    QFETCH(Policy::Plan, plan);
    QFETCH(qint64, intervalMs);
    const qint64 protectedAt = m_f->clock.nowMs();
    const qint64 server = m_f->addServer(u"scheduled"_s, plan);
    QVERIFY(m_f->addServer(u"ondemand"_s, Test::SchedulerFixture::immediatePlan()) > 0);
    m_f->dispatcher.setConnected(server, false); // every scheduled run fails

    const qint64 deadline = protectedAt + intervalMs + Catalog::DefaultOverdueGraceMs;
    m_f->clock.setNowMs(deadline - 6 * Policy::MsPerHour);
    QVERIFY_RESULT(m_f->scheduler->tick());
    m_f->clock.setNowMs(deadline);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY(activeAlerts(Catalog::AlertKind::Overdue).isEmpty());
    m_f->clock.setNowMs(deadline + 1);
    QVERIFY_RESULT(m_f->scheduler->tick());
    auto overdue = activeAlerts(Catalog::AlertKind::Overdue);
    QCOMPARE(overdue.size(), 1);
    QCOMPARE(overdue.first().serverId, server);
    QCOMPARE(overdue.first().subject, Catalog::serverSubject(server));

    // The agent is back: the next scheduled run succeeds and the next tick resolves the alert.
    m_f->dispatcher.setConnected(server, true);
    const qint64 next = *Policy::nextPlannedStart(server, plan, m_f->clock.nowMs());
    m_f->clock.setNowMs(next);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 1);
    const qint64 jobId = m_f->dispatcher.dispatched.first().request.jobId;
    QVERIFY(m_f->start(jobId));
    m_f->clock.advanceMs(Policy::MsPerHour);
    QCOMPARE(activeAlerts(Catalog::AlertKind::Overdue).size(), 1);
    QVERIFY(m_f->finish(jobId, JobState::Succeeded));
    QVERIFY_RESULT(m_f->scheduler->tick());
    QVERIFY(activeAlerts(Catalog::AlertKind::Overdue).isEmpty());
    auto all = Catalog::AlertStore(m_f->db()).alert(m_f->tenant(), overdue.first().id);
    QVERIFY_RESULT(all);
    QCOMPARE(all->state, Catalog::AlertState::Resolved);
}

void tst_SchedulerRetention::scheduledRunRefusedByQuotaRaisesAlert()
{
    const Policy::Plan plan = Test::SchedulerFixture::dailyPlan(2);
    const qint64 server = m_f->addServer(u"busy"_s, plan);
    const qint64 planned = *Policy::plannedStart(server, plan, Policy::utcDate(utcMs(1)));
    m_f->clock.setNowMs(planned - 4 * Policy::MsPerHour);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(backupNow(server) > 0);
        m_f->clock.advanceMs(Policy::MsPerHour);
    }
    m_f->clock.setNowMs(planned);
    QVERIFY_RESULT(m_f->scheduler->tick());
    QCOMPARE(m_f->dispatcher.dispatched.size(), 3);

    const QList<Catalog::JobRecord> jobs = m_f->jobsOf(server);
    QCOMPARE(jobs.size(), 4);
    QCOMPARE(jobs.last().state, JobState::Cancelled);
    QCOMPARE(jobs.last().trigger, Policy::JobTrigger::Scheduled);
    const QString liftsAt = QDateTime::fromMSecsSinceEpoch(planned - 4 * Policy::MsPerHour + Policy::MsPerDay, Qt::UTC)
                                .toString(Qt::ISODate);
    QCOMPARE(jobs.last().reason,
             u"cancelled: quota of 3 backups in 24 hours is used up; possible again at %1"_s.arg(liftsAt));
    const auto refused = activeAlerts(Catalog::AlertKind::ScheduledRefused);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().serverId, server);
    QVERIFY(refused.first().details.contains(jobs.last().reason));
}

QTEST_GUILESS_MAIN(tst_SchedulerRetention)
#include "tst_schedulerretention.moc"
