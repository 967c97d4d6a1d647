// The API client against the real API: every call through a real QHttpServer on 127.0.0.1,
// the real SQLite catalog and the real scheduler (ApiFixture), with the answers read into the
// client's value types, and the error mapping (401, 404, 409 refusals with their lift time,
// 400 plan problems and confirmations).
#include "apifixture.h"
#include "clientwait.h"

#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/regionstore.h>
#include <catalog/report.h>
#include <protocol/agentpackage.h>

#include <QSignalSpy>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

class tst_ApiClient : public QObject {
    Q_OBJECT

private slots:
    void init();
    void logsInAndOut();
    void wrongPasswordAndBadTokenAreUnauthorized();
    void listsServersAndReadsOne();
    void unknownServerIsNotFound();
    void protectsChangesThePlanAndUnprotects();
    void planProblemsAreNamed();
    void setsTheBandwidthLimit();
    void runsABackupAndFollowsTheJob();
    void stopsAJob();
    void concurrentBackupIsRefusedUntilTheJobEnds();
    void quotaRefusalSaysWhenItLifts();
    void listsGenerations();
    void readsTheReportAsJsonAndCsv();
    void listsAndAcknowledgesAlerts();
    void listsRegions();
    void managesEnrollmentTokens();
    void sendReturnsTheRawAnswer();
    void callbackOfADestroyedContextIsDropped();
    void callbacksAreNeverSynchronous();

private:
    void useToken(const QString &user);
    // Reports the job started, then finished in `state`, as an agent would.
    bool finish(qint64 job, Policy::JobState state = Policy::JobState::Succeeded);
    JobInfo backup(qint64 server);

    std::unique_ptr<Test::ApiFixture> f;
    std::unique_ptr<ApiClient> client;
    qint64 web = 0; // protected, immediate plan
    qint64 db = 0; // not protected
    const Api::ServerIdentity identity { u"backup.example.com:8641"_s, {},
        QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") };
};

void tst_ApiClient::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<Test::ApiFixture>();
    QVERIFY(f->ok());
    web = f->addServer(f->alpha, u"web"_s, Test::ApiFixture::immediatePlan());
    db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    QVERIFY(web && db);
    client = std::make_unique<ApiClient>();
    client->setBaseUrl(f->url({}));
    useToken(u"admin"_s);
}

void tst_ApiClient::useToken(const QString &user)
{
    const QString token = f->login(u"alpha"_s, user);
    QVERIFY(!token.isEmpty());
    client->setToken(token);
}

bool tst_ApiClient::finish(qint64 job, Policy::JobState state)
{
    Scheduler::FinishedJob outcome;
    outcome.state = state;
    outcome.reason = state == Policy::JobState::Failed ? u"disk on fire"_s : QString();
    outcome.sourceBytes = 1000;
    outcome.files = 3;
    outcome.newBytes = 400;
    outcome.snapshotId = u"snap-%1"_s.arg(job);
    Catalog::JobProgressFigures figures;
    figures.sourceBytes = figures.bytesDone = outcome.sourceBytes;
    figures.files = figures.filesDone = outcome.files;
    figures.transferredBytes = outcome.newBytes;
    return f->scheduler->jobStarted(f->alpha, job)
        && f->scheduler->jobProgress(f->alpha, job, figures)
        && f->scheduler->jobFinished(f->alpha, job, outcome);
}

JobInfo tst_ApiClient::backup(qint64 server)
{
    auto job
        = await<JobInfo>([&](auto done) { client->startBackup(server, u"files"_s, this, done); });
    return job.value_or(JobInfo {});
}

