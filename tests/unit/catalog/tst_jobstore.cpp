#include "catalogfixture.h"

#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;
using Kura::Policy::JobState;

class tst_JobStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void lifecycleRecordsTimesAndFigures();
    void transitions_data();
    void transitions();
    void cancelledAtCreationHasEndTime();
    void listsAndQuotaWindow();
    void lastSuccessfulBackupIgnoresRestoresAndFailures();
    void interruptMarksOnlyRunningJobs();
    void eventsInOrder();
    void successfulBackupUpdatesServer();
    void rejectsInitialStates_data();
    void rejectsInitialStates();
    void restoreTargetMustBeTheTenants();

private:
    std::unique_ptr<Test::CatalogFixture> m_f;
    qint64 m_server = 0;
};

void tst_JobStore::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // stray warnings fail the test
    m_f = std::make_unique<Test::CatalogFixture>();
    QVERIFY(m_f->ok());
    m_server = m_f->addServer(m_f->alpha(), u"web"_s);
    QVERIFY(m_server > 0);
}

void tst_JobStore::lifecycleRecordsTimesAndFigures()
{
    JobStore jobs(m_f->db());
    NewJob n;
    n.serverId = m_server;
    n.kind = Policy::JobKind::SystemBackup;
    n.trigger = Policy::JobTrigger::Scheduled;
    n.planSummary = u"local/daily 00-03/7d/system"_s;
    n.queuedMs = 100;
    auto id = jobs.create(m_f->alpha(), n);
    QVERIFY_RESULT(id);
    QVERIFY_RESULT(jobs.markRunning(m_f->alpha(), *id, 200));
    QVERIFY_RESULT(jobs.updateProgress(m_f->alpha(), *id, { 1000, 10, 500, 5, 300 }));
    auto running = jobs.job(m_f->alpha(), *id);
    QCOMPARE(running->state, JobState::Running);
    QCOMPARE(running->figures.bytesDone, 500);
    QVERIFY_RESULT(jobs.finish(m_f->alpha(), *id, JobState::Succeeded, QString(), 900, 77));
    auto done = jobs.job(m_f->alpha(), *id);
    QVERIFY_RESULT(done);
    QCOMPARE(done->state, JobState::Succeeded);
    QCOMPARE(done->kind, Policy::JobKind::SystemBackup);
    QCOMPARE(done->trigger, Policy::JobTrigger::Scheduled);
    QCOMPARE(done->planSummary, n.planSummary);
    QCOMPARE(done->queuedMs, 100);
    QCOMPARE(done->startMs, 200);
    QCOMPARE(done->endMs, 900);
    QCOMPARE(done->generationId, 77);
    QCOMPARE(done->figures.sourceBytes, 1000);
    QCOMPARE(done->figures.transferredBytes, 300);
    QCOMPARE(done->reason, QString(u""_s));
}

void tst_JobStore::transitions_data()
{
    QTest::addColumn<JobState>("from");
    QTest::addColumn<JobState>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("queued to cancelled") << JobState::Queued << JobState::Cancelled << true;
    QTest::newRow("queued to succeeded") << JobState::Queued << JobState::Succeeded << false;
    QTest::newRow("running to stopped") << JobState::Running << JobState::Stopped << true;
    QTest::newRow("running to failed") << JobState::Running << JobState::Failed << true;
    QTest::newRow("running to interrupted") << JobState::Running << JobState::Interrupted << true;
    QTest::newRow("succeeded to failed") << JobState::Succeeded << JobState::Failed << false;
    QTest::newRow("failed to cancelled") << JobState::Failed << JobState::Cancelled << false;
    QTest::newRow("running to running") << JobState::Running << JobState::Running << false;
}

void tst_JobStore::transitions()
{
    QFETCH(JobState, from);
    QFETCH(JobState, to);
    QFETCH(bool, allowed);
    const qint64 id = m_f->addJob(m_f->alpha(), m_server, 1000, from);
    QVERIFY(id > 0);
    auto done = JobStore(m_f->db()).finish(m_f->alpha(), id, to, u"because"_s, 5000);
    QCOMPARE(bool(done), allowed);
    if (!allowed) {
        const bool finalTarget = to != JobState::Running && to != JobState::Queued;
        QCOMPARE(
            done.error().code(), finalTarget ? ErrorCode::Conflict : ErrorCode::InvalidArgument);
    }
    QCOMPARE(JobStore(m_f->db()).job(m_f->alpha(), id)->state, allowed ? to : from);
}

