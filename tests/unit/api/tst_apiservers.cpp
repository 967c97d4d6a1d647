// Servers, plans, protect/unprotect and generations through the real HTTP server.
#include "apifixture.h"

#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

namespace {

QByteArray planBody(const QJsonObject &plan, bool confirmTransfer = false)
{
    QJsonObject body { { u"plan"_s, plan } };
    if (confirmTransfer)
        body.insert(u"confirmTransfer"_s, true);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_ApiServers : public QObject {
    Q_OBJECT

private slots:
    void init();
    void listsServersWithTheirState();
    void getsOneServer();
    void otherTenantsServerIsNotFound();
    void setsAValidPlan();
    void refusesAnInvalidPlanWithItsProblems_data();
    void refusesAnInvalidPlanWithItsProblems();
    void doubleStorageNeedsConfirmation();
    void protectsAnUnprotectedServer();
    void unprotectNeedsConfirmationNamingTheAmount();
    void unprotectWaitsForTheRetentionLock();
    void unprotectWaitsForRunningJobs();
    void listsGenerationsWithCopies();

private:
    // A completed generation of `server` started now, with `newBytes` stored.
    qint64 addGeneration(qint64 server, qint64 newBytes, const QString &snapshot);

    std::unique_ptr<ApiFixture> f;
    QString admin;
};

void tst_ApiServers::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    admin = f->login(u"alpha"_s, u"admin"_s);
    QVERIFY(!admin.isEmpty());
}

qint64 tst_ApiServers::addGeneration(qint64 server, qint64 newBytes, const QString &snapshot)
{
    Catalog::GenerationStore store(f->db());
    auto id = store.create(f->alpha,
        { server, std::nullopt, Policy::JobKind::FileBackup, ApiFixture::immediatePlan(),
            f->clock.nowMs() });
    if (!id
        || !store.complete(f->alpha, *id, { f->clock.nowMs() + 1000, 5000, 10, newBytes, snapshot })
        || !store.setCopy(
            f->alpha, *id, { u"JP1"_s, Catalog::CopyState::Complete, f->clock.nowMs() + 1000 }))
        return 0;
    return *id;
}

void tst_ApiServers::listsServersWithTheirState()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const qint64 db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    QVERIFY(web && db);
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).setOnline(f->alpha, web, true, f->clock.nowMs()));
    const Reply reply = f->get(u"/api/v1/servers"_s, admin);
    QCOMPARE(reply.status, 200);
    const QJsonArray servers = reply.json.value(u"servers"_s).toArray();
    QCOMPARE(servers.size(), 2);
    const QJsonObject first = servers.at(0).toObject(); // ordered by name: db, web
    const QJsonObject second = servers.at(1).toObject();
    QCOMPARE(first.value(u"name"_s).toString(), u"db"_s);
    QCOMPARE(first.value(u"protected"_s).toBool(), false);
    QVERIFY(first.value(u"planSummary"_s).isNull());
    QCOMPARE(second.value(u"id"_s).toInteger(), web);
    QCOMPARE(second.value(u"online"_s).toBool(), true);
    QCOMPARE(second.value(u"protected"_s).toBool(), true);
    QCOMPARE(second.value(u"planSummary"_s).toString(), u"local/immediate/7d/files"_s);
    QVERIFY(second.value(u"lastBackup"_s).isNull());
    QCOMPARE(second.value(u"facts"_s).toObject().value(u"osId"_s).toString(), u"debian"_s);
}

void tst_ApiServers::getsOneServer()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const Reply reply = f->get(u"/api/v1/servers/%1"_s.arg(web), f->login(u"alpha"_s, u"viewer"_s));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"name"_s).toString(), u"web"_s);
    QCOMPARE(reply.json.value(u"plan"_s).toObject().value(u"retentionDays"_s).toInt(), 7);
    QCOMPARE(reply.json.value(u"plan"_s).toObject().value(u"maxGenerations"_s).toInt(), 35);
    const Reply bad = f->get(u"/api/v1/servers/abc"_s, admin);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.code(), u"invalid_argument"_s);
}

