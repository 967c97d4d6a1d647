#include "catalogfixture.h"

#include <catalog/enrollmentstore.h>
#include <catalog/password.h>
#include <catalog/serverstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;
using Kura::Policy::Timing;

class tst_ServerStore : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void recordsEnrolledServerWithFacts();
    void listIsOrderedByNameWithPlans();
    void protectStoresEveryPlanField();
    void protectTwiceIsAConflict();
    void setPlanNeedsProtection();
    void unprotectDropsPlan();
    void rejectsInvalidPlans_data();
    void rejectsInvalidPlans();
    void duplicateNamesAndAgentIds_data();
    void duplicateNamesAndAgentIds();
    void onlineStateAndAddress();
    void removeCascadesToJobs();
    void enrollmentTokenIsUsedOnce_data();
    void enrollmentTokenIsUsedOnce();
};

void tst_ServerStore::recordsEnrolledServerWithFacts()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"web1"_s, 1234);
    QVERIFY(id > 0);
    auto s = ServerStore(f.db()).server(f.alpha(), id);
    QVERIFY_RESULT(s);
    QCOMPARE(s->name, u"web1"_s);
    QCOMPARE(s->tenantId, f.alpha());
    QCOMPARE(s->facts.osId, u"debian"_s);
    QCOMPARE(s->facts.addresses, QStringList { u"10.0.0.1"_s });
    QCOMPARE(s->enrolledMs, 1234);
    QVERIFY(!s->isProtected);
    QVERIFY(!s->plan);
    QVERIFY(!s->online);
    HostFacts facts = s->facts;
    facts.osVersion = u"13"_s;
    facts.addresses << u"fe80::1"_s;
    QVERIFY_RESULT(ServerStore(f.db()).updateFacts(f.alpha(), id, facts));
    QCOMPARE(ServerStore(f.db()).server(f.alpha(), id)->facts, facts);
    auto byAgent = ServerStore(f.db()).findByAgentId(f.alpha(), s->agentId);
    QVERIFY_RESULT(byAgent);
    QCOMPARE(byAgent->id, id);
}

void tst_ServerStore::listIsOrderedByNameWithPlans()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 c = f.addServer(f.alpha(), u"c"_s);
    const qint64 a = f.addServer(f.alpha(), u"a"_s);
    f.addServer(f.alpha(), u"b"_s);
    QVERIFY(f.protect(f.alpha(), c, Timing::Daily, 5));
    auto list = ServerStore(f.db()).list(f.alpha());
    QVERIFY_RESULT(list);
    QCOMPARE(list->size(), 3);
    QCOMPARE(list->at(0).id, a);
    QCOMPARE(list->at(2).id, c);
    QVERIFY(list->at(2).plan.has_value());
    QVERIFY(!list->at(0).plan.has_value());
    auto protectedOnes = ServerStore(f.db()).protectedServers(f.alpha());
    QCOMPARE(protectedOnes->size(), 1);
    QCOMPARE(protectedOnes->at(0).toFacts().plan->timing, Timing::Daily);
}

void tst_ServerStore::protectStoresEveryPlanField()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"db1"_s);
    Policy::Plan plan;
    plan.storage = Policy::Storage::Double;
    plan.timing = Timing::Weekly;
    plan.weekday = 7;
    plan.weeklyWindow = 2;
    plan.dailyWindow = 7;
    plan.retentionDays = 365;
    plan.content = Policy::Content::System;
    plan.includePaths = { u"/srv"_s, u"/home/ユーザー"_s };
    plan.excludePatterns = { u"*.tmp"_s, u"quote\"and,comma"_s };
    plan.systemDevice = u"/dev/vda"_s;
    plan.preCommand = u"pg_dump -f /tmp/x"_s;
    plan.postCommand = u"rm /tmp/x"_s;
    plan.commandTimeoutSeconds = 1200;
    QVERIFY_RESULT(ServerStore(f.db()).protect(f.alpha(), id, plan, 777));
    auto s = ServerStore(f.db()).server(f.alpha(), id);
    QVERIFY_RESULT(s);
    QVERIFY(s->isProtected);
    QCOMPARE(s->protectedSinceMs, 777);
    QCOMPARE(s->planUpdatedMs, 777);
    QVERIFY(s->plan.has_value());
    QCOMPARE(*s->plan, plan);
}

