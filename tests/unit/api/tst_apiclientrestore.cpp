// The API client's restore and browse calls against the real API (ApiFixture: QHttpServer on
// 127.0.0.1, SQLite catalog, scheduler, the real restore-target policy). The agents behind the
// API are RecordingAgents, which record what they are handed.
#include "apifixture.h"
#include "clientwait.h"
#include "recordingagents.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

class tst_ApiClientRestore : public QObject {
    Q_OBJECT

private slots:
    void init();
    void listsRestoreTargetsWithTheirIssues();
    void restoresFilesToAnAllowedServer();
    void refusedTargetIsAConflictWithIssues();
    void badRestoreRequestsNameTheField();
    void offlineTargetIsUnavailable();
    void browsesTheServerAndAGeneration();
    void withoutAgentSessionsRestoreIsUnavailable();

private:
    // A finished file backup of `server`; the generation's id, or 0.
    qint64 backedUp(qint64 server);

    std::unique_ptr<Test::ApiFixture> f;
    Test::RecordingAgents agents;
    std::unique_ptr<ApiClient> client;
    qint64 web = 0; // protected, immediate plan
    qint64 twin = 0; // protected with the same plan, same region and flavor
    qint64 db = 0; // not protected
    qint64 generation = 0; // of web
};

void tst_ApiClientRestore::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<Test::ApiFixture>();
    QVERIFY(f->ok());
    agents = {};
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, &agents });
    web = f->addServer(f->alpha, u"web"_s, Test::ApiFixture::immediatePlan());
    twin = f->addServer(f->alpha, u"twin"_s, Test::ApiFixture::immediatePlan());
    db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    QVERIFY(web && twin && db);
    client = std::make_unique<ApiClient>();
    client->setBaseUrl(f->url({}));
    client->setToken(f->login(u"alpha"_s, u"operator"_s));
    generation = backedUp(web);
    QVERIFY(generation);
}

qint64 tst_ApiClientRestore::backedUp(qint64 server)
{
    auto job
        = await<JobInfo>([&](auto done) { client->startBackup(server, u"files"_s, this, done); });
    if (!job)
        return 0;
    Scheduler::FinishedJob outcome;
    outcome.snapshotId = u"snap-%1"_s.arg(job->id);
    if (!f->scheduler->jobStarted(f->alpha, job->id)
        || !f->scheduler->jobFinished(f->alpha, job->id, outcome))
        return 0;
    auto finished = await<JobInfo>([&](auto done) { client->job(job->id, this, done); });
    return finished && finished->generationId ? *finished->generationId : 0;
}

