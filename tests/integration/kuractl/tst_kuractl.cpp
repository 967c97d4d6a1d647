// kuractl as users run it: the real binary (QProcess) against the real API on 127.0.0.1, with
// its output and exit codes (docs/cli.md).
#include "apifixture.h"
#include "recordingagents.h"

#include <api/eventstream.h>
#include <api/httpserveradapter.h>

#include <catalog/report.h>
#include <catalog/usagestore.h>
#include <protocol/agentpackage.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include "kuractlprocess.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTimeZone>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

namespace {

} // namespace

class tst_Kuractl : public QObject {
    Q_OBJECT

private slots:
    void init();
    void listsServersAsJsonAndTable();
    void readsServerAndTokenFromTheEnvironment();
    void showsOneServerByName();
    void unknownServerIsExitThree();
    void runsABackup();
    void refusedBackupIsExitFourWithTheReason();
    void badTokenIsExitFive();
    void viewerMayNotRunABackup();
    void unreachableServerIsExitSix();
    void waitsForAJobAndExitsWithItsResult_data();
    void waitsForAJobAndExitsWithItsResult();
    void stopsAJob();
    void reportCsvIsTheEnginesCsv();
    void protectsWithAPlanFileAndUnprotectsWithConfirmation();
    void refusesBadPlanFiles();
    void logsInWithAPasswordFile();
    void makesEnrollmentTokensWithAgentPackages();
    void restoresAGenerationToAnAllowedServer();
    void refusedRestoreTargetIsExitFour();
    void browsesAServerAndAGeneration();
    void setsTheBandwidthLimit();
    void showsAMonthsUsage();
    void waitFollowsLiveEvents();
    void rejectsBadCommandLines_data();
    void rejectsBadCommandLines();

private:
    QStringList global(const QString &token) const;
    // Serves the API with RecordingAgents behind it; a finished file backup of web's generation.
    qint64 withAgentsAndAGeneration();
    Run kuractl(const QString &token, const QStringList &command);
    qint64 startBackup(qint64 server);

    std::unique_ptr<ApiFixture> f;
    QString admin;
    QTemporaryDir dir;
    qint64 web = 0;
    qint64 db = 0;
    RecordingAgents agents;
    const Api::ServerIdentity identity { u"backup.example.com:8641"_s, {},
        QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") };
};

void tst_Kuractl::init()
{
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    admin = f->login(u"alpha"_s, u"admin"_s);
    QVERIFY(!admin.isEmpty());
    web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    QVERIFY(web && db);
}

QStringList tst_Kuractl::global(const QString &token) const
{
    return { u"--server"_s, f->url({}).toString(QUrl::RemovePath), u"--token"_s, token };
}

Run tst_Kuractl::kuractl(const QString &token, const QStringList &command)
{
    return Kuractl(global(token) + command).finish();
}

qint64 tst_Kuractl::startBackup(qint64 server)
{
    const Reply reply = f->post(
        u"/api/v1/servers/%1/backups"_s.arg(server), admin, { { u"kind"_s, u"files"_s } });
    return reply.status == 202 ? reply.json.value(u"id"_s).toInteger() : 0;
}

void tst_Kuractl::listsServersAsJsonAndTable()
{
    const Run json = kuractl(admin, { u"servers"_s, u"--json"_s });
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    const QJsonObject answer = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(answer, f->get(u"/api/v1/servers"_s, admin).json); // the API's JSON as it came
    const QJsonArray servers = answer.value(u"servers"_s).toArray();
    QCOMPARE(servers.size(), 2);
    QCOMPARE(servers.at(0).toObject().value(u"name"_s).toString(), u"db"_s);

    const Run table = kuractl(admin, { u"servers"_s });
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"ID  NAME  REGION  ONLINE  PROTECTED  PLAN"_s));
    QVERIFY(lines.at(2).contains(u"web"_s));
    QVERIFY(lines.at(2).contains(u"local/immediate"_s));
    // Columns line up: every row has NAME where the header has it.
    const qsizetype nameColumn = lines.at(0).indexOf(u"NAME"_s);
    QCOMPARE(lines.at(1).indexOf(u"db"_s), nameColumn);
    QCOMPARE(lines.at(2).indexOf(u"web"_s), nameColumn);
}

void tst_Kuractl::readsServerAndTokenFromTheEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(u"KURA_SERVER"_s, f->url({}).toString());
    environment.insert(u"KURA_TOKEN"_s, admin);
    const Run run = Kuractl({ u"whoami"_s }, environment).finish();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.out.contains("admin"));
    QVERIFY(run.out.contains("login session"));
}