void tst_ServerStore::protectTwiceIsAConflict()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    QVERIFY(f.protect(f.alpha(), id, Timing::Daily, 1));
    auto again
        = ServerStore(f.db()).protect(f.alpha(), id, Test::CatalogFixture::plan(Timing::Weekly), 2);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);
    QCOMPARE(ServerStore(f.db()).server(f.alpha(), id)->plan->timing, Timing::Daily);
}

void tst_ServerStore::setPlanNeedsProtection()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    auto refused
        = ServerStore(f.db()).setPlan(f.alpha(), id, Test::CatalogFixture::plan(Timing::Daily), 1);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Conflict);
    QVERIFY(f.protect(f.alpha(), id, Timing::Daily, 10));
    QVERIFY_RESULT(
        ServerStore(f.db()).setPlan(f.alpha(), id, Test::CatalogFixture::plan(Timing::Weekly), 20));
    auto s = ServerStore(f.db()).server(f.alpha(), id);
    QCOMPARE(s->plan->timing, Timing::Weekly);
    QCOMPARE(s->protectedSinceMs, 10);
    QCOMPARE(s->planUpdatedMs, 20);
}

void tst_ServerStore::unprotectDropsPlan()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    QVERIFY(f.protect(f.alpha(), id, Timing::Daily, 10));
    QVERIFY_RESULT(ServerStore(f.db()).unprotect(f.alpha(), id));
    auto s = ServerStore(f.db()).server(f.alpha(), id);
    QVERIFY(!s->isProtected);
    QVERIFY(!s->plan);
    QVERIFY(!s->protectedSinceMs);
    QVERIFY(f.protect(f.alpha(), id, Timing::Weekly, 30)); // a fresh start
}

void tst_ServerStore::rejectsInvalidPlans_data()
{
    QTest::addColumn<int>("dailyWindow");
    QTest::addColumn<int>("weekday");
    QTest::addColumn<int>("weeklyWindow");
    QTest::addColumn<int>("retentionDays");
    QTest::newRow("daily window 8") << 8 << 1 << 0 << 7;
    QTest::newRow("daily window -1") << -1 << 1 << 0 << 7;
    QTest::newRow("weekday 0") << 0 << 0 << 0 << 7;
    QTest::newRow("weekday 8") << 0 << 8 << 0 << 7;
    QTest::newRow("weekly window 3") << 0 << 1 << 3 << 7;
    QTest::newRow("retention 0") << 0 << 1 << 0 << 0;
}

void tst_ServerStore::rejectsInvalidPlans()
{
    QFETCH(int, dailyWindow);
    QFETCH(int, weekday);
    QFETCH(int, weeklyWindow);
    QFETCH(int, retentionDays);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    Policy::Plan plan;
    plan.dailyWindow = dailyWindow;
    plan.weekday = weekday;
    plan.weeklyWindow = weeklyWindow;
    plan.retentionDays = retentionDays;
    auto refused = ServerStore(f.db()).protect(f.alpha(), id, plan, 1);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(!ServerStore(f.db()).server(f.alpha(), id)->isProtected);
}

void tst_ServerStore::duplicateNamesAndAgentIds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("agentId");
    QTest::addColumn<bool>("otherTenant");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("same name in same tenant") << u"web"_s << u"agent-2"_s << false << false;
    QTest::newRow("same name in other tenant") << u"web"_s << u"agent-2"_s << true << true;
    QTest::newRow("same agent id in other tenant") << u"other"_s << u"agent-1"_s << true << false;
    QTest::newRow("different name and agent") << u"db"_s << u"agent-2"_s << false << true;
}