void tst_ApiClient::logsInAndOut()
{
    client->setToken({});
    auto login = await<LoginResult>(
        [&](auto done) { client->login(u"alpha"_s, u"operator"_s, u"pw-operator"_s, this, done); });
    QVERIFY_API(login);
    QVERIFY(!login->token.isEmpty());
    QVERIFY(login->expires > QDateTime::fromMSecsSinceEpoch(f->clock.nowMs(), QTimeZone::utc()));
    QCOMPARE(login->identity.user, u"operator"_s);
    QCOMPARE(login->identity.role, u"operator"_s);
    QCOMPARE(login->identity.tenantId, f->alpha);
    QVERIFY(client->token().isEmpty()); // login() leaves the token to the caller

    client->setToken(login->token);
    auto me = await<Identity>([&](auto done) { client->me(this, done); });
    QVERIFY_API(me);
    QCOMPARE(me->user, u"operator"_s);
    QVERIFY(!me->apiKey);

    QVERIFY_API(await<void>([&](auto done) { client->logout(this, done); }));
    QSignalSpy rejected(client.get(), &ApiClient::tokenRejected);
    auto after = await<Identity>([&](auto done) { client->me(this, done); });
    QVERIFY(!after);
    QCOMPARE(after.error().httpStatus, 401);
    QCOMPARE(rejected.size(), 1);
}

void tst_ApiClient::wrongPasswordAndBadTokenAreUnauthorized()
{
    QSignalSpy rejected(client.get(), &ApiClient::tokenRejected);
    auto login = await<LoginResult>(
        [&](auto done) { client->login(u"alpha"_s, u"admin"_s, u"wrong"_s, this, done); });
    QVERIFY(!login);
    QCOMPARE(login.error().httpStatus, 401);
    QCOMPARE(login.error().code, ErrorCode::Unauthorized);
    QCOMPARE(rejected.size(), 0); // login sends no token

    client->setToken(u"not-a-token"_s);
    auto servers = await<QList<ServerInfo>>([&](auto done) { client->servers(this, done); });
    QVERIFY(!servers);
    QCOMPARE(servers.error().httpStatus, 401);
    QCOMPARE(servers.error().code, ErrorCode::Unauthorized);
    QCOMPARE(servers.error().codeName, u"unauthorized"_s);
    QVERIFY(servers.error().message.startsWith(u"GET /api/v1/servers: "_s));
    QVERIFY(!servers.error().isTransport());
    QCOMPARE(rejected.size(), 1);
    QVERIFY(client->isReachable());
}

void tst_ApiClient::listsServersAndReadsOne()
{
    auto servers = await<QList<ServerInfo>>([&](auto done) { client->servers(this, done); });
    QVERIFY_API(servers);
    QCOMPARE(servers->size(), 2);
    const ServerInfo &first = servers->at(0); // ordered by name
    QCOMPARE(first.name, u"db"_s);
    QCOMPARE(first.id, db);
    QVERIFY(!first.isProtected);
    QVERIFY(!first.plan);
    QVERIFY(first.planSummary.isEmpty());
    QCOMPARE(first.region, u"JP1"_s);
    QCOMPARE(first.facts.osId, u"debian"_s);
    QCOMPARE(first.facts.flavor, u"m1.small"_s);
    QCOMPARE(first.enrolled, QDateTime::fromMSecsSinceEpoch(f->clock.nowMs(), QTimeZone::utc()));
    QVERIFY(!first.lastBackup.isValid());

    auto one = await<ServerInfo>([&](auto done) { client->server(web, this, done); });
    QVERIFY_API(one);
    QCOMPARE(one->name, u"web"_s);
    QVERIFY(one->isProtected);
    QVERIFY(one->plan);
    QCOMPARE(one->plan->timing, u"immediate"_s);
    QCOMPARE(one->plan->retentionDays, 7);
    QVERIFY(one->plan->maxGenerations > 0);
    QCOMPARE(one->planSummary, one->plan->summary);
    QVERIFY(one->protectedSince.isValid());
}

