#include "policytestutil.h"

#include <policy/quota.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;
using Kura::Test::utcMs;

using History = QList<JobRecord>;

namespace {

const qint64 T0 = utcMs("2026-05-04T10:00:00Z");

JobRecord ended(qint64 id, qint64 startMs, JobState state = JobState::Succeeded,
    JobKind kind = JobKind::FileBackup)
{
    return JobRecord { id, kind, JobTrigger::Immediate, state, startMs, startMs + MsPerHour };
}

JobRecord running(qint64 id, JobKind kind, qint64 startMs, JobState state = JobState::Running)
{
    return JobRecord { id, kind, JobTrigger::Scheduled, state, startMs, -1 };
}

} // namespace

class tst_Quota : public QObject
{
    Q_OBJECT
private slots:
    void admits_data();
    void admits();
    void quotaRefusalLiftsExactly24HoursLater_data();
    void quotaRefusalLiftsExactly24HoursLater();
    void countsOnlyJobsThatRan_data();
    void countsOnlyJobsThatRan();
    void prunesWhatAdmissionNoLongerNeeds();
    void namesRefusalsStably();
};

void tst_Quota::admits_data()
{
    QTest::addColumn<History>("history");
    QTest::addColumn<JobKind>("kind");
    QTest::addColumn<JobTrigger>("trigger");
    QTest::addColumn<Timing>("timing");
    QTest::addColumn<Refusal>("refusal");
    QTest::addColumn<qint64>("blockingJob");
    const auto B = JobKind::FileBackup, S = JobKind::SystemBackup;
    const auto FR = JobKind::FileRestore, SR = JobKind::SystemRestore;
    const auto I = JobTrigger::Immediate, Sch = JobTrigger::Scheduled;
    const qint64 hour = MsPerHour;
    QTest::newRow("empty history")
        << History {} << B << I << Timing::Daily << Refusal::None << qint64(0);
    QTest::newRow("two of three used")
        << History { ended(1, T0 - 3 * hour), ended(2, T0 - 2 * hour) } << B << Sch << Timing::Daily
        << Refusal::None << qint64(0);
    QTest::newRow("three of three used")
        << History { ended(1, T0 - 3 * hour), ended(2, T0 - 2 * hour), ended(3, T0 - hour) } << B
        << I << Timing::Weekly << Refusal::QuotaExhausted << qint64(0);
    QTest::newRow("immediate plan allows a fourth")
        << History { ended(1, T0 - 3 * hour), ended(2, T0 - 2 * hour), ended(3, T0 - hour) } << B
        << I << Timing::Immediate << Refusal::None << qint64(0);
    QTest::newRow("immediate plan refuses a sixth")
        << History { ended(1, T0 - 5 * hour), ended(2, T0 - 4 * hour), ended(3, T0 - 3 * hour),
               ended(4, T0 - 2 * hour), ended(5, T0 - hour) }
        << S << I << Timing::Immediate << Refusal::QuotaExhausted << qint64(0);
    QTest::newRow("file backup running") << History { running(7, B, T0 - hour) } << B << Sch
                                         << Timing::Daily << Refusal::BackupRunning << qint64(7);
    QTest::newRow("file backup queued") << History { running(7, B, -1, JobState::Queued) } << B << I
                                        << Timing::Daily << Refusal::BackupRunning << qint64(7);
    QTest::newRow("system backup while file backup runs")
        << History { running(8, B, T0 - hour) } << S << I << Timing::Daily
        << Refusal::OtherBackupKindRunning << qint64(8);
    QTest::newRow("file backup while system backup runs")
        << History { running(9, S, T0 - hour) } << B << I << Timing::Daily
        << Refusal::OtherBackupKindRunning << qint64(9);
    QTest::newRow("second restore into the target")
        << History { running(10, FR, T0 - hour) } << SR << I << Timing::Daily
        << Refusal::RestoreRunning << qint64(10);
    QTest::newRow("file restore while a backup runs")
        << History { running(11, B, T0 - hour) } << FR << I << Timing::Daily << Refusal::None
        << qint64(0);
    QTest::newRow("system restore while a backup runs")
        << History { running(12, S, T0 - hour) } << SR << I << Timing::Daily
        << Refusal::BackupRunningOnTarget << qint64(12);
    QTest::newRow("backup while a system restore runs")
        << History { running(13, SR, T0 - hour) } << B << Sch << Timing::Daily
        << Refusal::SystemRestoreRunning << qint64(13);
    QTest::newRow("backup while a file restore runs")
        << History { running(14, FR, T0 - hour) } << B << Sch << Timing::Daily << Refusal::None
        << qint64(0);
    QTest::newRow("restores ignore the backup quota")
        << History { ended(1, T0 - 3 * hour), ended(2, T0 - 2 * hour), ended(3, T0 - hour) } << FR
        << I << Timing::Daily << Refusal::None << qint64(0);
    QTest::newRow("scheduled run on an immediate plan")
        << History {} << B << Sch << Timing::Immediate << Refusal::ScheduledRunWithoutSchedule
        << qint64(0);
    QTest::newRow("concurrency is reported before quota")
        << History { ended(1, T0 - 3 * hour), ended(2, T0 - 2 * hour), running(3, B, T0 - hour) }
        << B << I << Timing::Daily << Refusal::BackupRunning << qint64(3);
}