void tst_Kuractl::showsOneServerByName()
{
    const Run run = kuractl(admin, { u"server"_s, u"web"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.out.contains("name:"));
    QVERIFY(run.out.contains("web.example"));
    QVERIFY(run.out.contains("local/immediate"));
    const Run byId = kuractl(admin, { u"server"_s, QString::number(db), u"--json"_s });
    QVERIFY2(byId.exitCode == 0, qPrintable(byId.describe()));
    QCOMPARE(QJsonDocument::fromJson(byId.out).object().value(u"name"_s).toString(), u"db"_s);
}

void tst_Kuractl::unknownServerIsExitThree()
{
    const Run byName = kuractl(admin, { u"server"_s, u"nosuch"_s });
    QCOMPARE(byName.exitCode, 3);
    QVERIFY(byName.err.contains("no server named \"nosuch\""));
    const Run byId = kuractl(admin, { u"generations"_s, u"999"_s });
    QCOMPARE(byId.exitCode, 3);
    const Run job = kuractl(admin, { u"job"_s, u"999"_s });
    QCOMPARE(job.exitCode, 3);
}

void tst_Kuractl::runsABackup()
{
    const Run run = kuractl(admin, { u"backup"_s, u"web"_s, u"--kind"_s, u"files"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(f->dispatcher.dispatched.size(), 1);
    const qint64 job = f->dispatcher.dispatched.first().jobId;
    QVERIFY(run.out.startsWith(u"job %1 queued: file_backup"_s.arg(job).toUtf8()));

    const Run jobs = kuractl(admin, { u"jobs"_s, u"--server"_s, u"web"_s, u"--json"_s });
    QVERIFY2(jobs.exitCode == 0, qPrintable(jobs.describe()));
    const QJsonArray list = QJsonDocument::fromJson(jobs.out).object().value(u"jobs"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"id"_s).toInteger(), job);
    const Run none = kuractl(admin, { u"jobs"_s, u"--server"_s, u"db"_s });
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(QString::fromUtf8(none.out).count(u'\n'), 1); // the header only
}

void tst_Kuractl::refusedBackupIsExitFourWithTheReason()
{
    const qint64 first = startBackup(web);
    QVERIFY(first);
    const Run run = kuractl(admin, { u"backup"_s, u"web"_s });
    QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(
                 u"refused: backup_running; possible again when job %1 ends"_s.arg(first).toUtf8()),
        qPrintable(run.describe()));
    QVERIFY(run.err.contains(QByteArray::number(first))); // the server's message names the job
    QCOMPARE(f->dispatcher.dispatched.size(), 1);
}

void tst_Kuractl::badTokenIsExitFive()
{
    const Run run = kuractl(u"wrong-token"_s, { u"servers"_s });
    QCOMPARE(run.exitCode, 5);
    QVERIFY(run.err.contains("HTTP 401"));
}

void tst_Kuractl::viewerMayNotRunABackup()
{
    const Run run = kuractl(f->login(u"alpha"_s, u"viewer"_s), { u"backup"_s, u"web"_s });
    QCOMPARE(run.exitCode, 5);
    QVERIFY(run.err.contains("HTTP 403"));
    QVERIFY(f->dispatcher.dispatched.isEmpty());
}

void tst_Kuractl::unreachableServerIsExitSix()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    const Run run = Kuractl(
        { u"--server"_s, u"http://127.0.0.1:%1"_s.arg(port), u"--token"_s, admin, u"servers"_s })
                        .finish();
    QCOMPARE(run.exitCode, 6);
    QVERIFY(run.err.contains("cannot reach"));
}

void tst_Kuractl::waitsForAJobAndExitsWithItsResult_data()
{
    QTest::addColumn<Policy::JobState>("state");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("succeeded") << Policy::JobState::Succeeded << 0;
    QTest::newRow("failed") << Policy::JobState::Failed << 1;
}

