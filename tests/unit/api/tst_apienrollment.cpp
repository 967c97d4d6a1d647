// Enrollment tokens and agent packages through the real HTTP server: create (with a package
// that readAgentPackage accepts), list without secrets, revoke, roles, bad requests, tenant
// isolation, and a server without an agent listener.
#include "apifixture.h"

#include <catalog/auditlog.h>
#include <catalog/enrollmentstore.h>
#include <protocol/agentpackage.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

namespace {

const QString Tokens = u"/api/v1/enrollment-tokens"_s;

QJsonObject tokenRequest(const QString &region, int validHours = 0)
{
    QJsonObject body { { u"region"_s, region } };
    if (validHours)
        body.insert(u"validHours"_s, validHours);
    return body;
}

} // namespace

class tst_ApiEnrollment : public QObject {
    Q_OBJECT

private slots:
    void init();
    void createsTokenWithAgentPackage();
    void validityDefaultsToOneDay();
    void refusesBadRequests_data();
    void refusesBadRequests();
    void onlyAdminsManageTokens_data();
    void onlyAdminsManageTokens();
    void listsTokensWithoutSecrets();
    void listHonoursLimit();
    void revokesUnusedTokens();
    void otherTenantCannotListOrRevoke();
    void serverWithoutAgentListener();
    void badListenerSettingsLeaveNoToken();

private:
    // Replaces the fixture's API by one that knows `identity` (null: no agent listener).
    void useIdentity(const Api::ServerIdentity *identity);
    // Creates a token for `region` as alpha's admin; the response body.
    QJsonObject create(const QString &region, int validHours = 0);

    std::unique_ptr<ApiFixture> f;
    Api::ServerIdentity identity { u"backup.example.com:8641"_s, u"[2001:db8::7]:8641"_s,
        QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") };
    QString admin;
};

void tst_ApiEnrollment::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    useIdentity(&identity);
    admin = f->login(u"alpha"_s, u"admin"_s);
    QVERIFY(!admin.isEmpty());
}

void tst_ApiEnrollment::useIdentity(const Api::ServerIdentity *serverIdentity)
{
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, serverIdentity });
}

QJsonObject tst_ApiEnrollment::create(const QString &region, int validHours)
{
    const Reply reply = f->post(Tokens, admin, tokenRequest(region, validHours));
    if (reply.status != 201)
        qInfo("create: HTTP %d %s", reply.status, reply.body.constData());
    return reply.status == 201 ? reply.json : QJsonObject();
}

