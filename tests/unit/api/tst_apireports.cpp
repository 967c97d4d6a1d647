// Reports (JSON and CSV), alerts and regions through the real HTTP server.
#include "apifixture.h"

#include <catalog/alertstore.h>
#include <catalog/auditlog.h>
#include <catalog/generationstore.h>
#include <catalog/regionstore.h>
#include <catalog/report.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

class tst_ApiReports : public QObject {
    Q_OBJECT

private slots:
    void init();
    void reportsJobsAsJson();
    void reportsJobsAsCsvWithTheEngineWriter();
    void refusesAnUnknownTimeZone();
    void listsAndAcknowledgesAlerts();
    void alertsOfAnotherTenantAreNotFound();
    void listsRegions();
    void regionsShowTheTenantsReplicationLag();

private:
    // A failed backup of `server` (raises a job_failed alert); the job id or 0.
    qint64 failedBackup(qint64 server);

    std::unique_ptr<ApiFixture> f;
    QString viewer;
    qint64 web = 0;
};

void tst_ApiReports::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    viewer = f->login(u"alpha"_s, u"viewer"_s);
    web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(web && !viewer.isEmpty());
}

qint64 tst_ApiReports::failedBackup(qint64 server)
{
    auto request = f->scheduler->requestImmediate(f->alpha, server, Policy::JobKind::FileBackup);
    if (!request || !request->jobId || !f->scheduler->jobStarted(f->alpha, request->jobId))
        return 0;
    f->clock.advanceMs(90 * 1000);
    Scheduler::FinishedJob outcome;
    outcome.state = Policy::JobState::Failed;
    outcome.reason = u"disk full, \"quoted\""_s;
    return f->scheduler->jobFinished(f->alpha, request->jobId, outcome) ? request->jobId : 0;
}

void tst_ApiReports::reportsJobsAsJson()
{
    const qint64 job = failedBackup(web);
    QVERIFY(job);
    const Reply reply = f->get(u"/api/v1/reports/jobs"_s, viewer);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"days"_s).toInt(), 14);
    QCOMPARE(reply.json.value(u"maxRows"_s).toInt(), 2000);
    const QJsonArray rows = reply.json.value(u"rows"_s).toArray();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    QCOMPARE(row.value(u"jobId"_s).toInteger(), job);
    QCOMPARE(row.value(u"serverName"_s).toString(), u"web"_s);
    QCOMPARE(row.value(u"result"_s).toString(), u"failed"_s);
    QCOMPARE(row.value(u"reason"_s).toString(), u"disk full, \"quoted\""_s);
    QCOMPARE(row.value(u"durationSeconds"_s).toInt(), 90);
    QCOMPARE(row.value(u"planSummary"_s).toString(), u"local/immediate/7d/files"_s);
}

void tst_ApiReports::reportsJobsAsCsvWithTheEngineWriter()
{
    QVERIFY(failedBackup(web));
    const Reply reply = f->get(u"/api/v1/reports/jobs.csv?tz=Asia/Tokyo"_s, viewer);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("text/csv"));
    QVERIFY(reply.header("Content-Disposition").contains("attachment"));
    // Exactly what the engine's writer produces for the same rows and zone.
    auto rows = Catalog::jobReport(f->db(), f->alpha, f->clock.nowMs());
    QVERIFY_RESULT(rows);
    QCOMPARE(reply.body, Catalog::reportCsv(*rows, QTimeZone("Asia/Tokyo")));
    QVERIFY(reply.body.startsWith("\xEF\xBB\xBF"));
    QVERIFY(reply.body.contains("+09:00"));
    QVERIFY(reply.body.contains("\"disk full, \"\"quoted\"\"\""));
}

void tst_ApiReports::refusesAnUnknownTimeZone()
{
    const Reply reply = f->get(u"/api/v1/reports/jobs.csv?tz=Mars/Olympus"_s, viewer);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"\"tz\""_s));
    QCOMPARE(f->get(u"/api/v1/reports/jobs?limit=2001"_s, viewer).status, 400);
}

