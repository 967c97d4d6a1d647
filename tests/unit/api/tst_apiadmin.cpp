// Administration through the real HTTP server: deleting a server (client), marking a region
// failed or recovered, and API keys (list, create, revoke), with every refusal.
#include "apifixture.h"
#include "recordingagents.h"

#include <catalog/alertstore.h>
#include <catalog/auditlog.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/regionstore.h>
#include <catalog/serverstore.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

namespace {

constexpr qint64 DayMs = 86400000ll;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_ApiAdmin : public QObject {
    Q_OBJECT

private slots:
    void init();
    void deleteServerNeedsConfirmationNamingTheAmount();
    void deleteServerRemovesRecordDataAndAgentIdentity();
    void deleteServerWaitsForTheRetentionLock();
    void deleteServerWaitsForActiveJobs();
    void deleteServerRefusals();
    void regionMarkedFailedAndRecovered();
    void regionStateRefusals();
    void apiKeyCreatedListedUsedAndRevoked();
    void apiKeyRoleLimitsWhatItMayDo();
    void apiKeyRefusals();

private:
    qint64 addGeneration(qint64 server, qint64 newBytes, const QString &snapshot);

    std::unique_ptr<ApiFixture> f;
    RecordingAgents agents;
    QString admin;
    QString operatorToken;
};

void tst_ApiAdmin::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    agents = {};
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler,
        f->remover, f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, &agents });
    admin = f->login(u"alpha"_s, u"admin"_s);
    operatorToken = f->login(u"alpha"_s, u"operator"_s);
    QVERIFY(!admin.isEmpty() && !operatorToken.isEmpty());
    // The regions of the default matrix, as kura-server records them when it starts.
    Catalog::RegionStore regions(f->db());
    for (const Policy::RegionInfo &region : Policy::defaultRegionMatrix().regions())
        QVERIFY_RESULT(regions.upsert(region.name, region.remoteStorage, region.backupService));
}

qint64 tst_ApiAdmin::addGeneration(qint64 server, qint64 newBytes, const QString &snapshot)
{
    Catalog::GenerationStore store(f->db());
    auto id = store.create(f->alpha,
        { server, std::nullopt, Policy::JobKind::FileBackup, ApiFixture::immediatePlan(),
            f->clock.nowMs() });
    if (!id || !store.complete(f->alpha, *id, { f->clock.nowMs() + 1000, 5000, 10, newBytes, snapshot }))
        return 0;
    return *id;
}

void tst_ApiAdmin::deleteServerNeedsConfirmationNamingTheAmount()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(addGeneration(web, 1234, u"snap-1"_s));
    QVERIFY(addGeneration(web, 66, u"snap-2"_s));
    for (const QString &query : { QString(), u"?confirm=false"_s }) {
        const Reply reply = f->send("DELETE", u"/api/v1/servers/%1%2"_s.arg(web).arg(query), admin);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code(), u"invalid_argument"_s);
        QCOMPARE(reply.details().value(u"field"_s).toString(), u"confirm"_s);
        QCOMPARE(reply.details().value(u"serverName"_s).toString(), u"web"_s);
        QCOMPARE(reply.details().value(u"generations"_s).toInt(), 2);
        QCOMPARE(reply.details().value(u"storedBytes"_s).toInteger(), 1300);
        QVERIFY(reply.json.value(u"message"_s).toString().contains(u"enroll again"_s));
    }
    QVERIFY(f->remover.forgotten.isEmpty());
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->alpha, web));
}

