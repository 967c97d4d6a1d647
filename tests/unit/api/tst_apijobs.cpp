// The seed's public operations (run an immediate backup, a job's status, stop a job) and the
// job list, through the real HTTP server, the real scheduler and a recording dispatcher.
#include "apifixture.h"

#include <catalog/jobstore.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

class tst_ApiJobs : public QObject {
    Q_OBJECT

private slots:
    void init();
    void runsAnImmediateBackup();
    void refusesUnknownKind();
    void secondConcurrentBackupIsAConflict();
    void sixthBackupIn24HoursIsRefusedWithLiftTime();
    void offlineAgentIsUnavailable();
    void unprotectedServerIsAConflict();
    void jobStatusShowsProgressAndEvents();
    void stopsARunningJob();
    void listsJobsWithFilters();
    void otherTenantsIdsAreNotFound();

private:
    // Requests a backup over HTTP; the job id or 0.
    qint64 run(qint64 server);
    // Reports the job started and then succeeded, as an agent would.
    bool complete(qint64 job);

    std::unique_ptr<ApiFixture> f;
    QString operatorToken;
    qint64 web = 0;
};

void tst_ApiJobs::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    operatorToken = f->login(u"alpha"_s, u"operator"_s);
    QVERIFY(!operatorToken.isEmpty());
    web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(web);
}

qint64 tst_ApiJobs::run(qint64 server)
{
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(server), operatorToken, { { u"kind"_s, u"files"_s } });
    return reply.status == 202 ? reply.json.value(u"id"_s).toInteger() : 0;
}

bool tst_ApiJobs::complete(qint64 job)
{
    Scheduler::FinishedJob outcome;
    outcome.sourceBytes = 100;
    outcome.files = 2;
    outcome.snapshotId = u"snap-%1"_s.arg(job);
    return f->scheduler->jobStarted(f->alpha, job)
        && f->scheduler->jobFinished(f->alpha, job, outcome);
}

void tst_ApiJobs::runsAnImmediateBackup()
{
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, u"files"_s } });
    QCOMPARE(reply.status, 202);
    const qint64 job = reply.json.value(u"id"_s).toInteger();
    QVERIFY(job > 0);
    QCOMPARE(reply.json.value(u"state"_s).toString(), u"queued"_s);
    QCOMPARE(reply.json.value(u"kind"_s).toString(), u"file_backup"_s);
    QCOMPARE(reply.json.value(u"trigger"_s).toString(), u"immediate"_s);
    QCOMPARE(f->dispatcher.dispatched.size(), 1);
    QCOMPARE(f->dispatcher.dispatched.first().jobId, job);
    QCOMPARE(f->dispatcher.dispatched.first().serverId, web);
    // Without a kind the plan's content decides.
    QVERIFY(complete(job));
    const Reply second = f->post(u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken);
    QCOMPARE(second.status, 202);
    QCOMPARE(second.json.value(u"kind"_s).toString(), u"file_backup"_s);
}

void tst_ApiJobs::refusesUnknownKind()
{
    for (const QString &kind : { u"tape"_s, u"file_restore"_s }) {
        const Reply reply = f->post(
            u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, kind } });
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.details().value(u"field"_s).toString(), u"kind"_s);
    }
    // A system backup of a files plan is the scheduler's InvalidArgument.
    const Reply system = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, u"system"_s } });
    QCOMPARE(system.status, 400);
    QVERIFY(f->dispatcher.dispatched.isEmpty());
}

void tst_ApiJobs::secondConcurrentBackupIsAConflict()
{
    const qint64 first = run(web);
    QVERIFY(first);
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, u"files"_s } });
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.code(), u"conflict"_s);
    QCOMPARE(reply.details().value(u"refusal"_s).toString(), u"backup_running"_s);
    QCOMPARE(reply.details().value(u"blockingJobId"_s).toInteger(), first);
    QVERIFY(reply.details().value(u"liftsAt"_s).isNull());
    QCOMPARE(f->dispatcher.dispatched.size(), 1);
}