void tst_ApiEnrollment::createsTokenWithAgentPackage()
{
    const qint64 now = f->clock.nowMs();
    const Reply reply = f->post(Tokens, admin, tokenRequest(u"JP2"_s, 48));
    QCOMPARE(reply.status, 201);
    const QJsonObject &body = reply.json;
    const qint64 id = qint64(body.value(u"id"_s).toDouble());
    QVERIFY(id > 0);
    QCOMPARE(body.value(u"region"_s).toString(), u"JP2"_s);
    QCOMPARE(body.value(u"state"_s).toString(), u"active"_s);
    QCOMPARE(body.value(u"createdAt"_s).toString(), u"2026-01-01T00:00:00.000Z"_s);
    QCOMPARE(body.value(u"expiresAt"_s).toString(), u"2026-01-03T00:00:00.000Z"_s);
    QVERIFY(body.value(u"usedAt"_s).isNull());
    const QString token = body.value(u"token"_s).toString();
    QVERIFY(token.startsWith(u"%1."_s.arg(f->alpha)));

    const QByteArray zip = QByteArray::fromBase64(
        body.value(u"package"_s).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto package = Protocol::readAgentPackage(zip);
    QVERIFY_RESULT(package);
    QCOMPARE(package->token, token);
    QCOMPARE(package->certificateSha256, identity.certificateSha256);
    QCOMPARE(package->primaryAddress, identity.agentAddress);
    QCOMPARE(package->drAddress, identity.drAddress);
    QCOMPARE(package->region, u"JP2"_s);
    QCOMPARE(package->expiresAtMs, now + 48 * 3600000ll);

    // The token in the package is a real one: an agent can enroll with it once.
    const auto grant = Catalog::EnrollmentStore(f->db()).consume(f->alpha, package->token, now + 1);
    QVERIFY_RESULT(grant);
    QCOMPARE(grant->tokenId, id);
    QCOMPARE(grant->region, u"JP2"_s);

    const auto audit = Catalog::AuditLog(f->db()).list(f->alpha, 0, 10);
    QVERIFY_RESULT(audit);
    QCOMPARE(audit->constFirst().action, u"enrollment_token.create"_s);
    QCOMPARE(audit->constFirst().target, u"enrollment_token:%1"_s.arg(id));
    QCOMPARE(audit->constFirst().userName, u"admin"_s);
    QVERIFY(!audit->constFirst().details.contains(token));
}

void tst_ApiEnrollment::validityDefaultsToOneDay()
{
    const QJsonObject body = create(u"US1"_s);
    QCOMPARE(body.value(u"expiresAt"_s).toString(), u"2026-01-02T00:00:00.000Z"_s);
    const QJsonObject longest = create(u"US1"_s, 720);
    QCOMPARE(longest.value(u"expiresAt"_s).toString(), u"2026-01-31T00:00:00.000Z"_s);
}

void tst_ApiEnrollment::refusesBadRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("mentions");
    auto json = [](const QJsonObject &object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("no region") << json({ { u"validHours"_s, 24 } }) << u"region"_s
                               << u"field \"region\""_s;
    QTest::newRow("unknown region") << json(tokenRequest(u"XX9"_s)) << u"region"_s
                                    << u"\"XX9\" is not a region of the region matrix"_s;
    QTest::newRow("region without backup service")
        << json(tokenRequest(u"AU1"_s)) << u"region"_s << u"region \"AU1\" has no backup service"_s;
    QTest::newRow("region as number")
        << json({ { u"region"_s, 1 } }) << u"region"_s << u"field \"region\""_s;
    QTest::newRow("zero hours") << json({ { u"region"_s, u"JP1"_s }, { u"validHours"_s, 0 } })
                                << u"validHours"_s << u"0 is not from 1 to 720 hours"_s;
    QTest::newRow("721 hours") << json({ { u"region"_s, u"JP1"_s }, { u"validHours"_s, 721 } })
                               << u"validHours"_s << u"721 is not from 1 to 720 hours"_s;
    QTest::newRow("fractional hours")
        << json({ { u"region"_s, u"JP1"_s }, { u"validHours"_s, 1.5 } }) << u"validHours"_s
        << u"expected an integer"_s;
    QTest::newRow("hours as text")
        << json({ { u"region"_s, u"JP1"_s }, { u"validHours"_s, u"24"_s } }) << u"validHours"_s
        << u"expected an integer"_s;
    QTest::newRow("unknown field")
        << json({ { u"region"_s, u"JP1"_s }, { u"tenant"_s, u"beta"_s } }) << u"tenant"_s
        << u"is not a known field"_s;
    QTest::newRow("not JSON") << "region=JP1"_ba << QString() << QString();
}

void tst_ApiEnrollment::refusesBadRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    const Reply reply = f->send("POST", Tokens, admin, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code(), u"invalid_argument"_s);
    QCOMPARE(reply.details().value(u"field"_s).toString(), field);
    const QString message = reply.json.value(u"message"_s).toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QCOMPARE(Catalog::EnrollmentStore(f->db()).list(f->alpha, 100)->size(), 0);
}

void tst_ApiEnrollment::onlyAdminsManageTokens_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("status");
    QTest::newRow("operator") << u"operator"_s << 403;
    QTest::newRow("viewer") << u"viewer"_s << 403;
    QTest::newRow("no token") << QString() << 401;
}