void tst_ApiAdmin::deleteServerRemovesRecordDataAndAgentIdentity()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const qint64 db = f->addServer(f->alpha, u"db"_s, std::nullopt);
    const qint64 startMs = f->clock.nowMs();
    QVERIFY(addGeneration(web, 500, u"snap-1"_s));
    QVERIFY(addGeneration(web, 20, u"snap-2"_s));
    Catalog::NewAlert overdue { Catalog::AlertKind::Overdue, web, Catalog::serverSubject(web),
        u"no backup"_s, startMs };
    QVERIFY_RESULT(Catalog::AlertStore(f->db()).raise(f->alpha, overdue));

    f->clock.setNowMs(startMs + 8 * DayMs); // past the 7-day minimum retention
    admin = f->login(u"alpha"_s, u"admin"_s);
    const Reply reply = f->send("DELETE", u"/api/v1/servers/%1?confirm=true"_s.arg(web), admin);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"deleted"_s).toBool(), true);
    QCOMPARE(reply.json.value(u"name"_s).toString(), u"web"_s);
    QCOMPARE(reply.json.value(u"generations"_s).toInt(), 2);
    QCOMPARE(reply.json.value(u"storedBytes"_s).toInteger(), 520);

    QCOMPARE(f->remover.forgotten.size(), 1);
    QCOMPARE(f->remover.forgotten.first().first, web);
    QStringList forgotten = f->remover.forgotten.first().second;
    forgotten.sort();
    QCOMPARE(forgotten, (QStringList { u"snap-1"_s, u"snap-2"_s }));
    Catalog::ServerStore servers(f->db());
    QCOMPARE(servers.server(f->alpha, web).error().code(), ErrorCode::NotFound);
    // The agent's identity went with the record: its id no longer authenticates.
    QCOMPARE(servers.findByAgentId(f->alpha, u"%1-web"_s.arg(f->alpha)).error().code(),
        ErrorCode::NotFound);
    QCOMPARE(agents.disconnected.size(), 1);
    QCOMPARE(agents.disconnected.first().first, web);
    QVERIFY(agents.disconnected.first().second.contains(u"web"_s));
    QCOMPARE(Catalog::GenerationStore(f->db()).listForServer(f->alpha, web)->size(), 0);
    QVERIFY(Catalog::AlertStore(f->db()).listActive(f->alpha)->isEmpty());
    QVERIFY_RESULT(servers.server(f->alpha, db)); // the other server stays

    const Reply list = f->get(u"/api/v1/servers"_s, admin);
    QCOMPARE(list.json.value(u"servers"_s).toArray().size(), 1);
    auto audit = Catalog::AuditLog(f->db()).list(f->alpha, 0, 50);
    QVERIFY_RESULT(audit);
    QVERIFY(std::any_of(audit->cbegin(), audit->cend(),
        [](const Catalog::AuditEntry &e) { return e.action == u"server.delete"_s; }));

    // Deleting it again: it is gone.
    QCOMPARE(
        f->send("DELETE", u"/api/v1/servers/%1?confirm=true"_s.arg(web), admin).status, 404);
}

void tst_ApiAdmin::deleteServerWaitsForTheRetentionLock()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    const qint64 startMs = f->clock.nowMs();
    QVERIFY(addGeneration(web, 100, u"snap-1"_s));
    const QString path = u"/api/v1/servers/%1?confirm=true"_s.arg(web);
    const Reply locked = f->send("DELETE", path, admin);
    QCOMPARE(locked.status, 409);
    QCOMPARE(locked.details().value(u"refusal"_s).toString(), u"generations_locked"_s);
    QCOMPARE(locked.details().value(u"liftsAtMs"_s).toInteger(), startMs + 7 * DayMs);
    QVERIFY(f->remover.forgotten.isEmpty());
    QVERIFY(agents.disconnected.isEmpty());
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->alpha, web));

    // A server without generations (never backed up) goes at once.
    const qint64 fresh = f->addServer(f->alpha, u"fresh"_s, std::nullopt);
    QCOMPARE(f->send("DELETE", u"/api/v1/servers/%1?confirm=true"_s.arg(fresh), admin).status, 200);
}