void tst_ServerStore::duplicateNamesAndAgentIds()
{
    QFETCH(QString, name);
    QFETCH(QString, agentId);
    QFETCH(bool, otherTenant);
    QFETCH(bool, accepted);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    ServerStore store(f.db());
    QVERIFY_RESULT(store.create(f.alpha(), { u"web"_s, u"agent-1"_s, u"h"_s, u"JP1"_s, {} }, 1));
    auto second = store.create(
        otherTenant ? f.beta() : f.alpha(), { name, agentId, u"h"_s, u"JP1"_s, {} }, 1);
    QCOMPARE(bool(second), accepted);
    if (!accepted)
        QCOMPARE(second.error().code(), ErrorCode::Conflict);
}

void tst_ServerStore::onlineStateAndAddress()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    ServerStore store(f.db());
    QVERIFY_RESULT(store.setOnline(f.alpha(), id, true, 500));
    QVERIFY_RESULT(store.setAdvertisedAddress(f.alpha(), id, u"203.0.113.9"_s));
    auto s = store.server(f.alpha(), id);
    QVERIFY(s->online);
    QCOMPARE(s->lastSeenMs, 500);
    QCOMPARE(s->advertisedAddress, u"203.0.113.9"_s);
    QVERIFY_RESULT(store.setOnline(f.alpha(), id, false, 900));
    QVERIFY(!store.server(f.alpha(), id)->online);
    QCOMPARE(store.server(f.alpha(), id)->lastSeenMs, 900);
}

void tst_ServerStore::removeCascadesToJobs()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addServer(f.alpha(), u"x"_s);
    QVERIFY(f.protect(f.alpha(), id, Timing::Daily, 1));
    const qint64 job = f.addJob(f.alpha(), id, 100, Policy::JobState::Succeeded);
    QVERIFY(job > 0);
    QVERIFY_RESULT(ServerStore(f.db()).remove(f.alpha(), id));
    QCOMPARE(ServerStore(f.db()).server(f.alpha(), id).error().code(), ErrorCode::NotFound);
    QCOMPARE(JobStore(f.db()).job(f.alpha(), job).error().code(), ErrorCode::NotFound);
    QCOMPARE(ServerStore(f.db()).remove(f.alpha(), id).error().code(), ErrorCode::NotFound);
}

void tst_ServerStore::enrollmentTokenIsUsedOnce_data()
{
    QTest::addColumn<qint64>("useAtMs");
    QTest::addColumn<bool>("wrongToken");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("used in time") << qint64(1000 + 59999) << false << true;
    QTest::newRow("used exactly at expiry") << qint64(1000 + 60000) << false << false;
    QTest::newRow("unknown token") << qint64(2000) << true << false;
}

void tst_ServerStore::enrollmentTokenIsUsedOnce()
{
    QFETCH(qint64, useAtMs);
    QFETCH(bool, wrongToken);
    QFETCH(bool, accepted);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    auto token = tokens.create(f.alpha(), u"JP2"_s, 1000, 60000);
    QVERIFY_RESULT(token);
    QCOMPARE(*tenantOfToken(token->token), f.alpha());
    const QString presented = wrongToken ? token->token + u"x"_s : token->token;
    auto grant = tokens.consume(f.alpha(), presented, useAtMs);
    QCOMPARE(bool(grant), accepted);
    if (!accepted) {
        QCOMPARE(grant.error().code(), ErrorCode::Unauthorized);
        return;
    }
    QCOMPARE(grant->region, u"JP2"_s);
    const qint64 server = f.addServer(f.alpha(), u"new"_s);
    QVERIFY_RESULT(tokens.recordServer(f.alpha(), grant->tokenId, server));
    auto again = tokens.consume(f.alpha(), presented, useAtMs);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Unauthorized);
}

QTEST_GUILESS_MAIN(tst_ServerStore)
#include "tst_serverstore.moc"