void tst_JobStore::cancelledAtCreationHasEndTime()
{
    NewJob n;
    n.serverId = m_server;
    n.state = JobState::Cancelled;
    n.reason = u"previous backup still running"_s;
    n.queuedMs = 4000;
    auto id = JobStore(m_f->db()).create(m_f->alpha(), n);
    QVERIFY_RESULT(id);
    auto job = JobStore(m_f->db()).job(m_f->alpha(), *id);
    QCOMPARE(job->state, JobState::Cancelled);
    QCOMPARE(job->endMs, 4000);
    QVERIFY(!job->startMs);
    QCOMPARE(job->reason, n.reason);
    QCOMPARE(JobStore(m_f->db()).markRunning(m_f->alpha(), *id, 5000).error().code(),
        ErrorCode::Conflict);
}

void tst_JobStore::listsAndQuotaWindow()
{
    const qint64 old = m_f->addJob(m_f->alpha(), m_server, 1000, JobState::Succeeded);
    const qint64 mid = m_f->addJob(m_f->alpha(), m_server, 2000, JobState::Failed);
    const qint64 active = m_f->addJob(m_f->alpha(), m_server, 3000, JobState::Running);
    const qint64 queued = m_f->addJob(m_f->alpha(), m_server, 4000, JobState::Queued);
    JobStore jobs(m_f->db());
    auto newest = jobs.listForServer(m_f->alpha(), m_server, 2);
    QCOMPARE(newest->size(), 2);
    QCOMPARE(newest->at(0).id, queued);
    QCOMPARE(newest->at(1).id, active);
    auto since = jobs.jobsSince(m_f->alpha(), m_server, 2000);
    QCOMPARE(since->size(), 3);
    QCOMPARE(since->at(0).id, mid);
    auto activeJobs = jobs.activeJobs(m_f->alpha());
    QCOMPARE(activeJobs->size(), 2);
    QCOMPARE(activeJobs->at(0).id, active);
    QCOMPARE(activeJobs->at(1).id, queued);
    QVERIFY(old > 0);
}

void tst_JobStore::lastSuccessfulBackupIgnoresRestoresAndFailures()
{
    JobStore jobs(m_f->db());
    QVERIFY(!*jobs.lastSuccessfulBackupMs(m_f->alpha(), m_server));
    m_f->addJob(
        m_f->alpha(), m_server, 1000, JobState::Succeeded, Policy::JobKind::FileBackup, 1000);
    m_f->addJob(m_f->alpha(), m_server, 5000, JobState::Failed);
    m_f->addJob(m_f->alpha(), m_server, 9000, JobState::Succeeded, Policy::JobKind::FileRestore);
    QCOMPARE(
        *jobs.lastSuccessfulBackupMs(m_f->alpha(), m_server), 3000); // 1000 + 1000 start + 1000 run
}

void tst_JobStore::interruptMarksOnlyRunningJobs()
{
    const qint64 running = m_f->addJob(m_f->alpha(), m_server, 1000, JobState::Running);
    const qint64 queued = m_f->addJob(m_f->alpha(), m_server, 2000, JobState::Queued);
    const qint64 otherServer = m_f->addServer(m_f->beta(), u"b"_s);
    const qint64 otherTenant = m_f->addJob(m_f->beta(), otherServer, 1000, JobState::Running);
    auto count = JobStore(m_f->db()).interruptRunning(m_f->alpha(), u"switch-over"_s, 9000);
    QVERIFY_RESULT(count);
    QCOMPARE(*count, 1);
    QCOMPARE(JobStore(m_f->db()).job(m_f->alpha(), running)->state, JobState::Interrupted);
    QCOMPARE(JobStore(m_f->db()).job(m_f->alpha(), queued)->state, JobState::Queued);
    QCOMPARE(JobStore(m_f->db()).job(m_f->beta(), otherTenant)->state, JobState::Running);
}