void tst_Kuractl::waitsForAJobAndExitsWithItsResult()
{
    QFETCH(Policy::JobState, state);
    QFETCH(int, exitCode);
    const qint64 job = startBackup(web);
    QVERIFY(job);
    Kuractl waiting(global(admin)
        + QStringList { u"job"_s, QString::number(job), u"--wait"_s, u"--interval"_s, u"0.1"_s });
    QTest::qWait(400);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    Catalog::JobProgressFigures figures;
    figures.sourceBytes = 1000;
    figures.bytesDone = 500;
    QVERIFY_RESULT(f->scheduler->jobProgress(f->alpha, job, figures));
    QTest::qWait(400);
    Scheduler::FinishedJob outcome;
    outcome.state = state;
    outcome.reason = state == Policy::JobState::Failed ? u"disk on fire"_s : QString();
    outcome.snapshotId = u"snap"_s;
    QVERIFY_RESULT(f->scheduler->jobFinished(f->alpha, job, outcome));
    const Run run = waiting.finish();
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
    // Not a terminal: each state change on standard error, the job on standard output.
    QVERIFY2(run.err.contains(u"job %1 queued\njob %1 running\n"_s.arg(job).toUtf8()),
        qPrintable(run.describe()));
    QVERIFY(run.out.contains(Policy::jobStateName(state).toUtf8()));
    if (state == Policy::JobState::Failed)
        QVERIFY(run.out.contains("disk on fire"));
}

void tst_Kuractl::stopsAJob()
{
    const qint64 job = startBackup(web);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    const Run run = kuractl(admin, { u"stop"_s, QString::number(job) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.out.contains(u"stop requested for job %1"_s.arg(job).toUtf8()));
    QCOMPARE(f->dispatcher.stopRequests, QList<qint64> { job });
}

void tst_Kuractl::reportCsvIsTheEnginesCsv()
{
    const qint64 job = startBackup(web);
    Scheduler::FinishedJob outcome;
    outcome.snapshotId = u"snap"_s;
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    QVERIFY_RESULT(f->scheduler->jobFinished(f->alpha, job, outcome));
    const QString path = dir.filePath(u"jobs.csv"_s);
    const Run run = kuractl(admin, { u"report"_s, u"--csv"_s, path, u"--tz"_s, u"Asia/Tokyo"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    auto rows = Catalog::jobReport(f->db(), f->alpha, f->clock.nowMs(), Catalog::ReportMaxRows);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(readFile(path), Catalog::reportCsv(*rows, QTimeZone("Asia/Tokyo")));

    const Run table = kuractl(admin, { u"report"_s });
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("JOB  SERVER  KIND"));
    QVERIFY(table.out.contains("succeeded"));
}

void tst_Kuractl::protectsWithAPlanFileAndUnprotectsWithConfirmation()
{
    const QString plan = dir.filePath(u"plan.json"_s);
    QVERIFY(writeFile(
        plan, R"({"timing": "daily", "dailyWindow": 2, "retentionDays": 30, "content": "files"})"));
    const Run protect = kuractl(admin, { u"protect"_s, u"db"_s, u"--plan"_s, plan });
    QVERIFY2(protect.exitCode == 0, qPrintable(protect.describe()));
    QVERIFY(protect.out.contains("local/daily 06-09/30d/files"));

    QVERIFY(writeFile(plan, R"({"plan": {"timing": "daily", "dailyWindow": 11}})"));
    const Run bad = kuractl(admin, { u"plan"_s, u"db"_s, u"--plan"_s, plan });
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("dailyWindow: daily_window_out_of_range (11)"),
        qPrintable(bad.describe()));

    const Run ask = kuractl(admin, { u"unprotect"_s, u"db"_s });
    QCOMPARE(ask.exitCode, 2);
    QVERIFY(ask.err.contains("deletes 0 generation(s)"));
    QVERIFY(ask.err.contains("--yes"));
    const Run yes = kuractl(admin, { u"unprotect"_s, u"db"_s, u"--yes"_s });
    QVERIFY2(yes.exitCode == 0, qPrintable(yes.describe()));
    const Run again = kuractl(admin, { u"unprotect"_s, u"db"_s, u"--yes"_s });
    QCOMPARE(again.exitCode, 4); // not protected any more: 409
}

void tst_Kuractl::refusesBadPlanFiles()
{
    const QString plan = dir.filePath(u"bad.json"_s);
    QVERIFY(writeFile(plan, R"({"timing": "daily", "windw": 2})"));
    Run run = kuractl(admin, { u"protect"_s, u"db"_s, u"--plan"_s, plan });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("unknown plan field \"windw\""), qPrintable(run.describe()));
    QVERIFY(writeFile(plan, R"({"plan": {"retentionDays": "30"}})"));
    run = kuractl(admin, { u"protect"_s, u"db"_s, u"--plan"_s, plan });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.err.contains("plan.retentionDays: expected an integer"), qPrintable(run.describe()));
    run = kuractl(admin, { u"protect"_s, u"db"_s, u"--plan"_s, dir.filePath(u"missing.json"_s) });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("cannot read"));
}