void tst_ApiAdmin::deleteServerWaitsForActiveJobs()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    auto request = f->scheduler->requestImmediate(f->alpha, web, Policy::JobKind::FileBackup);
    QVERIFY_RESULT(request);
    QVERIFY(request->jobId);
    const QString path = u"/api/v1/servers/%1?confirm=true"_s.arg(web);
    const Reply queued = f->send("DELETE", path, admin);
    QCOMPARE(queued.status, 409);
    QVERIFY(queued.json.value(u"message"_s).toString().contains(u"stop it first"_s));
    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, request->jobId));
    QCOMPARE(f->send("DELETE", path, admin).status, 409); // running
    QVERIFY(f->remover.forgotten.isEmpty());
    QVERIFY_RESULT(f->scheduler->jobFinished(
        f->alpha, request->jobId, { Policy::JobState::Failed, u"agent lost"_s, 0, 0, 0, {} }));
    QCOMPARE(f->send("DELETE", path, admin).status, 200);
    QCOMPARE(Catalog::JobStore(f->db()).activeJobs(f->alpha)->size(), 0);
}

void tst_ApiAdmin::deleteServerRefusals()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, std::nullopt);
    const qint64 theirs = f->addServer(f->beta, u"theirs"_s, std::nullopt);
    const QString path = u"/api/v1/servers/%1?confirm=true"_s.arg(web);
    QCOMPARE(f->send("DELETE", path, operatorToken).status, 403);
    QCOMPARE(f->send("DELETE", path, f->login(u"alpha"_s, u"viewer"_s)).status, 403);
    QCOMPARE(f->send("DELETE", path).status, 401);
    QCOMPARE(f->send("DELETE", u"/api/v1/servers/%1?confirm=true"_s.arg(theirs), admin).status, 404);
    QCOMPARE(f->send("DELETE", u"/api/v1/servers/99999?confirm=true"_s, admin).status, 404);
    QCOMPARE(f->send("DELETE", u"/api/v1/servers/web?confirm=true"_s, admin).status, 400);
    const Reply badConfirm = f->send("DELETE", u"/api/v1/servers/%1?confirm=yes"_s.arg(web), admin);
    QCOMPARE(badConfirm.status, 400);
    QVERIFY(badConfirm.json.value(u"message"_s).toString().contains(u"confirm"_s));
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->alpha, web));
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->beta, theirs));
}

void tst_ApiAdmin::regionMarkedFailedAndRecovered()
{
    f->addServer(f->alpha, u"web"_s, std::nullopt); // in JP1: alpha gets the region alert
    const Reply failed = f->send("PUT", u"/api/v1/regions/JP1/state"_s, admin,
        json({ { u"state"_s, u"failed"_s }, { u"reason"_s, u"storage array down"_s } }));
    QCOMPARE(failed.status, 200);
    QCOMPARE(failed.json.value(u"state"_s).toString(), u"failed"_s);
    QCOMPARE(failed.json.value(u"stateChangedBy"_s).toString(), u"admin"_s);
    QCOMPARE(failed.json.value(u"changed"_s).toBool(), true);
    Catalog::RegionStore regions(f->db());
    QCOMPARE(regions.region(u"JP1"_s)->state, Catalog::RegionState::Failed);
    QCOMPARE(regions.history(u"JP1"_s)->last().reason, u"storage array down"_s);
    auto alerts = Catalog::AlertStore(f->db()).listActive(f->alpha);
    QCOMPARE(alerts->size(), 1);
    QCOMPARE(alerts->first().kind, Catalog::AlertKind::RegionFailed);

    const QJsonArray listed = f->get(u"/api/v1/regions"_s, operatorToken).json.value(u"regions"_s).toArray();
    const auto jp1 = std::find_if(listed.begin(), listed.end(),
        [](const QJsonValue &r) { return r[u"name"_s].toString() == u"JP1"_s; });
    QVERIFY(jp1 != listed.end());
    QCOMPARE((*jp1)[u"state"_s].toString(), u"failed"_s);

    // The same state again changes nothing and records nothing.
    const Reply again = f->send("PUT", u"/api/v1/regions/JP1/state"_s, admin,
        json({ { u"state"_s, u"failed"_s } }));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(u"changed"_s).toBool(), false);
    QCOMPARE(regions.history(u"JP1"_s)->size(), 1);

    const Reply ok = f->send("PUT", u"/api/v1/regions/JP1/state"_s, admin,
        json({ { u"state"_s, u"ok"_s }, { u"reason"_s, u"repaired"_s } }));
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(regions.region(u"JP1"_s)->state, Catalog::RegionState::Ok);
    QVERIFY(Catalog::AlertStore(f->db()).listActive(f->alpha)->isEmpty());
}

