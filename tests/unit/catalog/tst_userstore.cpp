#include "catalogfixture.h"

#include <catalog/userstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

namespace {
const ScryptParams Cheap { 1u << 10, 8, 1 };
}

class tst_UserStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void createsUsersWithRoles();
    void authenticates_data();
    void authenticates();
    void changedPasswordReplacesOld();
    void apiKeysAuthenticateUntilRevoked();
    void apiKeyRoleLimitsItsUser();
    void rejectsEmptyNamesAndDuplicates();

private:
    std::unique_ptr<Test::CatalogFixture> m_f;
    qint64 m_admin = 0;
};

void tst_UserStore::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // stray warnings fail the test
    m_f = std::make_unique<Test::CatalogFixture>();
    QVERIFY(m_f->ok());
    m_admin = UserStore(m_f->db(), Cheap)
                  .create(m_f->alpha(), u"admin"_s, u"s3cret"_s, Role::Admin, 10)
                  .value_or(0);
    QVERIFY(m_admin > 0);
}

void tst_UserStore::createsUsersWithRoles()
{
    UserStore users(m_f->db(), Cheap);
    auto op = users.create(m_f->alpha(), u"operator"_s, u"pw"_s, Role::Operator, 20);
    QVERIFY_RESULT(op);
    auto list = users.list(m_f->alpha());
    QVERIFY_RESULT(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).name, u"admin"_s);
    QCOMPARE(list->at(0).role, Role::Admin);
    QCOMPARE(list->at(1).role, Role::Operator);
    QVERIFY_RESULT(users.setRole(m_f->alpha(), *op, Role::Viewer));
    QCOMPARE(users.user(m_f->alpha(), *op)->role, Role::Viewer);
    QCOMPARE(roleFromName(u"viewer"_s), Role::Viewer);
    QVERIFY(!roleFromName(u"root"_s));
}

void tst_UserStore::authenticates_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("inOtherTenant");
    QTest::addColumn<bool>("disabled");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("right password") << u"admin"_s << u"s3cret"_s << false << false << true;
    QTest::newRow("wrong password") << u"admin"_s << u"S3cret"_s << false << false << false;
    QTest::newRow("unknown user") << u"nobody"_s << u"s3cret"_s << false << false << false;
    QTest::newRow("right password, other tenant")
        << u"admin"_s << u"s3cret"_s << true << false << false;
    QTest::newRow("right password, disabled")
        << u"admin"_s << u"s3cret"_s << false << true << false;
}

void tst_UserStore::authenticates()
{
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(bool, inOtherTenant);
    QFETCH(bool, disabled);
    QFETCH(bool, accepted);
    UserStore users(m_f->db(), Cheap);
    QVERIFY_RESULT(users.setDisabled(m_f->alpha(), m_admin, disabled));
    auto login = users.authenticate(inOtherTenant ? m_f->beta() : m_f->alpha(), name, password);
    QCOMPARE(bool(login), accepted);
    if (accepted) {
        QCOMPARE(login->id, m_admin);
        QCOMPARE(login->role, Role::Admin);
    } else {
        QCOMPARE(login.error().code(), ErrorCode::Unauthorized);
        QCOMPARE(login.error().message(), u"unknown user name or wrong password"_s);
    }
}

void tst_UserStore::changedPasswordReplacesOld()
{
    UserStore users(m_f->db(), Cheap);
    QVERIFY_RESULT(users.setPassword(m_f->alpha(), m_admin, u"new one"_s));
    QVERIFY(!users.authenticate(m_f->alpha(), u"admin"_s, u"s3cret"_s));
    QVERIFY_RESULT(users.authenticate(m_f->alpha(), u"admin"_s, u"new one"_s));
    QCOMPARE(users.setPassword(m_f->alpha(), m_admin, QString()).error().code(),
        ErrorCode::InvalidArgument);
}