void tst_ApiJobs::sixthBackupIn24HoursIsRefusedWithLiftTime()
{
    const qint64 firstStart = f->clock.nowMs();
    for (int i = 0; i < 5; ++i) {
        const qint64 job = run(web);
        QVERIFY2(job, qPrintable(u"backup %1"_s.arg(i + 1)));
        QVERIFY(complete(job));
        f->clock.advanceMs(3600 * 1000);
    }
    QVERIFY(f->get(u"/api/v1/me"_s, operatorToken).status == 200);
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, u"files"_s } });
    QCOMPARE(reply.status, 409);
    const QJsonObject details = reply.details();
    QCOMPARE(details.value(u"refusal"_s).toString(), u"quota_exhausted"_s);
    QCOMPARE(details.value(u"quotaUsed"_s).toInt(), 5);
    QCOMPARE(details.value(u"quotaLimit"_s).toInt(), 5);
    QCOMPARE(details.value(u"liftsAtMs"_s).toInteger(), firstStart + 86400000ll);
    QCOMPARE(details.value(u"liftsAt"_s).toString(), Api::isoUtc(firstStart + 86400000ll));
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"possible again"_s));
    f->clock.setNowMs(firstStart + 86400000ll);
    operatorToken = f->login(u"alpha"_s, u"operator"_s); // sessions last 12 hours
    QVERIFY(run(web));
}

void tst_ApiJobs::offlineAgentIsUnavailable()
{
    f->dispatcher.offline.insert(web);
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(web), operatorToken, { { u"kind"_s, u"files"_s } });
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.code(), u"unavailable"_s);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"agent"_s));
    const qint64 job = reply.details().value(u"jobId"_s).toInteger();
    const Reply status = f->get(u"/api/v1/jobs/%1"_s.arg(job), operatorToken);
    QCOMPARE(status.json.value(u"state"_s).toString(), u"failed"_s);
    QVERIFY(f->dispatcher.dispatched.isEmpty());
}

void tst_ApiJobs::unprotectedServerIsAConflict()
{
    const qint64 bare = f->addServer(f->alpha, u"bare"_s, std::nullopt);
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(bare), operatorToken, { { u"kind"_s, u"files"_s } });
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"not protected"_s));
    QCOMPARE(f->post(u"/api/v1/servers/999/backups"_s, operatorToken).status, 404);
}

void tst_ApiJobs::jobStatusShowsProgressAndEvents()
{
    const qint64 job = run(web);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    QVERIFY_RESULT(Catalog::JobStore(f->db()).addEvent(f->alpha, job,
        { f->clock.nowMs(), Catalog::EventLevel::Warning, u"file changed while read"_s }));
    f->clock.advanceMs(10000);
    Catalog::JobProgressFigures figures;
    figures.sourceBytes = 3000000;
    figures.files = 30;
    figures.bytesDone = 1000000;
    figures.filesDone = 10;
    figures.transferredBytes = 500000;
    QVERIFY_RESULT(f->scheduler->jobProgress(f->alpha, job, figures));
    const Reply reply = f->get(u"/api/v1/jobs/%1"_s.arg(job), f->login(u"alpha"_s, u"viewer"_s));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"state"_s).toString(), u"running"_s);
    const QJsonObject progress = reply.json.value(u"progress"_s).toObject();
    QCOMPARE(progress.value(u"bytesDone"_s).toInteger(), 1000000);
    QCOMPARE(progress.value(u"sourceBytes"_s).toInteger(), 3000000);
    QCOMPARE(progress.value(u"filesDone"_s).toInteger(), 10);
    QCOMPARE(progress.value(u"transferredBytes"_s).toInteger(), 500000);
    QCOMPARE(progress.value(u"bytesPerSecond"_s).toInteger(), 100000); // 1 MB in 10 s
    QCOMPARE(progress.value(u"etaSeconds"_s).toInteger(), 20);
    const QJsonArray events = reply.json.value(u"events"_s).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value(u"level"_s).toString(), u"warning"_s);
    QCOMPARE(events.at(0).toObject().value(u"text"_s).toString(), u"file changed while read"_s);
}