void tst_Kuractl::logsInWithAPasswordFile()
{
    const QString password = dir.filePath(u"password"_s);
    QVERIFY(writeFile(password, "pw-operator\n"));
    const QStringList server { u"--server"_s, f->url({}).toString() };
    const Run run = Kuractl(server
        + QStringList { u"login"_s, u"--tenant"_s, u"alpha"_s, u"--user"_s, u"operator"_s,
            u"--password-file"_s, password })
                        .finish();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString token = QString::fromUtf8(run.out).trimmed();
    QVERIFY(!token.isEmpty());
    const Run me = kuractl(token, { u"whoami"_s, u"--json"_s });
    QCOMPARE(me.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(me.out).object().value(u"user"_s).toString(), u"operator"_s);

    // From standard input; a wrong password is exit 5.
    const Run wrong = Kuractl(server
            + QStringList { u"login"_s, u"--tenant"_s, u"alpha"_s, u"--user"_s, u"operator"_s,
                u"--password-file"_s, u"-"_s },
        {}, "nope\n")
                          .finish();
    QCOMPARE(wrong.exitCode, 5);
}

void tst_Kuractl::makesEnrollmentTokensWithAgentPackages()
{
    const QString path = dir.filePath(u"agent.zip"_s);
    const QStringList create { u"enroll-token"_s, u"--region"_s, u"JP1"_s, u"--valid-hours"_s,
        u"48"_s, u"--package"_s, path };
    // Without an agent listener the server cannot make packages.
    const Run unconfigured = kuractl(admin, create);
    QCOMPARE(unconfigured.exitCode, 1);
    QVERIFY2(unconfigured.err.contains("no agent listener"), qPrintable(unconfigured.describe()));
    QVERIFY(!QFile::exists(path));

    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, &identity });
    const Run run = kuractl(admin, create);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.out.contains("kura-agent enroll --package"));
    const auto package = Protocol::readAgentPackageFile(path);
    QVERIFY_RESULT(package);
    QCOMPARE(package->primaryAddress, identity.agentAddress);
    QCOMPARE(package->region, u"JP1"_s);
    QCOMPARE(package->expiresAtMs, f->clock.nowMs() + 48 * 3600 * 1000LL);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;
    QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
    QVERIFY(QFile::permissions(path).testFlag(QFileDevice::ReadOwner));
    // A package holds a secret: an existing file is never overwritten.
    const Run exists = kuractl(admin, create);
    QCOMPARE(exists.exitCode, 2);
    QVERIFY(exists.err.contains("exists already"));

    const Run list = kuractl(admin, { u"enroll-tokens"_s, u"--json"_s });
    QCOMPARE(list.exitCode, 0);
    const QJsonArray tokens
        = QJsonDocument::fromJson(list.out).object().value(u"tokens"_s).toArray();
    QCOMPARE(tokens.size(), 1);
    QVERIFY(!list.out.contains(package->token.toUtf8()));
    const QString id = QString::number(tokens.first().toObject().value(u"id"_s).toInteger());
    const Run revoke = kuractl(admin, { u"revoke-token"_s, id });
    QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.describe()));
    QCOMPARE(kuractl(admin, { u"revoke-token"_s, id }).exitCode, 3);
    const Run table = kuractl(admin, { u"enroll-tokens"_s });
    QCOMPARE(table.exitCode, 0);
    QCOMPARE(QString::fromUtf8(table.out).count(u'\n'), 1); // the header only
}

qint64 tst_Kuractl::withAgentsAndAGeneration()
{
    agents = {};
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, &agents });
    const qint64 job = startBackup(web);
    Scheduler::FinishedJob outcome;
    outcome.snapshotId = u"snap-web"_s;
    if (!job || !f->scheduler->jobStarted(f->alpha, job)
        || !f->scheduler->jobFinished(f->alpha, job, outcome))
        return 0;
    return f->get(u"/api/v1/jobs/%1"_s.arg(job), admin).json.value(u"generationId"_s).toInteger();
}