void tst_ApiReports::listsAndAcknowledgesAlerts()
{
    QVERIFY(failedBackup(web));
    const Reply list = f->get(u"/api/v1/alerts"_s, viewer);
    QCOMPARE(list.status, 200);
    const QJsonArray alerts = list.json.value(u"alerts"_s).toArray();
    QCOMPARE(alerts.size(), 1);
    const QJsonObject alert = alerts.at(0).toObject();
    QCOMPARE(alert.value(u"kind"_s).toString(), u"job_failed"_s);
    QCOMPARE(alert.value(u"state"_s).toString(), u"open"_s);
    QCOMPARE(alert.value(u"serverId"_s).toInteger(), web);
    const qint64 id = alert.value(u"id"_s).toInteger();

    const QString path = u"/api/v1/alerts/%1/acknowledge"_s.arg(id);
    QCOMPARE(f->post(path, viewer).status, 403);
    const Reply acknowledged = f->post(path, f->login(u"alpha"_s, u"operator"_s));
    QCOMPARE(acknowledged.status, 200);
    QCOMPARE(acknowledged.json.value(u"state"_s).toString(), u"acknowledged"_s);
    QCOMPARE(acknowledged.json.value(u"acknowledgedBy"_s).toString(), u"operator"_s);
    QCOMPARE(f->post(path, f->login(u"alpha"_s, u"admin"_s)).status, 409); // already acknowledged
    auto audit = Catalog::AuditLog(f->db()).list(f->alpha, 0, 10);
    QVERIFY_RESULT(audit);
    QVERIFY(std::any_of(audit->cbegin(), audit->cend(), [](const Catalog::AuditEntry &e) {
        return e.action == u"alert.acknowledge"_s && e.userName == u"operator"_s;
    }));
    QCOMPARE(f->get(u"/api/v1/alerts?all=maybe"_s, viewer).status, 400);
    QCOMPARE(
        f->get(u"/api/v1/alerts?all=true"_s, viewer).json.value(u"alerts"_s).toArray().size(), 1);
}

void tst_ApiReports::alertsOfAnotherTenantAreNotFound()
{
    QVERIFY(failedBackup(web));
    const qint64 id = f->get(u"/api/v1/alerts"_s, viewer)
                          .json.value(u"alerts"_s)
                          .toArray()
                          .at(0)
                          .toObject()
                          .value(u"id"_s)
                          .toInteger();
    const QString intruder = f->login(u"beta"_s, u"admin"_s);
    QCOMPARE(f->get(u"/api/v1/alerts"_s, intruder).json.value(u"alerts"_s).toArray().size(), 0);
    QCOMPARE(f->post(u"/api/v1/alerts/%1/acknowledge"_s.arg(id), intruder).status, 404);
    QCOMPARE(f->get(u"/api/v1/reports/jobs"_s, intruder).json.value(u"rows"_s).toArray().size(), 0);
}

void tst_ApiReports::listsRegions()
{
    Catalog::RegionStore regions(f->db());
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(regions.upsert(u"AU1"_s, QString(), false));
    QVERIFY_RESULT(regions.setState(u"JP1"_s,
        { Catalog::RegionState::Failed, u"health-check"_s, f->clock.nowMs(), u"disk"_s }));
    const Reply reply = f->get(u"/api/v1/regions"_s, viewer);
    QCOMPARE(reply.status, 200);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &region : reply.json.value(u"regions"_s).toArray())
        byName.insert(region.toObject().value(u"name"_s).toString(), region.toObject());
    QCOMPARE(byName.size(), 2);
    QCOMPARE(byName.value(u"JP1"_s).value(u"state"_s).toString(), u"failed"_s);
    QCOMPARE(byName.value(u"JP1"_s).value(u"remoteRegion"_s).toString(), u"JP2"_s);
    QCOMPARE(byName.value(u"JP1"_s).value(u"doubleAvailable"_s).toBool(), true);
    QCOMPARE(byName.value(u"AU1"_s).value(u"backupService"_s).toBool(), false);
}

