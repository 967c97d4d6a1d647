// Login sessions, API keys and role checks through the real HTTP server.
#include "apifixture.h"

#include <catalog/userstore.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

class tst_ApiAuth : public QObject {
    Q_OBJECT

private slots:
    void init();
    void loginReturnsASessionToken();
    void badLoginsAreRefusedAlike_data();
    void badLoginsAreRefusedAlike();
    void loginBodyProblemsAreNamed();
    void badOrMissingTokenIsUnauthorized_data();
    void badOrMissingTokenIsUnauthorized();
    void sessionExpires();
    void logoutEndsTheSession();
    void disabledUserLosesAccessAtOnce();
    void apiKeyIsABearerToken();
    void revokedApiKeyIsRefused();
    void rolesThroughHttp_data();
    void rolesThroughHttp();

private:
    std::unique_ptr<ApiFixture> f;
};

void tst_ApiAuth::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
}

void tst_ApiAuth::loginReturnsASessionToken()
{
    const Reply reply = f->post(u"/api/v1/login"_s, {},
        { { u"tenant"_s, u"alpha"_s }, { u"user"_s, u"operator"_s },
            { u"password"_s, u"pw-operator"_s } });
    QCOMPARE(reply.status, 200);
    const QString token = reply.json.value(u"token"_s).toString();
    QVERIFY(token.size() >= 40);
    QCOMPARE(reply.json.value(u"role"_s).toString(), u"operator"_s);
    QCOMPARE(reply.json.value(u"tenantId"_s).toInteger(), f->alpha);
    const Reply me = f->get(u"/api/v1/me"_s, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(u"user"_s).toString(), u"operator"_s);
    QCOMPARE(me.json.value(u"apiKey"_s).toBool(), false);
    QCOMPARE(f->auth->sessionCount(), 1);
}

void tst_ApiAuth::badLoginsAreRefusedAlike_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << u"alpha"_s << u"admin"_s << u"nope"_s;
    QTest::newRow("unknown user") << u"alpha"_s << u"ghost"_s << u"pw-ghost"_s;
    QTest::newRow("unknown tenant") << u"gamma"_s << u"admin"_s << u"pw-admin"_s;
    QTest::newRow("user of another tenant") << u"beta"_s << u"viewer"_s << u"pw-viewer"_s;
}

void tst_ApiAuth::badLoginsAreRefusedAlike()
{
    QFETCH(QString, tenant);
    QFETCH(QString, user);
    QFETCH(QString, password);
    const Reply reply = f->post(u"/api/v1/login"_s, {},
        { { u"tenant"_s, tenant }, { u"user"_s, user }, { u"password"_s, password } });
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code(), u"unauthorized"_s);
    QCOMPARE(reply.json.value(u"message"_s).toString(), u"unknown tenant, user or password"_s);
    QCOMPARE(f->auth->sessionCount(), 0);
}

void tst_ApiAuth::loginBodyProblemsAreNamed()
{
    Reply reply = f->post(
        u"/api/v1/login"_s, {}, { { u"tenant"_s, u"alpha"_s }, { u"user"_s, u"admin"_s } });
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code(), u"invalid_argument"_s);
    QCOMPARE(reply.details().value(u"field"_s).toString(), u"password"_s);
    reply = f->send("POST", u"/api/v1/login"_s, {}, "{not json");
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"not valid JSON"_s));
    reply = f->send("POST", u"/api/v1/login"_s, {}, QByteArray(Api::DefaultMaxBodyBytes + 1, ' '));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"exceeds the limit"_s));
}

void tst_ApiAuth::badOrMissingTokenIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("no header") << QByteArray();
    QTest::newRow("unknown session")
        << QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("unknown api key")
        << QByteArray("Bearer 1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("malformed api key") << QByteArray("Bearer x.y");
    QTest::newRow("basic scheme") << QByteArray("Basic YWRtaW46cHc=");
    QTest::newRow("empty bearer") << QByteArray("Bearer ");
}

void tst_ApiAuth::badOrMissingTokenIsUnauthorized()
{
    QFETCH(QByteArray, authorization);
    const Reply reply = f->getWithAuthorization(u"/api/v1/servers"_s, authorization);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code(), u"unauthorized"_s);
    QVERIFY(!reply.json.value(u"message"_s).toString().isEmpty());
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
}

void tst_ApiAuth::sessionExpires()
{
    const QString token = f->login(u"alpha"_s, u"viewer"_s);
    QVERIFY(!token.isEmpty());
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 200);
    f->clock.advanceMs(Api::AuthOptions().sessionLifetimeMs - 1);
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 200);
    f->clock.advanceMs(1);
    const Reply reply = f->get(u"/api/v1/servers"_s, token);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(u"expired"_s));
}