void tst_Kuractl::restoresAGenerationToAnAllowedServer()
{
    QVERIFY(withAgentsAndAGeneration());
    const qint64 twin = f->addServer(f->alpha, u"twin"_s, ApiFixture::immediatePlan());
    const Run run = kuractl(admin,
        { u"restore"_s, u"web"_s, u"--generation"_s, u"latest"_s, u"--target"_s, u"twin"_s,
            u"--to"_s, u"/srv/restored"_s, u"--path"_s, u"/etc"_s, u"--path"_s, u"/srv/data"_s,
            u"--overwrite"_s, u"keep_both"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.out.contains(u"file_restore to server %1 /srv/restored"_s.arg(twin).toUtf8()));
    QCOMPARE(agents.orders.size(), 1);
    const Api::RestoreOrder &order = agents.orders.first();
    QCOMPARE(order.targetServerId, twin);
    QCOMPARE(order.snapshotId, u"snap-web"_s);
    QCOMPARE(order.targetPath, u"/srv/restored"_s);
    QCOMPARE(order.selectedPaths, (QStringList { u"/etc"_s, u"/srv/data"_s }));
    QCOMPARE(order.overwrite, u"keep_both"_s);

    const Run targets = kuractl(admin, { u"restore-targets"_s, u"web"_s });
    QVERIFY2(targets.exitCode == 0, qPrintable(targets.describe()));
    QVERIFY(targets.out.startsWith("ID  NAME  ONLINE  ALLOWED  ISSUES"));
    QVERIFY(targets.out.contains("target_not_protected")); // db

    // Either a folder or a device; no generation of an unprotected server.
    QCOMPARE(kuractl(admin, { u"restore"_s, u"web"_s }).exitCode, 2);
    QCOMPARE(
        kuractl(admin, { u"restore"_s, u"web"_s, u"--to"_s, u"/a"_s, u"--device"_s, u"/dev/sdz"_s })
            .exitCode,
        2);
    QCOMPARE(kuractl(admin, { u"restore"_s, u"db"_s, u"--to"_s, u"/a"_s }).exitCode, 3);
    QCOMPARE(agents.orders.size(), 1);
}

void tst_Kuractl::refusedRestoreTargetIsExitFour()
{
    const qint64 generation = withAgentsAndAGeneration();
    QVERIFY(generation);
    const Run run = kuractl(admin,
        { u"restore"_s, u"web"_s, u"--generation"_s, QString::number(generation), u"--target"_s,
            u"db"_s, u"--to"_s, u"/srv"_s });
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains("refused: restore_target (target_not_protected)"),
        qPrintable(run.describe()));
    QVERIFY(agents.orders.isEmpty());
}

void tst_Kuractl::browsesAServerAndAGeneration()
{
    QVERIFY(withAgentsAndAGeneration());
    const Run live = kuractl(admin, { u"browse"_s, u"web"_s, u"/srv"_s, u"--limit"_s, u"50"_s });
    QVERIFY2(live.exitCode == 0, qPrintable(live.describe()));
    const QStringList lines = QString::fromUtf8(live.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"KIND"_s));
    QVERIFY(lines.at(1).startsWith(u"directory"_s) && lines.at(1).endsWith(u"docs"_s));
    QVERIFY(lines.at(2).contains(u"1.21 KiB"_s) && lines.at(2).endsWith(u"notes.txt"_s));
    QCOMPARE(agents.browsed, QStringList { u"/srv"_s });
    QCOMPARE(agents.limits, QList<int> { 50 });

    const Run stored
        = kuractl(admin, { u"browse"_s, u"web"_s, u"--generation"_s, u"latest"_s, u"--json"_s });
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.describe()));
    QCOMPARE(QJsonDocument::fromJson(stored.out).object().value(u"path"_s).toString(), u"/"_s);
    QCOMPARE(agents.snapshotsBrowsed, QStringList { u"snap-web"_s });
    QCOMPARE(kuractl(admin, { u"browse"_s, u"web"_s, u"/missing"_s }).exitCode, 3);
}

void tst_Kuractl::setsTheBandwidthLimit()
{
    const Run limit = kuractl(admin, { u"bandwidth"_s, u"web"_s, u"10M"_s });
    QVERIFY2(limit.exitCode == 0, qPrintable(limit.describe()));
    QCOMPARE(limit.out, QByteArray("bandwidth limit of \"web\": 10.00 MiB/s\n"));
    const Run shown = kuractl(admin, { u"server"_s, u"web"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(shown.out).object().value(u"bandwidthLimit"_s).toInteger(),
        10 * 1024 * 1024);
    const Run none = kuractl(admin, { u"bandwidth"_s, u"web"_s, u"none"_s });
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.contains("none"));
    const Run bad = kuractl(admin, { u"bandwidth"_s, u"web"_s, u"fast"_s });
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("bandwidth \"fast\""));
}