void tst_JobStore::eventsInOrder()
{
    const qint64 id = m_f->addJob(m_f->alpha(), m_server, 1000, JobState::Running);
    JobStore jobs(m_f->db());
    QVERIFY_RESULT(jobs.addEvent(
        m_f->alpha(), id, { 30, EventLevel::Warning, u"file changed while read: /a"_s }));
    QVERIFY_RESULT(jobs.addEvent(m_f->alpha(), id, { 10, EventLevel::Info, u"started"_s }));
    QVERIFY_RESULT(jobs.addEvent(m_f->alpha(), id, { 40, EventLevel::Error, u"disk full"_s }));
    auto events = jobs.events(m_f->alpha(), id);
    QVERIFY_RESULT(events);
    QCOMPARE(events->size(), 3);
    QCOMPARE(events->at(0).text, u"started"_s);
    QCOMPARE(events->at(1).level, EventLevel::Warning);
    QCOMPARE(events->at(2).level, EventLevel::Error);
    QCOMPARE(jobs.addEvent(m_f->alpha(), 999999, { 1, EventLevel::Info, u"x"_s }).error().code(),
        ErrorCode::NotFound);
}

void tst_JobStore::restoreTargetMustBeTheTenants()
{
    const qint64 foreign = m_f->addServer(m_f->beta(), u"foreign"_s);
    NewJob n;
    n.serverId = m_server;
    n.kind = Policy::JobKind::FileRestore;
    n.targetServerId = foreign;
    n.targetPath = u"/restore"_s;
    auto refused = JobStore(m_f->db()).create(m_f->alpha(), n);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::NotFound);
    n.targetServerId = m_server;
    auto id = JobStore(m_f->db()).create(m_f->alpha(), n);
    QVERIFY_RESULT(id);
    auto job = JobStore(m_f->db()).job(m_f->alpha(), *id);
    QCOMPARE(job->targetServerId, m_server);
    QCOMPARE(job->targetPath, u"/restore"_s);
}

void tst_JobStore::successfulBackupUpdatesServer()
{
    auto lastBackup
        = [this] { return ServerStore(m_f->db()).server(m_f->alpha(), m_server)->lastBackupMs; };
    QVERIFY(!lastBackup());
    m_f->addJob(m_f->alpha(), m_server, 1000, JobState::Failed);
    QVERIFY(!lastBackup());
    const qint64 older = m_f->addJob(m_f->alpha(), m_server, 1000, JobState::Running);
    m_f->addJob(
        m_f->alpha(), m_server, 5000, JobState::Succeeded, Policy::JobKind::SystemBackup, 1000);
    QCOMPARE(lastBackup(), 7000);
    m_f->addJob(m_f->alpha(), m_server, 9000, JobState::Succeeded, Policy::JobKind::FileRestore);
    QCOMPARE(lastBackup(), 7000); // restores do not count
    QVERIFY_RESULT(JobStore(m_f->db()).finish(m_f->alpha(), older, JobState::Succeeded, {}, 6000));
    QCOMPARE(lastBackup(), 7000); // an older success does not move it back
    QCOMPARE(*JobStore(m_f->db()).lastSuccessfulBackupMs(m_f->alpha(), m_server), 7000);
}

void tst_JobStore::rejectsInitialStates_data()
{
    QTest::addColumn<JobState>("state");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("queued") << JobState::Queued << true;
    QTest::newRow("cancelled") << JobState::Cancelled << true;
    QTest::newRow("failed") << JobState::Failed << true;
    QTest::newRow("running") << JobState::Running << false;
    QTest::newRow("succeeded") << JobState::Succeeded << false;
    QTest::newRow("interrupted") << JobState::Interrupted << false;
}

void tst_JobStore::rejectsInitialStates()
{
    QFETCH(JobState, state);
    QFETCH(bool, accepted);
    NewJob n;
    n.serverId = m_server;
    n.state = state;
    auto id = JobStore(m_f->db()).create(m_f->alpha(), n);
    QCOMPARE(bool(id), accepted);
    if (!accepted)
        QCOMPARE(id.error().code(), ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_JobStore)
#include "tst_jobstore.moc"