void tst_ApiClient::unknownServerIsNotFound()
{
    auto missing = await<ServerInfo>([&](auto done) { client->server(9999, this, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().httpStatus, 404);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    // Another tenant's server is just as unknown.
    const qint64 foreign = f->addServer(f->beta, u"theirs"_s, std::nullopt);
    auto other = await<ServerInfo>([&](auto done) { client->server(foreign, this, done); });
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::NotFound);
}

void tst_ApiClient::protectsChangesThePlanAndUnprotects()
{
    PlanInfo plan;
    plan.timing = u"daily"_s;
    plan.dailyWindow = 1;
    plan.retentionDays = 30;
    auto isProtected
        = await<ServerInfo>([&](auto done) { client->protect(db, plan, false, this, done); });
    QVERIFY_API(isProtected);
    QVERIFY(isProtected->isProtected);
    QVERIFY(isProtected->plan);
    QCOMPARE(isProtected->plan->dailyWindow, 1);
    QCOMPARE(isProtected->planSummary, u"local/daily 03-06/30d/files"_s);

    plan.dailyWindow = 5;
    auto changed
        = await<ServerInfo>([&](auto done) { client->setPlan(db, plan, false, this, done); });
    QVERIFY_API(changed);
    QCOMPARE(changed->plan->dailyWindow, 5);

    // Unprotecting asks for confirmation first and says how much would go.
    auto unconfirmed
        = await<UnprotectResult>([&](auto done) { client->unprotect(db, false, this, done); });
    QVERIFY(!unconfirmed);
    QCOMPARE(unconfirmed.error().httpStatus, 400);
    QCOMPARE(unconfirmed.error().field(), u"confirm"_s);
    QCOMPARE(unconfirmed.error().details.value(u"generations"_s).toInteger(), 0);
    auto done = await<UnprotectResult>([&](auto cb) { client->unprotect(db, true, this, cb); });
    QVERIFY_API(done);
    QCOMPARE(done->serverId, db);
    QCOMPARE(done->generations, 0);

    // An operator may not change plans.
    useToken(u"operator"_s);
    auto forbidden
        = await<ServerInfo>([&](auto cb) { client->protect(db, plan, false, this, cb); });
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().httpStatus, 403);
    QCOMPARE(forbidden.error().code, ErrorCode::Forbidden);
}

void tst_ApiClient::planProblemsAreNamed()
{
    PlanInfo plan;
    plan.timing = u"daily"_s;
    plan.dailyWindow = 9;
    auto outOfRange
        = await<ServerInfo>([&](auto done) { client->setPlan(web, plan, false, this, done); });
    QVERIFY(!outOfRange);
    QCOMPARE(outOfRange.error().httpStatus, 400);
    QCOMPARE(outOfRange.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(outOfRange.error().problems().size(), 1);
    QCOMPARE(outOfRange.error().problems().first().toObject().value(u"field"_s).toString(),
        u"dailyWindow"_s);

    // Double storage needs the transfer confirmed; then it is accepted.
    plan.dailyWindow = 0;
    plan.storage = u"double"_s;
    auto unconfirmed
        = await<ServerInfo>([&](auto done) { client->setPlan(web, plan, false, this, done); });
    QVERIFY(!unconfirmed);
    QCOMPARE(unconfirmed.error().field(), u"confirmTransfer"_s);
    QCOMPARE(unconfirmed.error().details.value(u"remoteRegion"_s).toString(), u"JP2"_s);
    auto confirmed
        = await<ServerInfo>([&](auto done) { client->setPlan(web, plan, true, this, done); });
    QVERIFY_API(confirmed);
    QCOMPARE(confirmed->plan->storage, u"double"_s);

    // A typo in an enumeration is refused with the field's name.
    plan.content = u"filez"_s;
    auto typo = await<ServerInfo>([&](auto done) { client->setPlan(web, plan, true, this, done); });
    QVERIFY(!typo);
    QCOMPARE(typo.error().field(), u"plan.content"_s);
}

void tst_ApiClient::setsTheBandwidthLimit()
{
    auto limited = await<ServerInfo>(
        [&](auto done) { client->setBandwidth(web, 4 * 1024 * 1024, this, done); });
    QVERIFY_API(limited);
    QCOMPARE(limited->bandwidthLimit, 4 * 1024 * 1024);
    auto read = await<ServerInfo>([&](auto done) { client->server(web, this, done); });
    QVERIFY_API(read);
    QCOMPARE(read->bandwidthLimit, 4 * 1024 * 1024);
    auto negative
        = await<ServerInfo>([&](auto done) { client->setBandwidth(web, -1, this, done); });
    QVERIFY(!negative);
    QCOMPARE(negative.error().field(), u"bytesPerSecond"_s);
    auto none = await<ServerInfo>([&](auto done) { client->setBandwidth(web, 0, this, done); });
    QVERIFY_API(none);
    QCOMPARE(none->bandwidthLimit, 0);
    useToken(u"operator"_s);
    auto forbidden
        = await<ServerInfo>([&](auto done) { client->setBandwidth(web, 1, this, done); });
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().httpStatus, 403);
}