void tst_Kuractl::showsAMonthsUsage()
{
    Catalog::UsageSample sample;
    sample.serverId = web;
    sample.serverName = u"web"_s;
    sample.day = QDate(2026, 1, 5);
    sample.protectedBytes = 3 * 1024 * 1024;
    QVERIFY_RESULT(Catalog::UsageStore(f->db()).record(f->alpha, sample));
    const Run run = kuractl(admin, { u"usage"_s, u"--month"_s, u"2026-01"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), u"usage of 2026-01"_s);
    QVERIFY(lines.at(1).startsWith(u"ID  SERVER  DAYS  AVERAGE"_s));
    QVERIFY(lines.at(2).contains(u"web"_s));
    QVERIFY(lines.at(3).contains(u"total"_s));
    const Run json = kuractl(admin, { u"usage"_s, u"--month"_s, u"2026-01"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(u"servers"_s).toArray().size(), 1);
    QCOMPARE(kuractl(admin, { u"usage"_s, u"--month"_s, u"2026-1"_s }).exitCode, 2);
}

// With the API's event stream, --wait sees the job end at once, long before its next poll.
void tst_Kuractl::waitFollowsLiveEvents()
{
    Api::EventStream stream(f->db(), *f->auth, f->clock);
    Api::HttpServerAdapter http([this](const Api::ApiRequest &r) { return f->api->handle(r); });
    http.setWebSocketHandler(
        [&stream](std::unique_ptr<QWebSocket> socket) { stream.accept(std::move(socket)); });
    auto port = http.listen();
    QVERIFY_RESULT(port);
    const qint64 job = startBackup(web);
    QVERIFY(job);
    Kuractl waiting({ u"--server"_s, u"http://127.0.0.1:%1"_s.arg(*port), u"--token"_s, admin,
        u"job"_s, QString::number(job), u"--wait"_s, u"--interval"_s, u"60"_s });
    QTRY_COMPARE_WITH_TIMEOUT(stream.clientCount(), 1, 10000);
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    stream.publishJob(f->alpha, job);
    Scheduler::FinishedJob outcome;
    outcome.snapshotId = u"snap"_s;
    QVERIFY_RESULT(f->scheduler->jobFinished(f->alpha, job, outcome));
    stream.publishJob(f->alpha, job);
    QElapsedTimer timer;
    timer.start();
    const Run run = waiting.finish(20000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY2(run.err.contains(u"job %1 queued\njob %1 running\n"_s.arg(job).toUtf8()),
        qPrintable(run.describe()));
    QVERIFY(run.out.contains("succeeded"));
}

void tst_Kuractl::rejectsBadCommandLines_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << u"unknown command"_s;
    QTest::newRow("missing argument") << QStringList { u"server"_s } << u"expected SERVER"_s;
    QTest::newRow("extra argument")
        << QStringList { u"servers"_s, u"x"_s } << u"expected no arguments"_s;
    QTest::newRow("unknown option") << QStringList { u"servers"_s, u"--colour"_s } << u"colour"_s;
    QTest::newRow("bad state") << QStringList { u"jobs"_s, u"--state"_s, u"done"_s }
                               << u"--state \"done\""_s;
    QTest::newRow("bad kind") << QStringList { u"backup"_s, u"web"_s, u"--kind"_s, u"tape"_s }
                              << u"--kind \"tape\""_s;
    QTest::newRow("job id not a number") << QStringList { u"job"_s, u"abc"_s } << u"job \"abc\""_s;
    QTest::newRow("enroll-token without package")
        << QStringList { u"enroll-token"_s, u"--region"_s, u"JP1"_s } << u"--package"_s;
    QTest::newRow("login without user")
        << QStringList { u"login"_s, u"--tenant"_s, u"alpha"_s } << u"login needs --user"_s;
}

void tst_Kuractl::rejectsBadCommandLines()
{
    QFETCH(QStringList, command);
    QFETCH(QString, message);
    const Run run = kuractl(admin, command);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message.toUtf8()), qPrintable(run.describe()));
    QVERIFY(f->dispatcher.dispatched.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Kuractl)
#include "tst_kuractl.moc"