void tst_ApiClientRestore::listsRestoreTargetsWithTheirIssues()
{
    auto targets = await<QList<RestoreTarget>>(
        [&](auto done) { client->restoreTargets(web, generation, this, done); });
    QVERIFY_API(targets);
    QCOMPARE(targets->size(), 3);
    for (const RestoreTarget &target : std::as_const(*targets)) {
        if (target.serverId == db) {
            QCOMPARE(target.name, u"db"_s);
            QVERIFY(!target.allowed);
            QCOMPARE(target.issues, QStringList { u"target_not_protected"_s });
        } else {
            QVERIFY2(target.allowed, qPrintable(target.name + u": "_s + target.issues.join(u',')));
            QVERIFY(target.issues.isEmpty());
        }
    }
    auto unknown = await<QList<RestoreTarget>>(
        [&](auto done) { client->restoreTargets(web, 999, this, done); });
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void tst_ApiClientRestore::restoresFilesToAnAllowedServer()
{
    RestoreRequest restore;
    restore.generationId = generation;
    restore.targetServerId = twin;
    restore.targetPath = u"/srv/restored"_s;
    restore.paths = QStringList { u"/etc/hosts"_s, u"/srv/data"_s };
    restore.overwrite = u"keep_both"_s;
    auto job = await<JobInfo>([&](auto done) { client->startRestore(web, restore, this, done); });
    QVERIFY_API(job);
    QCOMPARE(job->kind, u"file_restore"_s);
    QCOMPARE(job->serverId, web);
    QCOMPARE(job->targetServerId, std::optional<qint64>(twin));
    QCOMPARE(job->targetPath, u"/srv/restored"_s);
    QCOMPARE(job->state, JobState::Queued);

    QCOMPARE(agents.orders.size(), 1);
    const Api::RestoreOrder &order = agents.orders.first();
    QCOMPARE(order.jobId, job->id);
    QCOMPARE(order.targetServerId, twin);
    QVERIFY(!order.system);
    QVERIFY(order.snapshotId.startsWith(u"snap-"_s));
    QCOMPARE(order.targetPath, restore.targetPath);
    QCOMPARE(order.selectedPaths, restore.paths);
    QCOMPARE(order.overwrite, u"keep_both"_s);

    // Without a target the generation's own server receives it, with the default policy.
    RestoreRequest home;
    home.generationId = generation;
    home.targetPath = u"/tmp/back"_s;
    auto homeJob = await<JobInfo>([&](auto done) { client->startRestore(web, home, this, done); });
    QVERIFY_API(homeJob);
    QCOMPARE(homeJob->targetServerId, std::optional<qint64>(web));
    QCOMPARE(agents.orders.last().overwrite, u"skip"_s);
    QVERIFY(agents.orders.last().selectedPaths.isEmpty());
}

void tst_ApiClientRestore::refusedTargetIsAConflictWithIssues()
{
    RestoreRequest restore;
    restore.generationId = generation;
    restore.targetServerId = db;
    restore.targetPath = u"/srv"_s;
    auto refused
        = await<JobInfo>([&](auto done) { client->startRestore(web, restore, this, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 409);
    QCOMPARE(refused.error().refusal(), u"restore_target"_s);
    QCOMPARE(refused.error().issues(), QStringList { u"target_not_protected"_s });
    QVERIFY(agents.orders.isEmpty());
}

void tst_ApiClientRestore::badRestoreRequestsNameTheField()
{
    RestoreRequest relative;
    relative.generationId = generation;
    relative.targetPath = u"srv"_s;
    auto notAbsolute
        = await<JobInfo>([&](auto done) { client->startRestore(web, relative, this, done); });
    QVERIFY(!notAbsolute);
    QCOMPARE(notAbsolute.error().httpStatus, 400);
    QCOMPARE(notAbsolute.error().field(), u"targetPath"_s);

    RestoreRequest policy = relative;
    policy.targetPath = u"/srv"_s;
    policy.overwrite = u"clobber"_s;
    auto badPolicy
        = await<JobInfo>([&](auto done) { client->startRestore(web, policy, this, done); });
    QVERIFY(!badPolicy);
    QCOMPARE(badPolicy.error().field(), u"overwrite"_s);

    RestoreRequest missing;
    missing.targetPath = u"/srv"_s;
    auto noGeneration
        = await<JobInfo>([&](auto done) { client->startRestore(web, missing, this, done); });
    QVERIFY(!noGeneration);
    QCOMPARE(noGeneration.error().field(), u"generationId"_s);
    QVERIFY(agents.orders.isEmpty());

    // A viewer may look but not restore.
    client->setToken(f->login(u"alpha"_s, u"viewer"_s));
    auto forbidden
        = await<JobInfo>([&](auto done) { client->startRestore(web, policy, this, done); });
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().httpStatus, 403);
}

void tst_ApiClientRestore::offlineTargetIsUnavailable()
{
    agents.offline.insert(twin);
    RestoreRequest restore;
    restore.generationId = generation;
    restore.targetServerId = twin;
    restore.targetPath = u"/srv"_s;
    auto offline
        = await<JobInfo>([&](auto done) { client->startRestore(web, restore, this, done); });
    QVERIFY(!offline);
    QCOMPARE(offline.error().httpStatus, 503);
    QCOMPARE(offline.error().code, ErrorCode::Unavailable);
    QVERIFY(!offline.error().unreachable); // the server answered; its agent is away
    QVERIFY(client->isReachable());
    QVERIFY(offline.error().details.value(u"jobId"_s).toInteger() > 0);
    QVERIFY(agents.orders.isEmpty());
}

void tst_ApiClientRestore::browsesTheServerAndAGeneration()
{
    auto live = await<FolderListing>(
        [&](auto done) { client->browseServer(web, u"/srv/a b"_s, 10, this, done); });
    QVERIFY_API(live);
    QCOMPARE(live->path, u"/srv/a b"_s);
    QCOMPARE(agents.browsed, QStringList { u"/srv/a b"_s });
    QCOMPARE(agents.limits, QList<int> { 10 });
    QCOMPARE(live->entries.size(), 2);
    QCOMPARE(live->entries.at(0).name, u"docs"_s);
    QCOMPARE(live->entries.at(0).kind, u"directory"_s);
    QCOMPARE(live->entries.at(1).sizeBytes, 1234);
    QCOMPARE(live->entries.at(1).modified,
        QDateTime(QDate(2026, 1, 1), QTime(1, 2, 3), QTimeZone::utc()));
    QVERIFY(!live->truncated);

    auto missing = await<FolderListing>(
        [&](auto done) { client->browseServer(web, u"/missing"_s, 0, this, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);

    auto stored = await<FolderListing>(
        [&](auto done) { client->browseGeneration(web, generation, u"/"_s, this, done); });
    QVERIFY_API(stored);
    QCOMPARE(stored->entries.size(), 2);
    QCOMPARE(agents.snapshotsBrowsed.size(), 1);
    QVERIFY(agents.snapshotsBrowsed.first().startsWith(u"snap-"_s));
}

void tst_ApiClientRestore::withoutAgentSessionsRestoreIsUnavailable()
{
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {} });
    auto listing
        = await<FolderListing>([&](auto done) { client->browseServer(web, {}, 0, this, done); });
    QVERIFY(!listing);
    QCOMPARE(listing.error().httpStatus, 503);
    // The targets need no agent: the policy decides them from the catalog.
    QVERIFY_API(await<QList<RestoreTarget>>(
        [&](auto done) { client->restoreTargets(web, generation, this, done); }));
}

QTEST_GUILESS_MAIN(tst_ApiClientRestore)
#include "tst_apiclientrestore.moc"