void tst_ApiClient::runsABackupAndFollowsTheJob()
{
    useToken(u"operator"_s);
    const JobInfo started = backup(web);
    QVERIFY(started.id > 0);
    QCOMPARE(started.serverId, web);
    QCOMPARE(started.state, JobState::Queued);
    QCOMPARE(started.kind, u"file_backup"_s);
    QCOMPARE(started.trigger, u"immediate"_s);
    QVERIFY(!started.isFinished());
    QCOMPARE(f->dispatcher.dispatched.size(), 1);

    // Running, half done after 10 s: rate and ETA.
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, started.id));
    QVERIFY_RESULT(Catalog::JobStore(f->db()).addEvent(f->alpha, started.id,
        { f->clock.nowMs(), Catalog::EventLevel::Warning, u"file changed while read"_s }));
    f->clock.advanceMs(10000);
    Catalog::JobProgressFigures figures;
    figures.sourceBytes = 2000;
    figures.bytesDone = 1000;
    figures.files = 10;
    figures.filesDone = 4;
    QVERIFY_RESULT(f->scheduler->jobProgress(f->alpha, started.id, figures));
    auto running = await<JobInfo>([&](auto done) { client->job(started.id, this, done); });
    QVERIFY_API(running);
    QCOMPARE(running->state, JobState::Running);
    QCOMPARE(running->progress.bytesDone, 1000);
    QCOMPARE(running->progress.sourceBytes, 2000);
    QCOMPARE(running->progress.filesDone, 4);
    QCOMPARE(running->progress.bytesPerSecond, std::optional<qint64>(100));
    QCOMPARE(running->progress.etaSeconds, std::optional<qint64>(10));
    QCOMPARE(running->progress.fraction(), std::optional<double>(0.5));
    QVERIFY(running->started.isValid());
    QCOMPARE(running->events.size(), 1);
    QCOMPARE(running->events.first().level, u"warning"_s);
    QCOMPARE(running->events.first().text, u"file changed while read"_s);

    Scheduler::FinishedJob outcome;
    outcome.sourceBytes = 2000;
    outcome.files = 10;
    outcome.snapshotId = u"snap"_s;
    QVERIFY_RESULT(f->scheduler->jobFinished(f->alpha, started.id, outcome));
    auto ended = await<JobInfo>([&](auto done) { client->job(started.id, this, done); });
    QVERIFY_API(ended);
    QCOMPARE(ended->state, JobState::Succeeded);
    QVERIFY(ended->isFinished());
    QVERIFY(ended->ended.isValid());
    QVERIFY(ended->generationId);
    QVERIFY(!ended->progress.bytesPerSecond);

    JobFilter filter;
    filter.serverId = web;
    filter.state = JobState::Succeeded;
    auto jobs = await<QList<JobInfo>>([&](auto done) { client->jobs(filter, this, done); });
    QVERIFY_API(jobs);
    QCOMPARE(jobs->size(), 1);
    QCOMPARE(jobs->first().id, started.id);
    filter.state = JobState::Failed;
    auto none = await<QList<JobInfo>>([&](auto done) { client->jobs(filter, this, done); });
    QVERIFY_API(none);
    QVERIFY(none->isEmpty());
}

void tst_ApiClient::stopsAJob()
{
    useToken(u"operator"_s);
    const JobInfo started = backup(web);
    QVERIFY(started.id > 0);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, started.id));
    auto stopping = await<JobInfo>([&](auto done) { client->stopJob(started.id, this, done); });
    QVERIFY_API(stopping);
    QCOMPARE(stopping->id, started.id);
    QCOMPARE(f->dispatcher.stopRequests, QList<qint64> { started.id });
    auto missing = await<JobInfo>([&](auto done) { client->stopJob(4242, this, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);

    useToken(u"viewer"_s);
    auto forbidden = await<JobInfo>([&](auto done) { client->stopJob(started.id, this, done); });
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().httpStatus, 403);
}