void tst_ApiEnrollment::onlyAdminsManageTokens()
{
    QFETCH(QString, user);
    QFETCH(int, status);
    const QJsonObject created = create(u"JP1"_s);
    QVERIFY(!created.isEmpty());
    const QString id = QString::number(qint64(created.value(u"id"_s).toDouble()));
    const QString token = user.isEmpty() ? QString() : f->login(u"alpha"_s, user);
    QVERIFY(user.isEmpty() || !token.isEmpty());
    QCOMPARE(f->post(Tokens, token, tokenRequest(u"JP1"_s)).status, status);
    QCOMPARE(f->get(Tokens, token).status, status);
    QCOMPARE(f->send("DELETE", Tokens + u"/"_s + id, token).status, status);
    QCOMPARE(Catalog::EnrollmentStore(f->db()).list(f->alpha, 100)->size(), 1);
}

void tst_ApiEnrollment::listsTokensWithoutSecrets()
{
    const QJsonObject used = create(u"JP1"_s, 1);
    f->clock.advanceMs(1000);
    const QJsonObject expiring = create(u"JP1"_s, 1);
    f->clock.advanceMs(1000);
    const QJsonObject active = create(u"SG1"_s, 5);
    QVERIFY(!used.isEmpty() && !expiring.isEmpty() && !active.isEmpty());
    Catalog::EnrollmentStore store(f->db());
    const auto grant = store.consume(f->alpha, used.value(u"token"_s).toString(), f->clock.nowMs());
    QVERIFY_RESULT(grant);
    const qint64 server = f->addServer(f->alpha, u"enrolled"_s, std::nullopt);
    QVERIFY_RESULT(store.recordServer(f->alpha, grant->tokenId, server));
    // Exactly when the second token expires: consume() refuses it from this moment on.
    f->clock.advanceMs(3600000 - 1000);

    const Reply reply = f->get(Tokens, admin);
    QCOMPARE(reply.status, 200);
    const QJsonArray tokens = reply.json.value(u"tokens"_s).toArray();
    QCOMPARE(tokens.size(), 3);
    QStringList states;
    for (const QJsonValue &value : tokens) {
        const QJsonObject token = value.toObject();
        QVERIFY2(!token.contains(u"token"_s) && !token.contains(u"package"_s),
            "a list must not show secrets");
        states << token.value(u"state"_s).toString();
    }
    QCOMPARE(states, QStringList({ u"active"_s, u"expired"_s, u"used"_s }));
    const QJsonObject newest = tokens.at(0).toObject();
    QCOMPARE(newest.value(u"id"_s), active.value(u"id"_s));
    QCOMPARE(newest.value(u"region"_s).toString(), u"SG1"_s);
    QCOMPARE(newest.value(u"createdAt"_s).toString(), u"2026-01-01T00:00:02.000Z"_s);
    QCOMPARE(newest.value(u"expiresAt"_s).toString(), u"2026-01-01T05:00:02.000Z"_s);
    QVERIFY(newest.value(u"usedByServerId"_s).isNull());
    const QJsonObject oldest = tokens.at(2).toObject();
    QCOMPARE(oldest.value(u"usedAt"_s).toString(), u"2026-01-01T00:00:02.000Z"_s);
    QCOMPARE(qint64(oldest.value(u"usedByServerId"_s).toDouble()), server);
}

void tst_ApiEnrollment::listHonoursLimit()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(!create(u"JP1"_s).isEmpty());
    const Reply reply = f->get(Tokens + u"?limit=2"_s, admin);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"tokens"_s).toArray().size(), 2);
    QCOMPARE(f->get(Tokens + u"?limit=0"_s, admin).status, 400);
}