void tst_ApiAdmin::regionStateRefusals()
{
    const QString path = u"/api/v1/regions/JP1/state"_s;
    const QByteArray failed = json({ { u"state"_s, u"failed"_s } });
    QCOMPARE(f->send("PUT", path, operatorToken, failed).status, 403);
    QCOMPARE(f->send("PUT", path, {}, failed).status, 401);
    QCOMPARE(f->send("PUT", u"/api/v1/regions/XX9/state"_s, admin, failed).status, 404);
    const Reply badState = f->send("PUT", path, admin, json({ { u"state"_s, u"broken"_s } }));
    QCOMPARE(badState.status, 400);
    QCOMPARE(badState.details().value(u"field"_s).toString(), u"state"_s);
    const Reply missing = f->send("PUT", path, admin, json({ { u"reason"_s, u"x"_s } }));
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.details().value(u"field"_s).toString(), u"state"_s);
    const Reply unknown = f->send("PUT", path, admin, json({ { u"state"_s, u"ok"_s }, { u"why"_s, 1 } }));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(f->send("PUT", path, admin, "not json").status, 400);
    const Reply longReason = f->send("PUT", path, admin,
        json({ { u"state"_s, u"failed"_s }, { u"reason"_s, QString(501, u'x') } }));
    QCOMPARE(longReason.status, 400);
    QCOMPARE(Catalog::RegionStore(f->db()).region(u"JP1"_s)->state, Catalog::RegionState::Ok);
}

void tst_ApiAdmin::apiKeyCreatedListedUsedAndRevoked()
{
    const Reply created = f->send("POST", u"/api/v1/api-keys"_s, admin,
        json({ { u"name"_s, u"ci pipeline"_s }, { u"role"_s, u"operator"_s } }));
    QCOMPARE(created.status, 201);
    const QString token = created.json.value(u"token"_s).toString();
    QVERIFY(token.startsWith(QString::number(f->alpha) + u'.'));
    const qint64 id = created.json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.json.value(u"role"_s).toString(), u"operator"_s);
    QCOMPARE(created.json.value(u"userName"_s).toString(), u"admin"_s);
    QVERIFY(created.json.value(u"lastUsedAt"_s).isNull());

    // The key works, and its use is recorded.
    f->clock.advanceMs(5000);
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 200);
    const Reply list = f->get(u"/api/v1/api-keys"_s, admin);
    QCOMPARE(list.status, 200);
    const QJsonArray keys = list.json.value(u"apiKeys"_s).toArray();
    QCOMPARE(keys.size(), 1);
    const QJsonObject key = keys.first().toObject();
    QCOMPARE(key.value(u"id"_s).toInteger(), id);
    QCOMPARE(key.value(u"name"_s).toString(), u"ci pipeline"_s);
    QCOMPARE(key.value(u"revoked"_s).toBool(), false);
    QVERIFY(!key.value(u"lastUsedAt"_s).isNull());
    QVERIFY(!key.contains(u"token"_s)); // the secret is shown once only
    QVERIFY(!list.body.contains(token.toUtf8()));

    QCOMPARE(f->send("DELETE", u"/api/v1/api-keys/%1"_s.arg(id), admin).status, 204);
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 401);
    const Reply again = f->send("DELETE", u"/api/v1/api-keys/%1"_s.arg(id), admin);
    QCOMPARE(again.status, 409);
    QCOMPARE(f->get(u"/api/v1/api-keys"_s, admin)
                 .json.value(u"apiKeys"_s)
                 .toArray()
                 .first()[u"revoked"_s]
                 .toBool(),
        true);
}