void tst_UserStore::apiKeysAuthenticateUntilRevoked()
{
    UserStore users(m_f->db(), Cheap);
    auto key = users.createApiKey(m_f->alpha(), m_admin, u"ci"_s, 100);
    QVERIFY_RESULT(key);
    QCOMPARE(*tenantOfToken(key->token), m_f->alpha());
    auto who = users.authenticateApiKey(m_f->alpha(), key->token, 200);
    QVERIFY_RESULT(who);
    QCOMPARE(who->id, m_admin);
    QCOMPARE(users.apiKeys(m_f->alpha())->at(0).lastUsedMs, 200);
    QCOMPARE(users.authenticateApiKey(m_f->beta(), key->token, 200).error().code(),
        ErrorCode::Unauthorized);
    QCOMPARE(users.authenticateApiKey(m_f->alpha(), key->token + u"x"_s, 200).error().code(),
        ErrorCode::Unauthorized);
    QVERIFY_RESULT(users.revokeApiKey(m_f->alpha(), key->id));
    QCOMPARE(users.authenticateApiKey(m_f->alpha(), key->token, 300).error().code(),
        ErrorCode::Unauthorized);
    QVERIFY(users.apiKeys(m_f->alpha())->at(0).revoked);
}

void tst_UserStore::apiKeyRoleLimitsItsUser()
{
    UserStore users(m_f->db(), Cheap);
    auto viewerKey = users.createApiKey(m_f->alpha(), m_admin, u"dash"_s, 100, Role::Viewer);
    auto fullKey = users.createApiKey(m_f->alpha(), m_admin, u"all"_s, 100);
    QVERIFY_RESULT(viewerKey);
    QVERIFY_RESULT(fullKey);
    QCOMPARE(users.authenticateApiKey(m_f->alpha(), viewerKey->token, 200)->role, Role::Viewer);
    QCOMPARE(users.authenticateApiKey(m_f->alpha(), fullKey->token, 200)->role, Role::Admin);
    auto keys = users.apiKeys(m_f->alpha());
    QVERIFY_RESULT(keys);
    QCOMPARE(keys->at(0).role, Role::Viewer);
    QCOMPARE(keys->at(1).role, std::nullopt);
    // A key never does more than its user may now: an admin key of a user made viewer views.
    auto adminKey = users.createApiKey(m_f->alpha(), m_admin, u"ops"_s, 100, Role::Admin);
    QVERIFY_RESULT(adminKey);
    QVERIFY_RESULT(users.setRole(m_f->alpha(), m_admin, Role::Operator));
    QCOMPARE(users.authenticateApiKey(m_f->alpha(), adminKey->token, 200)->role, Role::Operator);
    QCOMPARE(users.createApiKey(m_f->alpha(), m_admin, u" "_s, 100).error().code(),
        ErrorCode::InvalidArgument);
    QCOMPARE(lesserRole(Role::Admin, Role::Viewer), Role::Viewer);
    QCOMPARE(lesserRole(Role::Operator, Role::Admin), Role::Operator);
}

void tst_UserStore::rejectsEmptyNamesAndDuplicates()
{
    UserStore users(m_f->db(), Cheap);
    QCOMPARE(users.create(m_f->alpha(), u" "_s, u"pw"_s, Role::Viewer, 1).error().code(),
        ErrorCode::InvalidArgument);
    QCOMPARE(users.create(m_f->alpha(), u"x"_s, QString(), Role::Viewer, 1).error().code(),
        ErrorCode::InvalidArgument);
    QCOMPARE(users.create(m_f->alpha(), u"admin"_s, u"pw"_s, Role::Viewer, 1).error().code(),
        ErrorCode::Conflict);
    QVERIFY_RESULT(
        users.create(m_f->beta(), u"admin"_s, u"pw"_s, Role::Viewer, 1)); // other tenant: fine
}

QTEST_GUILESS_MAIN(tst_UserStore)
#include "tst_userstore.moc"