void tst_ApiEnrollment::revokesUnusedTokens()
{
    const QJsonObject unused = create(u"JP1"_s);
    const QJsonObject used = create(u"JP1"_s);
    QVERIFY(!unused.isEmpty() && !used.isEmpty());
    Catalog::EnrollmentStore store(f->db());
    QVERIFY_RESULT(store.consume(f->alpha, used.value(u"token"_s).toString(), f->clock.nowMs()));
    const auto path = [](const QJsonObject &token) {
        return Tokens + u"/%1"_s.arg(qint64(token.value(u"id"_s).toDouble()));
    };

    const Reply revoked = f->send("DELETE", path(unused), admin);
    QCOMPARE(revoked.status, 204);
    const auto grant
        = store.consume(f->alpha, unused.value(u"token"_s).toString(), f->clock.nowMs());
    QVERIFY(!grant);
    QCOMPARE(grant.error().code(), ErrorCode::Unauthorized);
    const auto audit = Catalog::AuditLog(f->db()).list(f->alpha, 0, 10);
    QCOMPARE(audit->constFirst().action, u"enrollment_token.revoke"_s);

    const Reply again = f->send("DELETE", path(unused), admin);
    QCOMPARE(again.status, 404);
    const Reply refused = f->send("DELETE", path(used), admin);
    QCOMPARE(refused.status, 409);
    QVERIFY(refused.json.value(u"message"_s).toString().contains(u"already used"_s));
    QCOMPARE(f->send("DELETE", Tokens + u"/abc"_s, admin).status, 400);
    const QJsonArray left = f->get(Tokens, admin).json.value(u"tokens"_s).toArray();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).toObject().value(u"id"_s), used.value(u"id"_s));
}

void tst_ApiEnrollment::otherTenantCannotListOrRevoke()
{
    const QJsonObject alphaToken = create(u"JP1"_s);
    QVERIFY(!alphaToken.isEmpty());
    const QString beta = f->login(u"beta"_s, u"admin"_s);
    QVERIFY(!beta.isEmpty());
    const Reply list = f->get(Tokens, beta);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value(u"tokens"_s).toArray().size(), 0);
    const QString path = Tokens + u"/%1"_s.arg(qint64(alphaToken.value(u"id"_s).toDouble()));
    const Reply revoke = f->send("DELETE", path, beta);
    QCOMPARE(revoke.status, 404);
    QCOMPARE(f->get(Tokens, admin).json.value(u"tokens"_s).toArray().size(), 1);
    // Beta's own token is listed for beta only.
    QCOMPARE(f->post(Tokens, beta, tokenRequest(u"JP1"_s)).status, 201);
    QCOMPARE(f->get(Tokens, beta).json.value(u"tokens"_s).toArray().size(), 1);
    QCOMPARE(f->get(Tokens, admin).json.value(u"tokens"_s).toArray().size(), 1);
}

void tst_ApiEnrollment::serverWithoutAgentListener()
{
    const QJsonObject existing = create(u"JP1"_s);
    QVERIFY(!existing.isEmpty());
    useIdentity(nullptr);
    const Reply reply = f->post(Tokens, admin, tokenRequest(u"JP1"_s));
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.code(), u"not_configured"_s);
    QCOMPARE(reply.json.value(u"message"_s).toString(),
        u"this server has no agent listener configured"_s);
    // Tokens made before can still be seen and revoked.
    QCOMPARE(f->get(Tokens, admin).json.value(u"tokens"_s).toArray().size(), 1);
    const QString path = Tokens + u"/%1"_s.arg(qint64(existing.value(u"id"_s).toDouble()));
    QCOMPARE(f->send("DELETE", path, admin).status, 204);
}

void tst_ApiEnrollment::badListenerSettingsLeaveNoToken()
{
    static const Api::ServerIdentity broken { u"backup.example.com"_s, {}, QByteArray(32, 'x') };
    useIdentity(&broken);
    const Reply reply = f->post(Tokens, admin, tokenRequest(u"JP1"_s));
    QCOMPARE(reply.status, 500);
    const QString message = reply.json.value(u"message"_s).toString();
    QVERIFY2(message.contains(u"\"primaryAddress\" \"backup.example.com\" has no port"_s),
        qPrintable(message));
    QCOMPARE(Catalog::EnrollmentStore(f->db()).list(f->alpha, 100)->size(), 0);
}

QTEST_GUILESS_MAIN(tst_ApiEnrollment)
#include "tst_apienrollment.moc"