void tst_ApiAdmin::apiKeyRoleLimitsWhatItMayDo()
{
    const qint64 web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    auto keyWith = [&](const QJsonObject &body) {
        return f->send("POST", u"/api/v1/api-keys"_s, admin, json(body)).json.value(u"token"_s).toString();
    };
    const QString viewer = keyWith({ { u"name"_s, u"dashboard"_s } }); // default: viewer
    const QString operatorKey = keyWith({ { u"name"_s, u"runner"_s }, { u"role"_s, u"operator"_s } });
    const QString adminKey = keyWith({ { u"name"_s, u"automation"_s }, { u"role"_s, u"admin"_s } });
    QVERIFY(!viewer.isEmpty() && !operatorKey.isEmpty() && !adminKey.isEmpty());
    const QString run = u"/api/v1/servers/%1/backups"_s.arg(web);
    QCOMPARE(f->get(u"/api/v1/servers"_s, viewer).status, 200);
    QCOMPARE(f->send("POST", run, viewer, "{}").status, 403);
    QCOMPARE(f->get(u"/api/v1/api-keys"_s, operatorKey).status, 403);
    QCOMPARE(f->get(u"/api/v1/api-keys"_s, adminKey).status, 200);
    QCOMPARE(f->get(u"/api/v1/api-keys"_s, admin).json.value(u"apiKeys"_s).toArray().first()[u"role"_s].toString(),
        u"viewer"_s);
}

void tst_ApiAdmin::apiKeyRefusals()
{
    const QString path = u"/api/v1/api-keys"_s;
    const QByteArray good = json({ { u"name"_s, u"k"_s } });
    QCOMPARE(f->send("POST", path, operatorToken, good).status, 403);
    QCOMPARE(f->get(path, operatorToken).status, 403);
    QCOMPARE(f->send("POST", path, {}, good).status, 401);
    const Reply badRole = f->send("POST", path, admin, json({ { u"name"_s, u"k"_s }, { u"role"_s, u"root"_s } }));
    QCOMPARE(badRole.status, 400);
    QCOMPARE(badRole.details().value(u"field"_s).toString(), u"role"_s);
    const Reply noName = f->send("POST", path, admin, json({ { u"role"_s, u"viewer"_s } }));
    QCOMPARE(noName.status, 400);
    QCOMPARE(noName.details().value(u"field"_s).toString(), u"name"_s);
    QCOMPARE(f->send("POST", path, admin, json({ { u"name"_s, u"  "_s } })).status, 400);
    QCOMPARE(f->send("POST", path, admin, json({ { u"name"_s, 5 } })).status, 400);
    QCOMPARE(f->send("POST", path, admin, "[]").status, 400);
    QCOMPARE(f->get(path, admin).json.value(u"apiKeys"_s).toArray().size(), 0);

    QCOMPARE(f->send("DELETE", u"/api/v1/api-keys/777"_s, admin).status, 404);
    QCOMPARE(f->send("DELETE", u"/api/v1/api-keys/abc"_s, admin).status, 400);
    // Another tenant's key is not found, and stays valid.
    const QString betaAdmin = f->login(u"beta"_s, u"admin"_s);
    const Reply theirs = f->send("POST", path, betaAdmin, good);
    QCOMPARE(theirs.status, 201);
    const qint64 theirId = theirs.json.value(u"id"_s).toInteger();
    QCOMPARE(f->send("DELETE", u"/api/v1/api-keys/%1"_s.arg(theirId), admin).status, 404);
    QCOMPARE(f->get(path, admin).json.value(u"apiKeys"_s).toArray().size(), 0);
    QCOMPARE(f->get(u"/api/v1/servers"_s, theirs.json.value(u"token"_s).toString()).status, 200);
}

QTEST_GUILESS_MAIN(tst_ApiAdmin)
#include "tst_apiadmin.moc"