void tst_ApiServers::otherTenantsServerIsNotFound()
{
    const qint64 theirs = f->addServer(f->beta, u"theirs"_s, ApiFixture::immediatePlan());
    QVERIFY(theirs);
    for (const QString &path : { u"/api/v1/servers/%1"_s, u"/api/v1/servers/%1/generations"_s }) {
        const Reply reply = f->get(path.arg(theirs), admin);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code(), u"not_found"_s);
    }
    QCOMPARE(f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(theirs), admin,
                  planBody(QJsonObject { { u"timing"_s, u"immediate"_s } }))
                 .status,
        404);
    QCOMPARE(
        f->post(u"/api/v1/servers/%1/unprotect"_s.arg(theirs), admin, { { u"confirm"_s, true } })
            .status,
        404);
    QCOMPARE(f->get(u"/api/v1/servers"_s, admin).json.value(u"servers"_s).toArray().size(), 0);
    // The owner still sees it, protected.
    const Reply owner
        = f->get(u"/api/v1/servers/%1"_s.arg(theirs), f->login(u"beta"_s, u"admin"_s));
    QCOMPARE(owner.status, 200);
    QCOMPARE(owner.json.value(u"protected"_s).toBool(), true);
}

void tst_ApiServers::setsAValidPlan()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const QJsonObject plan { { u"timing"_s, u"daily"_s }, { u"dailyWindow"_s, 1 },
        { u"retentionDays"_s, 30 }, { u"includePaths"_s, QJsonArray { u"/etc"_s } } };
    const Reply reply
        = f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(web), admin, planBody(plan));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"planSummary"_s).toString(), u"local/daily 03-06/30d/files"_s);
    auto stored = Catalog::ServerStore(f->db()).server(f->alpha, web);
    QVERIFY_RESULT(stored);
    QCOMPARE(stored->plan->timing, Policy::Timing::Daily);
    QCOMPARE(stored->plan->includePaths, QStringList { u"/etc"_s });
}

void tst_ApiServers::refusesAnInvalidPlanWithItsProblems_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); // details.field for a malformed body, else empty
    QTest::addColumn<QString>("issue"); // the first policy problem, else empty
    QTest::newRow("window out of range")
        << planBody({ { u"timing"_s, u"daily"_s }, { u"dailyWindow"_s, 8 } }) << QString()
        << u"daily_window_out_of_range"_s;
    QTest::newRow("retention not offered")
        << planBody({ { u"retentionDays"_s, 10 } }) << QString() << u"retention_not_offered"_s;
    QTest::newRow("system without device")
        << planBody({ { u"content"_s, u"system"_s } }) << QString() << u"system_without_device"_s;
    QTest::newRow("unknown timing")
        << planBody({ { u"timing"_s, u"hourly"_s } }) << u"plan.timing"_s << QString();
    QTest::newRow("window as text")
        << planBody({ { u"dailyWindow"_s, u"1"_s } }) << u"plan.dailyWindow"_s << QString();
    QTest::newRow("unknown plan field")
        << planBody({ { u"window"_s, 1 } }) << u"plan.window"_s << QString();
    QTest::newRow("no plan") << QByteArray("{}") << u"plan"_s << QString();
}

void tst_ApiServers::refusesAnInvalidPlanWithItsProblems()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, issue);
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const Reply reply = f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(web), admin, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code(), u"invalid_argument"_s);
    if (!field.isEmpty())
        QCOMPARE(reply.details().value(u"field"_s).toString(), field);
    if (!issue.isEmpty()) {
        const QJsonObject problem = reply.details().value(u"problems"_s).toArray().at(0).toObject();
        QCOMPARE(problem.value(u"issue"_s).toString(), issue);
        QVERIFY(!problem.value(u"field"_s).toString().isEmpty());
    }
    // Nothing changed.
    QCOMPARE(
        Catalog::ServerStore(f->db()).server(f->alpha, web)->plan, ApiFixture::immediatePlan());
}

void tst_ApiServers::doubleStorageNeedsConfirmation()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const QJsonObject plan { { u"storage"_s, u"double"_s } };
    const Reply refused
        = f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(web), admin, planBody(plan));
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.details().value(u"field"_s).toString(), u"confirmTransfer"_s);
    QCOMPARE(refused.details().value(u"remoteRegion"_s).toString(), u"JP2"_s);
    const Reply done
        = f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(web), admin, planBody(plan, true));
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json.value(u"plan"_s).toObject().value(u"storage"_s).toString(), u"double"_s);
}

void tst_ApiServers::protectsAnUnprotectedServer()
{
    const qint64 db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    const QString path = u"/api/v1/servers/%1/protect"_s.arg(db);
    // Setting a plan of an unprotected server is a conflict; protect is the way in.
    QCOMPARE(f->send("PUT", u"/api/v1/servers/%1/plan"_s.arg(db), admin, planBody({})).status, 409);
    const Reply reply = f->send(
        "POST", path, admin, planBody({ { u"timing"_s, u"weekly"_s }, { u"weekday"_s, 3 } }));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"protected"_s).toBool(), true);
    const Reply again = f->send("POST", path, admin, planBody({}));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code(), u"conflict"_s);
}