void tst_ApiClient::concurrentBackupIsRefusedUntilTheJobEnds()
{
    const JobInfo first = backup(web);
    QVERIFY(first.id > 0);
    auto second
        = await<JobInfo>([&](auto done) { client->startBackup(web, u"files"_s, this, done); });
    QVERIFY(!second);
    QCOMPARE(second.error().httpStatus, 409);
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QCOMPARE(second.error().refusal(), u"backup_running"_s);
    QVERIFY(!second.error().liftsAt().isValid()); // when the blocking job ends
    QCOMPARE(second.error().details.value(u"blockingJobId"_s).toInteger(), first.id);
    QVERIFY(second.error().message.contains(u"POST /api/v1/servers/"_s));
}

void tst_ApiClient::quotaRefusalSaysWhenItLifts()
{
    const qint64 firstStart = f->clock.nowMs();
    for (int i = 0; i < 5; ++i) {
        const JobInfo job = backup(web);
        QVERIFY(job.id > 0);
        QVERIFY(finish(job.id));
        f->clock.advanceMs(60000);
    }
    auto refused = await<JobInfo>([&](auto done) { client->startBackup(web, {}, this, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 409);
    QCOMPARE(refused.error().refusal(), u"quota_exhausted"_s);
    QCOMPARE(refused.error().liftsAt(),
        QDateTime::fromMSecsSinceEpoch(firstStart + 86400000, QTimeZone::utc()));
    QCOMPARE(refused.error().toError().code(), ErrorCode::Conflict);
    QVERIFY(refused.error().toString().startsWith(u"HTTP 409: "_s));
}

void tst_ApiClient::listsGenerations()
{
    const JobInfo job = backup(web);
    QVERIFY(finish(job.id));
    auto generations
        = await<QList<GenerationInfo>>([&](auto done) { client->generations(web, this, done); });
    QVERIFY_API(generations);
    QCOMPARE(generations->size(), 1);
    const GenerationInfo &g = generations->first();
    QCOMPARE(g.serverId, web);
    QCOMPARE(g.jobId, std::optional<qint64>(job.id));
    QCOMPARE(g.kind, u"file_backup"_s);
    QCOMPARE(g.status, u"complete"_s);
    QCOMPARE(g.sourceBytes, 1000);
    QCOMPARE(g.files, 3);
    QCOMPARE(g.newBytes, 400);
    QCOMPARE(g.retentionDays, 7);
    QVERIFY(!g.copies.isEmpty());
    QCOMPARE(g.copies.first().region, u"JP1"_s);
}

void tst_ApiClient::readsTheReportAsJsonAndCsv()
{
    QVERIFY(finish(backup(web).id));
    f->clock.advanceMs(60000);
    QVERIFY(finish(backup(web).id, Policy::JobState::Failed));
    auto report = await<JobReport>([&](auto done) { client->jobReport(0, this, done); });
    QVERIFY_API(report);
    QCOMPARE(report->days, 14);
    QCOMPARE(report->maxRows, 2000);
    QCOMPARE(report->rows.size(), 2);
    QCOMPARE(report->rows.at(0).result, JobState::Failed); // newest first
    QCOMPARE(report->rows.at(0).reason, u"disk on fire"_s);
    QCOMPARE(report->rows.at(1).result, JobState::Succeeded);
    QCOMPARE(report->rows.at(1).serverName, u"web"_s);
    QCOMPARE(report->rows.at(1).sourceBytes, 1000);

    // The CSV is the engine's document, byte for byte, in the zone asked for.
    const QTimeZone tokyo("Asia/Tokyo");
    auto rows = Catalog::jobReport(f->db(), f->alpha, f->clock.nowMs(), Catalog::ReportMaxRows);
    QVERIFY_RESULT(rows);
    auto csv
        = await<QByteArray>([&](auto done) { client->jobReportCsv(u"Asia/Tokyo"_s, this, done); });
    QVERIFY_API(csv);
    QCOMPARE(*csv, Catalog::reportCsv(*rows, tokyo));
    QVERIFY(csv->startsWith("\xEF\xBB\xBF"));
    auto badZone = await<QByteArray>(
        [&](auto done) { client->jobReportCsv(u"Mars/Olympus"_s, this, done); });
    QVERIFY(!badZone);
    QCOMPARE(badZone.error().httpStatus, 400);
}

void tst_ApiClient::listsAndAcknowledgesAlerts()
{
    QVERIFY(finish(backup(web).id, Policy::JobState::Failed)); // raises job_failed
    auto alerts = await<QList<AlertInfo>>([&](auto done) { client->alerts(false, 0, this, done); });
    QVERIFY_API(alerts);
    QCOMPARE(alerts->size(), 1);
    const AlertInfo alert = alerts->first();
    QCOMPARE(alert.kind, u"job_failed"_s);
    QCOMPARE(alert.serverId, std::optional<qint64>(web));
    QCOMPARE(alert.state, u"open"_s);

    useToken(u"operator"_s);
    auto acknowledged
        = await<AlertInfo>([&](auto done) { client->acknowledgeAlert(alert.id, this, done); });
    QVERIFY_API(acknowledged);
    QCOMPARE(acknowledged->state, u"acknowledged"_s);
    QCOMPARE(acknowledged->acknowledgedBy, u"operator"_s);
    QVERIFY(acknowledged->acknowledged.isValid());
    auto again
        = await<AlertInfo>([&](auto done) { client->acknowledgeAlert(alert.id, this, done); });
    QVERIFY(!again);
    QCOMPARE(again.error().httpStatus, 409);
}

void tst_ApiClient::listsRegions()
{
    Catalog::RegionStore store(f->db());
    QVERIFY_RESULT(store.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(store.upsert(u"JP2"_s, u"JP1"_s, true));
    QVERIFY_RESULT(store.upsert(u"AU1"_s, QString(), false));
    // A double-storage generation of a server in JP1 that ended two hours ago waits for JP2.
    Policy::Plan plan = Test::ApiFixture::immediatePlan();
    plan.storage = Policy::Storage::Double;
    const qint64 server = f->addServer(f->alpha, u"paired"_s, plan);
    QVERIFY(server);
    Catalog::GenerationStore generations(f->db());
    auto generation = generations.create(f->alpha, { server, std::nullopt, Policy::JobKind::FileBackup, plan,
                                                     f->clock.nowMs() - 3 * 3600 * 1000 });
    QVERIFY_RESULT(generation);
    const qint64 end = f->clock.nowMs() - 2 * 3600 * 1000;
    QVERIFY_RESULT(generations.complete(f->alpha, *generation, { end, 1, 1, 1, u"snap"_s }));
    auto regions = await<QList<RegionInfo>>([&](auto done) { client->regions(this, done); });
    QVERIFY_API(regions);
    QVERIFY(!regions->isEmpty());
    const auto jp1 = std::find_if(regions->cbegin(), regions->cend(),
        [](const RegionInfo &region) { return region.name == u"JP1"_s; });
    QVERIFY(jp1 != regions->cend());
    QCOMPARE(jp1->remoteRegion, u"JP2"_s);
    QVERIFY(jp1->doubleAvailable);
    QVERIFY(jp1->backupService);
    QCOMPARE(jp1->state, u"ok"_s);
    QVERIFY(jp1->replication);
    QCOMPARE(jp1->replication->sourceRegions, QStringList { u"JP2"_s });
    QCOMPARE(jp1->replication->waitingGenerations, 0);
    QVERIFY(!jp1->replication->oldestWaitingEnd.isValid());
    const auto jp2 = std::find_if(regions->cbegin(), regions->cend(),
        [](const RegionInfo &region) { return region.name == u"JP2"_s; });
    QVERIFY(jp2 != regions->cend() && jp2->replication);
    QCOMPARE(jp2->replication->waitingGenerations, 1);
    QCOMPARE(jp2->replication->oldestWaitingEnd, QDateTime::fromMSecsSinceEpoch(end, Qt::UTC));
    QCOMPARE(jp2->replication->lagMs, 2 * 3600 * 1000);
    QCOMPARE(jp2->replication->targetMs, 24 * 3600 * 1000);
    const auto au1 = std::find_if(regions->cbegin(), regions->cend(),
        [](const RegionInfo &region) { return region.name == u"AU1"_s; });
    QVERIFY(au1 != regions->cend());
    QVERIFY(!au1->backupService);
    QVERIFY(au1->remoteRegion.isEmpty());
    QVERIFY(!au1->replication);
}

void tst_ApiClient::managesEnrollmentTokens()
{
    // Without an agent listener no package can say where to connect: 503 not_configured.
    auto unconfigured = await<EnrollmentToken>(
        [&](auto done) { client->createEnrollmentToken(u"JP1"_s, 0, this, done); });
    QVERIFY(!unconfigured);
    QCOMPARE(unconfigured.error().httpStatus, 503);
    QCOMPARE(unconfigured.error().codeName, u"not_configured"_s);
    QCOMPARE(unconfigured.error().code, ErrorCode::Unavailable);
    QVERIFY(client->isReachable());

    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, &identity });
    auto created = await<EnrollmentToken>(
        [&](auto done) { client->createEnrollmentToken(u"JP1"_s, 48, this, done); });
    QVERIFY_API(created);
    QCOMPARE(created->region, u"JP1"_s);
    QCOMPARE(created->state, u"active"_s);
    QCOMPARE(
        created->createdAt, QDateTime::fromMSecsSinceEpoch(f->clock.nowMs(), QTimeZone::utc()));
    QCOMPARE(created->expiresAt, created->createdAt.addSecs(48 * 3600));
    QVERIFY(!created->token.isEmpty());
    const auto package = Protocol::readAgentPackage(created->package);
    QVERIFY_RESULT(package);
    QCOMPARE(package->token, created->token);
    QCOMPARE(package->primaryAddress, identity.agentAddress);
    QCOMPARE(package->certificateSha256, identity.certificateSha256);

    auto listed = await<QList<EnrollmentToken>>(
        [&](auto done) { client->enrollmentTokens(0, this, done); });
    QVERIFY_API(listed);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().id, created->id);
    QVERIFY(listed->first().token.isEmpty()); // secrets are shown once
    QVERIFY(listed->first().package.isEmpty());

    auto badRegion = await<EnrollmentToken>(
        [&](auto done) { client->createEnrollmentToken(u"AU1"_s, 0, this, done); });
    QVERIFY(!badRegion);
    QCOMPARE(badRegion.error().field(), u"region"_s);

    QVERIFY_API(
        await<void>([&](auto done) { client->revokeEnrollmentToken(created->id, this, done); }));
    auto after = await<QList<EnrollmentToken>>(
        [&](auto done) { client->enrollmentTokens(0, this, done); });
    QVERIFY_API(after);
    QVERIFY(after->isEmpty());
    auto again
        = await<void>([&](auto done) { client->revokeEnrollmentToken(created->id, this, done); });
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::NotFound);

    useToken(u"operator"_s);
    auto forbidden = await<QList<EnrollmentToken>>(
        [&](auto done) { client->enrollmentTokens(0, this, done); });
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().httpStatus, 403);
}

void tst_ApiClient::sendReturnsTheRawAnswer()
{
    auto body
        = await<QByteArray>([&](auto done) { client->send(Requests::server(web), this, done); });
    QVERIFY_API(body);
    QVERIFY(body->contains("\"name\":\"web\""));
    auto missing
        = await<QByteArray>([&](auto done) { client->send(Requests::job(777), this, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void tst_ApiClient::callbackOfADestroyedContextIsDropped()
{
    auto context = std::make_unique<QObject>();
    bool called = false;
    client->servers(context.get(), [&called](auto) { called = true; });
    context.reset();
    // A later call on the same connection is answered after the first one.
    QVERIFY_API(await<Identity>([&](auto done) { client->me(this, done); }));
    QVERIFY(!called);
}

void tst_ApiClient::callbacksAreNeverSynchronous()
{
    bool called = false;
    ApiClient unset;
    unset.servers(this, [&called](ApiResult<QList<ServerInfo>> result) {
        called = true;
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