// The replication into each region follows the fake clock: the age of the oldest generation
// whose double-storage copy has not arrived yet, for the caller's tenant only.
void tst_ApiReports::regionsShowTheTenantsReplicationLag()
{
    Catalog::RegionStore regions(f->db());
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(regions.upsert(u"JP2"_s, u"JP1"_s, true));
    QVERIFY_RESULT(regions.upsert(u"US1"_s, QString(), true));
    Policy::Plan plan = ApiFixture::immediatePlan();
    plan.storage = Policy::Storage::Double;
    const qint64 paired = f->addServer(f->alpha, u"paired"_s, plan); // in JP1
    QVERIFY(paired);
    Catalog::GenerationStore generations(f->db());
    Catalog::NewGeneration g;
    g.serverId = paired;
    g.plan = plan;
    g.startMs = f->clock.nowMs() - 600000;
    auto id = generations.create(f->alpha, g);
    QVERIFY_RESULT(id);
    const qint64 end = f->clock.nowMs();
    QVERIFY_RESULT(generations.complete(f->alpha, *id, { end, 1, 1, 1, u"snap"_s }));
    QVERIFY_RESULT(generations.setCopy(f->alpha, *id, { u"JP1"_s, Catalog::CopyState::Complete, end }));
    f->clock.advanceMs(3 * 3600 * 1000);

    auto replicationOf = [&](const QString &token) {
        const Reply reply = f->get(u"/api/v1/regions"_s, token);
        QHash<QString, QJsonValue> out;
        for (const QJsonValue &region : reply.json.value(u"regions"_s).toArray())
            out.insert(region.toObject().value(u"name"_s).toString(), region.toObject().value(u"replication"_s));
        return out;
    };
    auto byName = replicationOf(viewer);
    QCOMPARE(byName.size(), 3);
    QVERIFY(byName.value(u"US1"_s).isNull()); // nothing copies into US1
    const QJsonObject jp1 = byName.value(u"JP1"_s).toObject();
    QCOMPARE(jp1.value(u"sourceRegions"_s).toArray(), QJsonArray { u"JP2"_s });
    QCOMPARE(jp1.value(u"waitingGenerations"_s).toInteger(), 0);
    QCOMPARE(jp1.value(u"lagMs"_s).toInteger(), 0);
    QVERIFY(jp1.value(u"oldestWaitingEnd"_s).isNull());
    const QJsonObject jp2 = byName.value(u"JP2"_s).toObject();
    QCOMPARE(jp2.value(u"sourceRegions"_s).toArray(), QJsonArray { u"JP1"_s });
    QCOMPARE(jp2.value(u"waitingGenerations"_s).toInteger(), 1);
    QCOMPARE(jp2.value(u"lagMs"_s).toInteger(), 3 * 3600 * 1000);
    QCOMPARE(jp2.value(u"targetMs"_s).toInteger(), 24 * 3600 * 1000);
    QCOMPARE(jp2.value(u"oldestWaitingEnd"_s).toString(),
             QDateTime::fromMSecsSinceEpoch(end, Qt::UTC).toString(Qt::ISODateWithMs));
    // Another tenant sees the regions but none of alpha's copies.
    const QJsonObject beta = replicationOf(f->login(u"beta"_s, u"admin"_s)).value(u"JP2"_s).toObject();
    QCOMPARE(beta.value(u"waitingGenerations"_s).toInteger(), 0);
    // The copy arrives: JP2 is up to date.
    f->clock.advanceMs(3600 * 1000);
    QVERIFY_RESULT(generations.setCopy(f->alpha, *id, { u"JP2"_s, Catalog::CopyState::Complete, f->clock.nowMs() }));
    const QJsonObject caughtUp = replicationOf(viewer).value(u"JP2"_s).toObject();
    QCOMPARE(caughtUp.value(u"waitingGenerations"_s).toInteger(), 0);
    QCOMPARE(caughtUp.value(u"lagMs"_s).toInteger(), 0);
}

QTEST_GUILESS_MAIN(tst_ApiReports)
#include "tst_apireports.moc"
