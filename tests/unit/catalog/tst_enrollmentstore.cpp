// EnrollmentStore's administration side: listing tokens without secrets, looking one up and
// revoking unused ones; enroll() using a token and creating its server as one step. (Creating and consuming are covered by tst_serverstore, tenant
// isolation of every function by tst_tenantisolation.)
#include "catalogfixture.h"

#include <catalog/enrollmentstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_EnrollmentStore : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void listShowsStateNewestFirst();
    void listHonoursLimit();
    void revokeDeletesUnusedTokens();
    void revokeRefusesUsedTokens();
    void revokeOfUnknownTokenIsNotFound();
    void enrollCreatesServerInTokensRegion();
    void failedEnrollmentLeavesTokenUsable();
};

void tst_EnrollmentStore::listShowsStateNewestFirst()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    const auto first = tokens.create(f.alpha(), u"JP1"_s, 1000, 60000);
    const auto second = tokens.create(f.alpha(), u"US1"_s, 2000, 3600000);
    QVERIFY_RESULT(first);
    QVERIFY_RESULT(second);
    const auto grant = tokens.consume(f.alpha(), first->token, 5000);
    QVERIFY_RESULT(grant);
    const qint64 server = f.addServer(f.alpha(), u"web"_s);
    QVERIFY_RESULT(tokens.recordServer(f.alpha(), grant->tokenId, server));

    const auto list = tokens.list(f.alpha(), 100);
    QVERIFY_RESULT(list);
    QCOMPARE(list->size(), 2);
    const EnrollmentTokenRecord &newest = list->at(0);
    QCOMPARE(newest.id, second->id);
    QCOMPARE(newest.region, u"US1"_s);
    QCOMPARE(newest.createdMs, 2000);
    QCOMPARE(newest.expiresMs, 3602000);
    QVERIFY(!newest.usedMs && !newest.usedByServerId);
    const EnrollmentTokenRecord &used = list->at(1);
    QCOMPARE(used.id, first->id);
    QCOMPARE(used.usedMs, 5000);
    QCOMPARE(used.usedByServerId, server);

    const auto one = tokens.token(f.alpha(), first->id);
    QVERIFY_RESULT(one);
    QCOMPARE(one->usedByServerId, server);
    QCOMPARE(tokens.token(f.alpha(), 999).error().code(), ErrorCode::NotFound);
}

void tst_EnrollmentStore::listHonoursLimit()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    for (int i = 0; i < 5; ++i)
        QVERIFY_RESULT(tokens.create(f.alpha(), u"JP1"_s, 1000 + i, 60000));
    const auto list = tokens.list(f.alpha(), 3);
    QVERIFY_RESULT(list);
    QCOMPARE(list->size(), 3);
    QCOMPARE(list->at(0).createdMs, 1004);
    QCOMPARE(list->at(2).createdMs, 1002);
}

void tst_EnrollmentStore::revokeDeletesUnusedTokens()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    const auto live = tokens.create(f.alpha(), u"JP1"_s, 1000, 60000);
    const auto expired = tokens.create(f.alpha(), u"JP1"_s, 1000, 10);
    QVERIFY_RESULT(live);
    QVERIFY_RESULT(expired);
    QVERIFY_RESULT(tokens.revoke(f.alpha(), live->id));
    QVERIFY_RESULT(tokens.revoke(f.alpha(), expired->id));
    QCOMPARE(tokens.list(f.alpha(), 100)->size(), 0);
    // A revoked token no longer enrolls anything.
    const auto grant = tokens.consume(f.alpha(), live->token, 2000);
    QVERIFY(!grant);
    QCOMPARE(grant.error().code(), ErrorCode::Unauthorized);
    QCOMPARE(tokens.revoke(f.alpha(), live->id).error().code(), ErrorCode::NotFound);
}

void tst_EnrollmentStore::revokeRefusesUsedTokens()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    const auto token = tokens.create(f.alpha(), u"JP1"_s, 1000, 60000);
    QVERIFY_RESULT(token);
    QVERIFY_RESULT(tokens.consume(f.alpha(), token->token, 2000));
    const Status revoked = tokens.revoke(f.alpha(), token->id);
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code(), ErrorCode::Conflict);
    QVERIFY2(revoked.error().message().contains(u"already used"_s),
        qPrintable(revoked.error().message()));
    QCOMPARE(tokens.list(f.alpha(), 100)->size(), 1);
}

void tst_EnrollmentStore::revokeOfUnknownTokenIsNotFound()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const Status revoked = EnrollmentStore(f.db()).revoke(f.alpha(), 42);
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code(), ErrorCode::NotFound);
    QVERIFY(revoked.error().message().contains(u"enrollment token 42"_s));
}


namespace {
NewServer newServer(const QString &name, const QString &agentId)
{
    NewServer server;
    server.name = name;
    server.agentId = agentId;
    server.agentSecretHash = u"00"_s;
    server.region = u"ignored"_s; // the token's region wins
    return server;
}
} // namespace

void tst_EnrollmentStore::enrollCreatesServerInTokensRegion()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    EnrollmentStore tokens(f.db());
    const auto token = tokens.create(f.alpha(), u"JP2"_s, 1000, 60000);
    QVERIFY_RESULT(token);
    const auto enrolled = tokens.enroll(f.alpha(), token->token, 2000, newServer(u"db1"_s, u"agent-db1"_s));
    QVERIFY_RESULT(enrolled);
    QCOMPARE(enrolled->grant.tokenId, token->id);
    const auto server = ServerStore(f.db()).server(f.alpha(), enrolled->serverId);
    QVERIFY_RESULT(server);
    QCOMPARE(server->name, u"db1"_s);
    QCOMPARE(server->region, u"JP2"_s);
    const auto record = tokens.token(f.alpha(), token->id);
    QVERIFY_RESULT(record);
    QCOMPARE(record->usedMs, 2000);
    QCOMPARE(record->usedByServerId, enrolled->serverId);
    // Used up: a second enrollment with it is refused and creates nothing.
    const auto again = tokens.enroll(f.alpha(), token->token, 3000, newServer(u"db2"_s, u"agent-db2"_s));
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Unauthorized);
    const auto all = ServerStore(f.db()).list(f.alpha());
    QVERIFY_RESULT(all);
    QCOMPARE(all->size(), 1);
}

void tst_EnrollmentStore::failedEnrollmentLeavesTokenUsable()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    f.addServer(f.alpha(), u"web"_s);
    EnrollmentStore tokens(f.db());
    const auto token = tokens.create(f.alpha(), u"JP1"_s, 1000, 60000);
    QVERIFY_RESULT(token);
    // The server row cannot be written (the name is taken): the token must not be used up.
    const auto clash = tokens.enroll(f.alpha(), token->token, 2000, newServer(u"web"_s, u"agent-web2"_s));
    QVERIFY(!clash);
    QVERIFY(clash.error().code() != ErrorCode::Unauthorized);
    auto record = tokens.token(f.alpha(), token->id);
    QVERIFY_RESULT(record);
    QVERIFY(!record->usedMs);
    QVERIFY(!record->usedByServerId);
    const auto retry = tokens.enroll(f.alpha(), token->token, 3000, newServer(u"web-2"_s, u"agent-web2"_s));
    QVERIFY_RESULT(retry);
    record = tokens.token(f.alpha(), token->id);
    QVERIFY_RESULT(record);
    QCOMPARE(record->usedMs, 3000);
}

QTEST_GUILESS_MAIN(tst_EnrollmentStore)
#include "tst_enrollmentstore.moc"