void tst_ApiServers::unprotectNeedsConfirmationNamingTheAmount()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(addGeneration(web, 1234, u"snap-1"_s));
    QVERIFY(addGeneration(web, 66, u"snap-2"_s));
    const QString path = u"/api/v1/servers/%1/unprotect"_s.arg(web);
    for (const QJsonObject &body : { QJsonObject {}, QJsonObject { { u"confirm"_s, false } } }) {
        const Reply reply = f->post(path, admin, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.details().value(u"field"_s).toString(), u"confirm"_s);
        QCOMPARE(reply.details().value(u"generations"_s).toInt(), 2);
        QCOMPARE(reply.details().value(u"storedBytes"_s).toInteger(), 1300);
    }
    QVERIFY(f->remover.forgotten.isEmpty());
    QVERIFY(Catalog::ServerStore(f->db()).server(f->alpha, web)->isProtected);
}

void tst_ApiServers::unprotectWaitsForTheRetentionLock()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const qint64 startMs = f->clock.nowMs();
    QVERIFY(addGeneration(web, 100, u"snap-1"_s));
    const QString path = u"/api/v1/servers/%1/unprotect"_s.arg(web);
    const Reply locked = f->post(path, admin, { { u"confirm"_s, true } });
    QCOMPARE(locked.status, 409);
    QCOMPARE(locked.details().value(u"refusal"_s).toString(), u"generations_locked"_s);
    QCOMPARE(locked.details().value(u"liftsAtMs"_s).toInteger(), startMs + 7 * 86400000ll);
    QVERIFY(f->remover.forgotten.isEmpty());

    f->clock.setNowMs(startMs + 7 * 86400000ll);
    admin = f->login(u"alpha"_s, u"admin"_s); // the first session has expired meanwhile
    const Reply done = f->post(path, admin, { { u"confirm"_s, true } });
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json.value(u"generations"_s).toInt(), 1);
    QCOMPARE(f->remover.forgotten.size(), 1);
    QCOMPARE(f->remover.forgotten.first().second, QStringList { u"snap-1"_s });
    auto server = Catalog::ServerStore(f->db()).server(f->alpha, web);
    QVERIFY(!server->isProtected);
    QCOMPARE(Catalog::GenerationStore(f->db()).listForServer(f->alpha, web)->size(), 0);
    QCOMPARE(
        f->post(path, admin, { { u"confirm"_s, true } }).status, 409); // not protected any more
}

void tst_ApiServers::unprotectWaitsForRunningJobs()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    auto request = f->scheduler->requestImmediate(f->alpha, web, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(request);
    QVERIFY(request->jobId);
    const QString path = u"/api/v1/servers/%1/unprotect"_s.arg(web);
    const Reply refused = f->post(path, admin, { { u"confirm"_s, true } });
    QCOMPARE(refused.status, 409);
    QVERIFY(refused.json.value(u"message"_s).toString().contains(u"stop it first"_s));
    QVERIFY(f->remover.forgotten.isEmpty());
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, request->jobId));
    QVERIFY_RESULT(f->scheduler->jobFinished(
        f->alpha, request->jobId, { Policy::JobState::Failed, u"agent lost"_s, 0, 0, 0, {} }));
    QCOMPARE(f->post(path, admin, { { u"confirm"_s, true } }).status, 200);
}

void tst_ApiServers::listsGenerationsWithCopies()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const qint64 older = addGeneration(web, 10, u"snap-1"_s);
    f->clock.advanceMs(60000);
    const qint64 newer = addGeneration(web, 20, u"snap-2"_s);
    const Reply reply
        = f->get(u"/api/v1/servers/%1/generations"_s.arg(web), f->login(u"alpha"_s, u"viewer"_s));
    QCOMPARE(reply.status, 200);
    const QJsonArray generations = reply.json.value(u"generations"_s).toArray();
    QCOMPARE(generations.size(), 2);
    QCOMPARE(generations.at(0).toObject().value(u"id"_s).toInteger(), newer);
    QCOMPARE(generations.at(1).toObject().value(u"id"_s).toInteger(), older);
    const QJsonObject g = generations.at(0).toObject();
    QCOMPARE(g.value(u"status"_s).toString(), u"complete"_s);
    QCOMPARE(g.value(u"newBytes"_s).toInteger(), 20);
    QCOMPARE(g.value(u"retentionDays"_s).toInt(), 7);
    const QJsonObject copy = g.value(u"copies"_s).toArray().at(0).toObject();
    QCOMPARE(copy.value(u"region"_s).toString(), u"JP1"_s);
    QCOMPARE(copy.value(u"state"_s).toString(), u"complete"_s);
}

QTEST_GUILESS_MAIN(tst_ApiServers)
#include "tst_apiservers.moc"