void tst_ApiJobs::stopsARunningJob()
{
    const qint64 job = run(web);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    const Reply reply = f->post(u"/api/v1/jobs/%1/stop"_s.arg(job), operatorToken);
    QCOMPARE(reply.status, 202);
    QCOMPARE(f->dispatcher.stopRequests, QList<qint64> { job });
    Scheduler::FinishedJob stopped;
    stopped.state = Policy::JobState::Stopped;
    stopped.reason = u"stopped on request"_s;
    QVERIFY_RESULT(f->scheduler->jobFinished(f->alpha, job, stopped));
    QCOMPARE(f->get(u"/api/v1/jobs/%1"_s.arg(job), operatorToken).json.value(u"state"_s).toString(),
        u"stopped"_s);
    const Reply again = f->post(u"/api/v1/jobs/%1/stop"_s.arg(job), operatorToken);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code(), u"conflict"_s);
    QCOMPARE(f->post(u"/api/v1/jobs/999/stop"_s, operatorToken).status, 404);
}

void tst_ApiJobs::listsJobsWithFilters()
{
    const qint64 db = f->addServer(f->alpha, u"db"_s, ApiFixture::immediatePlan());
    const qint64 done = run(web);
    QVERIFY(complete(done));
    const qint64 running = run(web);
    const qint64 other = run(db);
    QVERIFY(running && other);
    const auto ids = [](const Reply &reply) {
        QList<qint64> out;
        for (const QJsonValue &job : reply.json.value(u"jobs"_s).toArray())
            out << job.toObject().value(u"id"_s).toInteger();
        return out;
    };
    QCOMPARE(
        ids(f->get(u"/api/v1/jobs"_s, operatorToken)), (QList<qint64> { other, running, done }));
    QCOMPARE(ids(f->get(u"/api/v1/jobs?server=%1"_s.arg(web), operatorToken)),
        (QList<qint64> { running, done }));
    QCOMPARE(ids(f->get(u"/api/v1/jobs?state=succeeded"_s, operatorToken)), QList<qint64> { done });
    QCOMPARE(ids(f->get(u"/api/v1/jobs?server=%1&state=queued"_s.arg(web), operatorToken)),
        QList<qint64> { running });
    QCOMPARE(ids(f->get(u"/api/v1/jobs?limit=1"_s, operatorToken)), QList<qint64> { other });
    QCOMPARE(f->get(u"/api/v1/jobs?state=sleeping"_s, operatorToken).status, 400);
    QCOMPARE(f->get(u"/api/v1/jobs?limit=0"_s, operatorToken).status, 400);
    QCOMPARE(f->get(u"/api/v1/jobs?server=x"_s, operatorToken).status, 400);
}

void tst_ApiJobs::otherTenantsIdsAreNotFound()
{
    const qint64 job = run(web);
    QVERIFY(job);
    const QString intruder = f->login(u"beta"_s, u"admin"_s);
    QVERIFY(!intruder.isEmpty());
    const QList<Reply> replies {
        f->get(u"/api/v1/servers/%1"_s.arg(web), intruder),
        f->get(u"/api/v1/jobs/%1"_s.arg(job), intruder),
        f->post(u"/api/v1/jobs/%1/stop"_s.arg(job), intruder),
        f->post(u"/api/v1/servers/%1/backups"_s.arg(web), intruder, { { u"kind"_s, u"files"_s } }),
        f->get(u"/api/v1/jobs?server=%1"_s.arg(web), intruder),
    };
    for (const Reply &reply : replies) {
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code(), u"not_found"_s);
    }
    QCOMPARE(f->get(u"/api/v1/jobs"_s, intruder).json.value(u"jobs"_s).toArray().size(), 0);
    QVERIFY(f->dispatcher.stopRequests.isEmpty());
    QCOMPARE(f->dispatcher.dispatched.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ApiJobs)
#include "tst_apijobs.moc"