void tst_Quota::admits()
{
    QFETCH(History, history);
    QFETCH(JobKind, kind);
    QFETCH(JobTrigger, trigger);
    QFETCH(Timing, timing);
    QFETCH(Refusal, refusal);
    QFETCH(qint64, blockingJob);
    const Admission admission = admitJob(JobRequest { kind, trigger, T0 }, timing, history);
    QCOMPARE(admission.refusal, refusal);
    QCOMPARE(admission.allowed, refusal == Refusal::None);
    QCOMPARE(admission.blockingJobId, blockingJob);
    if (refusal != Refusal::QuotaExhausted)
        QVERIFY(!admission.liftsAtMs);
    if (refusal == Refusal::None && isBackup(kind)) {
        QCOMPARE(admission.quotaLimit, runsPer24Hours(timing));
        QVERIFY(admission.quotaUsed < admission.quotaLimit);
    }
}

void tst_Quota::quotaRefusalLiftsExactly24HoursLater_data()
{
    QTest::addColumn<Timing>("timing");
    QTest::addColumn<int>("limit");
    QTest::newRow("daily plan, 3 per 24 h") << Timing::Daily << 3;
    QTest::newRow("weekly plan, 3 per 24 h") << Timing::Weekly << 3;
    QTest::newRow("immediate plan, 5 per 24 h") << Timing::Immediate << 5;
}

void tst_Quota::quotaRefusalLiftsExactly24HoursLater()
{
    QFETCH(Timing, timing);
    QFETCH(int, limit);
    History history;
    for (int i = 0; i < limit; ++i) { // starts at T0, T0 + 10 min, ...
        const JobRequest request { JobKind::FileBackup, JobTrigger::Immediate,
            T0 + i * 10 * MsPerMinute };
        QVERIFY(admitJob(request, timing, history).allowed);
        history.append(ended(i + 1, request.nowMs));
        history.last().endMs = request.nowMs + 5 * MsPerMinute;
    }
    const JobRequest early { JobKind::FileBackup, JobTrigger::Immediate, T0 + 12 * MsPerHour };
    const Admission refused = admitJob(early, timing, history);
    QCOMPARE(refused.refusal, Refusal::QuotaExhausted);
    QCOMPARE(refused.quotaUsed, limit);
    QCOMPARE(refused.quotaLimit, limit);
    QCOMPARE(refused.liftsAtMs, std::optional<qint64>(T0 + MsPerDay));

    const JobRequest lastMillisecond { JobKind::FileBackup, JobTrigger::Immediate,
        T0 + MsPerDay - 1 };
    QCOMPARE(admitJob(lastMillisecond, timing, history).refusal, Refusal::QuotaExhausted);
    const JobTrigger trigger
        = timing == Timing::Immediate ? JobTrigger::Immediate : JobTrigger::Scheduled;
    const Admission liftedImmediate
        = admitJob({ JobKind::FileBackup, trigger, T0 + MsPerDay }, timing, history);
    QVERIFY(liftedImmediate.allowed);
    QCOMPARE(liftedImmediate.quotaUsed, limit - 1);
}

void tst_Quota::countsOnlyJobsThatRan_data()
{
    QTest::addColumn<JobRecord>("job");
    QTest::addColumn<bool>("counts");
    QTest::newRow("succeeded") << ended(1, T0 - MsPerHour) << true;
    QTest::newRow("failed after starting") << ended(1, T0 - MsPerHour, JobState::Failed) << true;
    QTest::newRow("stopped by a user") << ended(1, T0 - MsPerHour, JobState::Stopped) << true;
    QTest::newRow("interrupted by a site loss")
        << ended(1, T0 - MsPerHour, JobState::Interrupted) << true;
    QTest::newRow("running") << running(1, JobKind::SystemBackup, T0 - MsPerHour) << true;
    QTest::newRow("cancelled: previous still running")
        << ended(1, T0 - MsPerHour, JobState::Cancelled) << false;
    QTest::newRow("never started (refused or failed before start)") << JobRecord { 1,
        JobKind::FileBackup, JobTrigger::Immediate, JobState::Failed, -1, T0 - MsPerHour }
                                                                    << false;
    QTest::newRow("a restore") << ended(1, T0 - MsPerHour, JobState::Succeeded,
        JobKind::FileRestore) << false;
    QTest::newRow("started exactly 24 h ago") << ended(1, T0 - MsPerDay) << false;
    QTest::newRow("started 24 h minus 1 ms ago") << ended(1, T0 - MsPerDay + 1) << true;
}

void tst_Quota::countsOnlyJobsThatRan()
{
    QFETCH(JobRecord, job);
    QFETCH(bool, counts);
    QCOMPARE(quotaUsed({ job }, T0), counts ? 1 : 0);
}

void tst_Quota::prunesWhatAdmissionNoLongerNeeds()
{
    const History history { ended(1, T0 - 2 * MsPerDay), ended(2, T0 - MsPerDay),
        ended(3, T0 - MsPerDay + 1), running(4, JobKind::FileBackup, T0 - 3 * MsPerDay),
        JobRecord { 5, JobKind::FileBackup, JobTrigger::Scheduled, JobState::Cancelled, -1, T0 } };
    const History pruned = pruneHistory(history, T0);
    QCOMPARE(pruned.size(), 2);
    QCOMPARE(pruned.at(0).id, 3);
    QCOMPARE(pruned.at(1).id, 4);
    const JobRequest request { JobKind::FileBackup, JobTrigger::Immediate, T0 };
    QCOMPARE(admitJob(request, Timing::Daily, pruned), admitJob(request, Timing::Daily, history));
}

void tst_Quota::namesRefusalsStably()
{
    QCOMPARE(refusalName(Refusal::None), QStringLiteral("none"));
    QCOMPARE(refusalName(Refusal::QuotaExhausted), QStringLiteral("quota_exhausted"));
    QCOMPARE(refusalName(Refusal::ScheduledRunWithoutSchedule),
        QStringLiteral("scheduled_run_without_schedule"));
}

QTEST_GUILESS_MAIN(tst_Quota)
#include "tst_quota.moc"