void tst_ApiAuth::logoutEndsTheSession()
{
    const QString token = f->login(u"alpha"_s, u"viewer"_s);
    const QString other = f->login(u"alpha"_s, u"viewer"_s);
    QVERIFY(!token.isEmpty() && token != other);
    QCOMPARE(f->post(u"/api/v1/logout"_s, token).status, 204);
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 401);
    QCOMPARE(f->get(u"/api/v1/servers"_s, other).status, 200);
}

void tst_ApiAuth::disabledUserLosesAccessAtOnce()
{
    const QString token = f->login(u"alpha"_s, u"admin"_s);
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 200);
    QVERIFY_RESULT(Catalog::UserStore(f->db()).setDisabled(f->alpha, f->alphaAdminId, true));
    QCOMPARE(f->get(u"/api/v1/servers"_s, token).status, 401);
}

void tst_ApiAuth::apiKeyIsABearerToken()
{
    auto key = Catalog::UserStore(f->db()).createApiKey(
        f->alpha, f->alphaAdminId, u"ci"_s, f->clock.nowMs());
    QVERIFY_RESULT(key);
    const Reply me = f->get(u"/api/v1/me"_s, key->token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(u"apiKey"_s).toBool(), true);
    QCOMPARE(me.json.value(u"role"_s).toString(), u"admin"_s);
    QCOMPARE(me.json.value(u"tenantId"_s).toInteger(), f->alpha);
    // An API key is not a session: logging out with it is refused.
    QCOMPARE(f->post(u"/api/v1/logout"_s, key->token).status, 400);
    // The tenant part of a key cannot be swapped for another tenant's id.
    QString forged = key->token;
    forged.replace(0, forged.indexOf(u'.'), QString::number(f->beta));
    QCOMPARE(f->get(u"/api/v1/me"_s, forged).status, 401);
}

void tst_ApiAuth::revokedApiKeyIsRefused()
{
    Catalog::UserStore users(f->db());
    auto key = users.createApiKey(f->alpha, f->alphaAdminId, u"ci"_s, f->clock.nowMs());
    QVERIFY_RESULT(key);
    QCOMPARE(f->get(u"/api/v1/servers"_s, key->token).status, 200);
    QVERIFY_RESULT(users.revokeApiKey(f->alpha, key->id));
    QCOMPARE(f->get(u"/api/v1/servers"_s, key->token).status, 401);
}

void tst_ApiAuth::rolesThroughHttp_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("allowed");
    // Paths on a server id that does not exist: an allowed call gets past the role check and
    // answers 404 or 400, a refused one answers 403 before looking.
    const QString run = u"/api/v1/servers/999/backups"_s, stop = u"/api/v1/jobs/999/stop"_s,
                  ack = u"/api/v1/alerts/999/acknowledge"_s, plan = u"/api/v1/servers/999/plan"_s,
                  protect = u"/api/v1/servers/999/protect"_s,
                  unprotect = u"/api/v1/servers/999/unprotect"_s;
    QTest::newRow("viewer lists servers")
        << u"viewer"_s << QByteArray("GET") << u"/api/v1/servers"_s << true;
    QTest::newRow("viewer may not run a backup")
        << u"viewer"_s << QByteArray("POST") << run << false;
    QTest::newRow("viewer may not stop a job")
        << u"viewer"_s << QByteArray("POST") << stop << false;
    QTest::newRow("viewer may not acknowledge")
        << u"viewer"_s << QByteArray("POST") << ack << false;
    QTest::newRow("operator runs a backup") << u"operator"_s << QByteArray("POST") << run << true;
    QTest::newRow("operator stops a job") << u"operator"_s << QByteArray("POST") << stop << true;
    QTest::newRow("operator acknowledges") << u"operator"_s << QByteArray("POST") << ack << true;
    QTest::newRow("operator may not set a plan")
        << u"operator"_s << QByteArray("PUT") << plan << false;
    QTest::newRow("operator may not protect")
        << u"operator"_s << QByteArray("POST") << protect << false;
    QTest::newRow("operator may not unprotect")
        << u"operator"_s << QByteArray("POST") << unprotect << false;
    QTest::newRow("admin sets a plan") << u"admin"_s << QByteArray("PUT") << plan << true;
    QTest::newRow("admin protects") << u"admin"_s << QByteArray("POST") << protect << true;
    QTest::newRow("admin unprotects") << u"admin"_s << QByteArray("POST") << unprotect << true;
}

void tst_ApiAuth::rolesThroughHttp()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, allowed);
    const QString token = f->login(u"alpha"_s, user);
    QVERIFY(!token.isEmpty());
    const Reply reply = f->send(method, path, token, "{}");
    if (allowed) {
        QVERIFY2(reply.status == 200 || reply.status == 404, reply.body.constData());
    } else {
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code(), u"forbidden"_s);
        QCOMPARE(reply.details().value(u"role"_s).toString(), user);
    }
}

QTEST_GUILESS_MAIN(tst_ApiAuth)
#include "tst_apiauth.moc"
